package io.gen4j.cli;

import io.gen4j.UserFacing;
import java.io.PrintWriter;

/**
 * The one place where the command line turns an exception into what a person sees: the message of a
 * {@link UserFacing} exception (or of an {@link IllegalArgumentException}, a bad argument) as one line,
 * {@code gen4j: <message>}, with exit status 2 for a mistake and 1 for a failed run; anything else as
 * one line naming its type, with exit status 1. With {@code --debug} the stack trace comes first.
 */
final class ErrorReport {

  private ErrorReport() {}

  /**
   * Prints the error and returns the exit status.
   *
   * @param debug whether to print the stack trace too
   */
  static int print(Throwable error, boolean debug, PrintWriter err) {
    if (debug) {
      error.printStackTrace(err);
    }
    Throwable shown = userFacingCause(error);
    int status;
    if (shown instanceof UserFacing userFacing) {
      status = userFacing.kind() == UserFacing.Kind.FAILURE ? Gen4jCommand.FAILURE : Gen4jCommand.USAGE_ERROR;
      err.println("gen4j: " + oneLine(shown.getMessage()));
    } else if (shown instanceof IllegalArgumentException) {
      status = Gen4jCommand.USAGE_ERROR;
      err.println("gen4j: " + oneLine(shown.getMessage()));
    } else {
      status = Gen4jCommand.FAILURE;
      err.println("gen4j: unexpected error: " + error.getClass().getName()
          + (error.getMessage() == null ? "" : ": " + oneLine(error.getMessage()))
          + (debug ? "" : " (--debug shows the stack trace)"));
    }
    err.flush();
    return status;
  }

  /** The first exception of the cause chain meant for users; else the exception itself. */
  private static Throwable userFacingCause(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof UserFacing) {
        return cause;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return error;
  }

  private static String oneLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
