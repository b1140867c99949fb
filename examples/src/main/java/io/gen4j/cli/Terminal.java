package io.gen4j.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether the command runs attached to an interactive terminal (not CI, not redirected output). */
final class Terminal {

  private Terminal() {}

  static boolean isInteractive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    if ("dumb".equals(System.getenv("TERM"))) {
      return false;
    }
    // Up to Java 21 a console exists only when standard input and output are a terminal; from Java 22
    // System.console() answers for redirected streams too, and Console.isTerminal() tells them apart.
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }
}
