package io.gen4j.inject;

import io.gen4j.UserFacing;

/** A plugin cannot be loaded: two providers share a name, or one was built for another SPI version. */
public final class PluginException extends RuntimeException implements UserFacing {

  private static final long serialVersionUID = 1L;

  public PluginException(String message) {
    super(message);
  }

  public PluginException(String message, Throwable cause) {
    super(message, cause);
  }
}
