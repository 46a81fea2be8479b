package swarmsync.keys;

/**
 * The four kinds of folder key, strongest first: what a key's holder may do and how its text
 * begins.
 */
public enum KeyKind {
  /** {@code A}: 21 random bytes {@code s}, from which every other secret of the folder derives. */
  READ_WRITE('A', "rw", "read-write", 21),
  /** {@code B}: {@code ro} (16) followed by the folder's fingerprint {@code fp} (16). */
  READ_ONLY('B', "ro", "read-only", 32),
  /** {@code E}: {@code enc} (16) followed by {@code fp} (16); reads no name and no byte. */
  ENCRYPTED('E', "encrypted", "encrypted", 32),
  /** {@code C}: one-time invite token {@code t} (16) followed by the access level (1). */
  INVITE('C', "invite", "one-time invite", 17);

  private final char prefix;
  private final String jsonName;
  private final String displayName;
  private final int payloadBytes;

  KeyKind(char prefix, String jsonName, String displayName, int payloadBytes) {
    this.prefix = prefix;
    this.jsonName = jsonName;
    this.displayName = displayName;
    this.payloadBytes = payloadBytes;
  }

  /** The letter a key of this kind starts with. */
  public char prefix() {
    return prefix;
  }

  /** The name used in JSON output and the REST API: rw, ro, encrypted or invite. */
  public String jsonName() {
    return jsonName;
  }

  /** Words for messages to people, e.g. "read-only". */
  String displayName() {
    return displayName;
  }

  /** Length of the payload (without checksum) in bytes. */
  int payloadBytes() {
    return payloadBytes;
  }

  /** The kind whose prefix is {@code c}, or null. */
  static KeyKind ofPrefix(char c) {
    for (KeyKind kind : values()) {
      if (kind.prefix == c) {
        return kind;
      }
    }
    return null;
  }
}
