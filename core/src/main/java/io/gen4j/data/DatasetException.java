package io.gen4j.data;

import io.gen4j.UserFacing;

/**
 * A dataset could not be read or is inconsistent. The message is one line and names the file or
 * dataset at fault.
 */
public final class DatasetException extends RuntimeException implements UserFacing {

  public DatasetException(String message) {
    super(message);
  }

  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
