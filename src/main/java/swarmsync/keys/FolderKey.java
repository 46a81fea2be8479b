package swarmsync.keys;

import java.security.SecureRandom;
import java.util.Arrays;
import swarmsync.util.Hex;

/**
 * A folder key of any kind (A read-write, B read-only, E encrypted, C one-time invite): its text
 * form and every secret it can reach; weaker keys derive from stronger ones, never the reverse.
 *
 * <p>The key text is the folder's only credential, so it leaves this object only through
 * {@link #encode()}; {@link #toString()} shows the kind and the public discovery id. Methods a
 * kind cannot answer (the signer of a B key, the read-only key of an E key) throw
 * IllegalStateException saying so. Invites (C) are keys of their own: {@link #grants()},
 * {@link #tokenHash()} and {@link #inviteProofKey()} answer only for them.
 */
public final class FolderKey {
  /** Length of the random secret {@code s} of a read-write key: 168 bits. */
  static final int SEED_BYTES = 21;
  /** Length of an invite's random token {@code t}: 128 bits. */
  static final int TOKEN_BYTES = 16;
  /** Access-level byte of an invite that yields a read-write key. */
  static final byte GRANTS_READ_WRITE = 0x01;
  /** Access-level byte of an invite that yields a read-only key. */
  static final byte GRANTS_READ_ONLY = 0x02;

  private final KeyKind kind;
  private final byte[] payload;
  /** Null for invites. */
  private final KeyTree tree;
  private final byte[] discoveryId;

  private FolderKey(KeyKind kind, byte[] payload) {
    this.kind = kind;
    this.payload = payload;
    this.tree = switch (kind) {
      case READ_WRITE -> KeyTree.fromSeed(payload);
      case READ_ONLY -> KeyTree.fromReadOnly(payload);
      case ENCRYPTED -> KeyTree.fromEncrypted(payload);
      case INVITE -> null;
    };
    this.discoveryId = tree != null ? tree.discoveryId : KeyTree.discoveryId(token());
  }

  /** Parses key text (surrounding whitespace ignored); throws KeyFormatException if invalid. */
  public static FolderKey parse(String text) {
    KeyText.Decoded decoded = KeyText.decode(text.strip());
    if (decoded.kind() == KeyKind.INVITE) {
      byte level = decoded.payload()[TOKEN_BYTES];
      if (level != GRANTS_READ_WRITE && level != GRANTS_READ_ONLY) {
        throw new KeyFormatException(String.format(
            "invite key grants unknown access level 0x%02x: expected 0x01 or 0x02", level));
      }
    }
    return new FolderKey(decoded.kind(), decoded.payload());
  }

  /** A new folder: a read-write key of 21 bytes from {@code random}. */
  public static FolderKey newReadWrite(SecureRandom random) {
    byte[] s = new byte[SEED_BYTES];
    random.nextBytes(s);
    return new FolderKey(KeyKind.READ_WRITE, s);
  }

  /** A new one-time invite key that redeems for a key of kind {@code grants} (A or B). */
  public static FolderKey newInvite(SecureRandom random, KeyKind grants) {
    byte level = switch (grants) {
      case READ_WRITE -> GRANTS_READ_WRITE;
      case READ_ONLY -> GRANTS_READ_ONLY;
      default -> throw new IllegalArgumentException(
          "an invite grants a read-write or read-only key, not " + grants);
    };
    byte[] payload = new byte[TOKEN_BYTES + 1];
    random.nextBytes(payload);
    payload[TOKEN_BYTES] = level;
    return new FolderKey(KeyKind.INVITE, payload);
  }

  /** The key of {@code kind} whose payload (without checksum) is {@code payload}; for tests. */
  static FolderKey of(KeyKind kind, byte[] payload) {
    return parse(KeyText.encode(kind, payload.clone()));
  }

  public KeyKind kind() {
    return kind;
  }

  /** The key text: the secret itself, to show to its owner or to store; nothing else. */
  public String encode() {
    return KeyText.encode(kind, payload);
  }

  /** The read-only key (B) of this read-write key. */
  public FolderKey readOnly() {
    require(kind == KeyKind.READ_WRITE, "cannot give a read-only key (B)");
    return new FolderKey(KeyKind.READ_ONLY, tree.readOnlyPayload());
  }

