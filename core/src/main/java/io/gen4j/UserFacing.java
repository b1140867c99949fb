package io.gen4j;

/**
 * Marks an exception whose message is written for the person running gen4j: one line that names the
 * file, field, plugin or run at fault and what was expected. Front ends show the message as it is,
 * without a stack trace (the {@code gen4j} command prints {@code gen4j: <message>} and exits with 2
 * for a {@link Kind#MISTAKE}, 1 for a {@link Kind#FAILURE}; its {@code --debug} flag adds the trace).
 *
 * <p>Every gen4j exception meant for users implements it, so a front end translates them in one place:
 * a new exception type only needs to implement this interface.
 */
public interface UserFacing {

  /** What went wrong, from the user's side. */
  enum Kind {
    /** Bad input: a config, a data file, an argument or a plugin jar; fixing the input fixes it. */
    MISTAKE,
    /** A run that started and failed, such as a loss that became NaN; the run directory tells more. */
    FAILURE
  }

  /** Whether the input was wrong or a run failed; a mistake unless said otherwise. */
  default Kind kind() {
    return Kind.MISTAKE;
  }
}
