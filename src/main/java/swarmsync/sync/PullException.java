package swarmsync.sync;

/** One file could not be pulled this round; it stays needed and is retried later. */
final class PullException extends Exception {
  PullException(String message) {
    super(message);
  }
}
