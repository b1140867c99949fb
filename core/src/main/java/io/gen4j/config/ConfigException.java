package io.gen4j.config;

import io.gen4j.UserFacing;

/**
 * A mistake in an experiment config, with a one-line message that names the file, the JSON path and
 * what was expected. Meant to be shown to the user as it is, without a stack trace.
 */
public final class ConfigException extends RuntimeException implements UserFacing {

  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
