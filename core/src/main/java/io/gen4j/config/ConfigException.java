package io.gen4j.config;

/**
 * A mistake in an experiment config, with a one-line message that names the file, the JSON path and
 * what was expected. Meant to be shown to the user as it is, without a stack trace: line breaks and
 * other control characters in the message (from a value quoted in it, say) are shown escaped.
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(oneLine(message));
  }

  /** {@code text} with every control character written as a Java escape, so it stays on one line. */
  static String oneLine(String text) {
    if (text == null) {
      return "invalid config";
    }
    StringBuilder line = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> line.append("\\n");
        case '\r' -> line.append("\\r");
        case '\t' -> line.append("\\t");
        default -> {
          if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
            line.append(String.format("\\u%04x", (int) c));
          } else {
            line.append(c);
          }
        }
      }
    }
    return line.toString();
  }
}
