package swarmsync.tracker;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The parameters of an HTTP announce as our tracker reads them (BEP 3, 23); {@code ip} is
 * ignored, the source address of the connection is used instead.
 *
 * @param infoHash 20 raw bytes, required
 * @param peerId   20 raw bytes, required
 * @param port     1 to 65535, required
 * @param left     bytes left; 0 (also when absent) makes a seeder
 * @param event    started, stopped, completed, or none when absent or empty
 * @param numWant  peers wanted; -1 when absent
 * @param compact  whether {@code compact} is not "0" (compact is our default, as opentracker's)
 * @param noPeerId whether {@code no_peer_id=1}
 */
record HttpAnnounceQuery(byte[] infoHash, byte[] peerId, int port, long left, Event event,
    int numWant, boolean compact, boolean noPeerId) {
  /** 18 digits: any such decimal fits a long; no real count or port needs more. */
  private static final int MAX_DIGITS = 18;

  static HttpAnnounceQuery parse(Map<String, byte[]> query) throws TrackerException {
    byte[] infoHash = id(query, "info_hash");
    byte[] peerId = id(query, "peer_id");
    long port = number(query, "port", -1);
    if (port < 1 || port > 65535) {
      throw new TrackerException("port must be in [1, 65535], got " + port);
    }
    String eventText = text(query, "event");
    Event event = Event.ofHttpValue(eventText);
    if (event == null) {
      throw new TrackerException("unknown event '" + eventText + "'");
    }
    long numWant = Math.min(number(query, "numwant", -1), Integer.MAX_VALUE);
    return new HttpAnnounceQuery(infoHash, peerId, (int) port, number(query, "left", 0), event,
        (int) numWant, !text(query, "compact").equals("0"),
        text(query, "no_peer_id").equals("1"));
  }

  private static byte[] id(Map<String, byte[]> query, String name) throws TrackerException {
    byte[] value = query.get(name);
    if (value == null) {
      throw new TrackerException("missing " + name);
    }
    if (value.length != Announce.ID_BYTES) {
      throw new TrackerException(name + " must be 20 bytes, got " + value.length);
    }
    return value;
  }

  /** A non-negative decimal parameter, or {@code absent} when it is missing. */
  private static long number(Map<String, byte[]> query, String name, long absent)
      throws TrackerException {
    if (!query.containsKey(name)) {
      return absent;
    }
    String text = text(query, name);
    if (text.isEmpty() || text.length() > MAX_DIGITS
        || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new TrackerException(name + " must be a decimal of 1 to " + MAX_DIGITS
          + " digits, got '" + text + "'");
    }
    return Long.parseLong(text);
  }

  private static String text(Map<String, byte[]> query, String name) {
    byte[] value = query.get(name);
    return value == null ? "" : new String(value, StandardCharsets.ISO_8859_1);
  }
}
