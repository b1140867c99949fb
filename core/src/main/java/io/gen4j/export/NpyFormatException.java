package io.gen4j.export;

import io.gen4j.UserFacing;

/**
 * A file is not the NumPy array {@link NpyImages} expects. The message is one line: the file, what
 * is wrong and what was expected.
 */
public final class NpyFormatException extends IllegalArgumentException implements UserFacing {

  public NpyFormatException(String message) {
    super(message);
  }
}
