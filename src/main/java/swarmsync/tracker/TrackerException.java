package swarmsync.tracker;

import java.io.IOException;

/** A tracker answered, but with a failure, an error or a reply we cannot use. */
public final class TrackerException extends IOException {
  public TrackerException(String message) {
    super(message);
  }

  public TrackerException(String message, Throwable cause) {
    super(message, cause);
  }
}
