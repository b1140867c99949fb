package io.gen4j.train;

/**
 * A run directory cannot be created, opened or taken: the runs directory is a file or lies under one,
 * a name is too long for the file system, another process is training the run. The message is one
 * line naming the directory and what is wrong.
 */
public final class RunDirectoryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public RunDirectoryException(String message) {
    super(message);
  }

  public RunDirectoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
