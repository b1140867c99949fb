package io.gen4j.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** How much the command line logs: gen4j's info lines by default, its debug lines with {@code --verbose}. */
final class Verbosity {

  private Verbosity() {}

  /** Turns gen4j's debug lines on. */
  static void verbose() {
    if (LoggerFactory.getLogger("io.gen4j") instanceof Logger logger) {
      logger.setLevel(Level.DEBUG);
    }
  }
}
