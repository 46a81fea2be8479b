package swarmsync.tracker;

/**
 * The announce event, with its HTTP parameter value (BEP 3) and UDP code (BEP 15).
 */
public enum Event {
  /** A regular, periodic announce: no {@code event} parameter, UDP code 0. */
  NONE("", 0),
  COMPLETED("completed", 1),
  STARTED("started", 2),
  STOPPED("stopped", 3);

  private final String httpValue;
  private final int udpCode;

  Event(String httpValue, int udpCode) {
    this.httpValue = httpValue;
    this.udpCode = udpCode;
  }

  /** The {@code event} query value; empty for {@link #NONE}, which sends no parameter. */
  public String httpValue() {
    return httpValue;
  }

  public int udpCode() {
    return udpCode;
  }

  /** The event of a BEP 15 code, or null when the code is none of 0 to 3. */
  static Event ofUdpCode(int code) {
    for (Event event : values()) {
      if (event.udpCode == code) {
        return event;
      }
    }
    return null;
  }

  /** The event of an HTTP {@code event} value (absent or empty is NONE), or null if unknown. */
  static Event ofHttpValue(String value) {
    for (Event event : values()) {
      if (event.httpValue.equals(value)) {
        return event;
      }
    }
    return null;
  }
}
