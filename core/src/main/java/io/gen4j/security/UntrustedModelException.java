package io.gen4j.security;

/**
 * A model file refused before it was loaded: an op that is not allowed in a generator graph, or a
 * file-writing op where the loader or sampling would run it. The message is one line naming the
 * directory, the first forbidden op and its node.
 */
public final class UntrustedModelException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public UntrustedModelException(String message) {
    super(message);
  }
}
