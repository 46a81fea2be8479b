package swarmsync.index;

/** The index database failed; the message names the step and the database file. */
public final class IndexException extends RuntimeException {
  public IndexException(String message, Throwable cause) {
    super(message, cause);
  }
}