  /** The encrypted key (E) of this read-write or read-only key. */
  public FolderKey encrypted() {
    require(kind == KeyKind.READ_WRITE || kind == KeyKind.READ_ONLY,
        "cannot give an encrypted key (E)");
    return new FolderKey(KeyKind.ENCRYPTED, tree.encryptedPayload());
  }

  /**
   * The 20-byte id announced to trackers, the DHT and the LAN (as BitTorrent info_hash): the
   * folder's discovery id, or for an invite the invite's own.
   */
  public byte[] discoveryId() {
    return discoveryId.clone();
  }

  /** The discovery id in lower-case hex (40 characters): the folder's id in the database. */
  public String folderId() {
    return Hex.encode(discoveryId);
  }

  /** The folder fingerprint {@code fp} (16 bytes) that names its public key; A, B and E. */
  public byte[] fingerprint() {
    require(tree != null, "has no fingerprint");
    return tree.fp.clone();
  }

  /** Whether this key may change the folder: true only for a read-write key. */
  public boolean canWrite() {
    return kind == KeyKind.READ_WRITE;
  }

  /** Whether this key may read names and contents: true for read-write and read-only keys. */
  public boolean canReadPlaintext() {
    return kind == KeyKind.READ_WRITE || kind == KeyKind.READ_ONLY;
  }

  /** The folder's signing key {@code sk}; read-write keys only. */
  public FolderSigner signer() {
    require(kind == KeyKind.READ_WRITE, "has no signing key");
    return tree.signer;
  }

  /** HMAC key of the membership proof, HKDF(folder_secret, "member", 32); A, B and E. */
  public byte[] memberKey() {
    require(tree != null, "has no member key");
    return tree.memberKey.clone();
  }

  /** HMAC key of the read proof, HKDF(ro, "read", 32); A and B only. */
  public byte[] readKey() {
    require(canReadPlaintext(), "has no read key");
    return tree.readKey.clone();
  }

  /** The key that encrypts names and contents, HKDF(ro, "content", 32); A and B only. */
  public byte[] contentKey() {
    require(canReadPlaintext(), "has no content key");
    return tree.contentKey.clone();
  }

  /** The kind of key an invite redeems for: READ_WRITE or READ_ONLY; invites only. */
  public KeyKind grants() {
    requireInvite("access level");
    return payload[TOKEN_BYTES] == GRANTS_READ_WRITE ? KeyKind.READ_WRITE : KeyKind.READ_ONLY;
  }

  /** SHA-256(t), 32 bytes: all the issuer stores of an invite; invites only. */
  public byte[] tokenHash() {
    requireInvite("token hash");
    return Hashes.sha256(token());
  }

  /** HMAC key of the invite redemption proof, HKDF(t, "redeem", 32); invites only. */
  public byte[] inviteProofKey() {
    requireInvite("invite proof key");
    return Hashes.derive(token(), "redeem", KeyTree.KEY_BYTES);
  }

  @Override
  public String toString() {
    return "FolderKey[" + kind.jsonName() + ", discovery=" + folderId().substring(0, 8) + "…]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FolderKey other && kind == other.kind
        && Arrays.equals(payload, other.payload);
  }

  @Override
  public int hashCode() {
    return 31 * kind.hashCode() + Arrays.hashCode(payload);
  }

  private byte[] token() {
    return Arrays.copyOf(payload, TOKEN_BYTES);
  }

  private void requireInvite(String what) {
    if (kind != KeyKind.INVITE) {
      throw new IllegalStateException(describe() + " has no " + what
          + ": only a one-time invite key (C) has one");
    }
  }

  /** Throws, saying e.g. "an encrypted key (E) has no read key: ...", unless available. */
  private void require(boolean available, String whatItLacks) {
    if (available) {
      return;
    }
    String reason = kind == KeyKind.INVITE
        ? "redeem it for a read-write or read-only key first"
        : "keys derive only downward, A -> B -> E";
    throw new IllegalStateException(describe() + " " + whatItLacks + ": " + reason);
  }

  /** "a read-only key (B)", "an encrypted key (E)". */
  private String describe() {
    String article = kind == KeyKind.ENCRYPTED ? "an " : "a ";
    return article + kind.displayName() + " key (" + kind.prefix() + ")";
  }
}
