package swarmsync.keys;

/**
 * The keys that encrypt a folder for its encrypted hosts, each HKDF(content_key, label, 32):
 * names, record metadata, chunk contents, chunk ids and nonces. Reachable from A and B keys
 * only: an E key cannot compute {@code content_key}.
 */
public final class ContentKeys {
  private final byte[] nameKey;
  private final byte[] metaKey;
  private final byte[] chunkKey;
  private final byte[] chunkIdKey;
  private final byte[] nonceKey;

  private ContentKeys(byte[] contentKey) {
    nameKey = Hashes.derive(contentKey, "enc/name", KeyTree.KEY_BYTES);
    metaKey = Hashes.derive(contentKey, "enc/meta", KeyTree.KEY_BYTES);
    chunkKey = Hashes.derive(contentKey, "enc/chunk", KeyTree.KEY_BYTES);
    chunkIdKey = Hashes.derive(contentKey, "enc/chunk-id", KeyTree.KEY_BYTES);
    nonceKey = Hashes.derive(contentKey, "enc/nonce", KeyTree.KEY_BYTES);
  }

  /** The content keys of a folder whose key can read plaintext (A or B). */
  public static ContentKeys of(FolderKey key) {
    return new ContentKeys(key.contentKey());
  }

  /** The content keys under a given content_key (test vectors). */
  public static ContentKeys fromContentKey(byte[] contentKey) {
    return new ContentKeys(contentKey.clone());
  }

  /** HMAC key of name ids: HKDF(content_key, "enc/name"). */
  public byte[] nameKey() {
    return nameKey.clone();
  }

  /** AES-256-GCM key of record metadata: HKDF(content_key, "enc/meta"). */
  public byte[] metaKey() {
    return metaKey.clone();
  }

  /** AES-256-GCM key of chunk contents: HKDF(content_key, "enc/chunk"). */
  public byte[] chunkKey() {
    return chunkKey.clone();
  }

  /** HMAC key of encrypted chunk ids: HKDF(content_key, "enc/chunk-id"). */
  public byte[] chunkIdKey() {
    return chunkIdKey.clone();
  }

  /** HMAC key nonces are derived with: HKDF(content_key, "enc/nonce"). */
  public byte[] nonceKey() {
    return nonceKey.clone();
  }

  /** HMAC-SHA256 of {@code message} under {@code key}. */
  public static byte[] hmac(byte[] key, byte[] message) {
    return Hashes.hmacSha256(key, message);
  }
}
