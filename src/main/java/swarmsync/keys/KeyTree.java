package swarmsync.keys;

import java.util.Arrays;

/**
 * The secrets one folder key reaches, derived downward with HKDF-SHA256 (see
 * {@code docs/protocol.md}, section 1); a field is null where the key is too weak to reach it.
 *
 * <pre>
 * s ─┬─ sign_seed = HKDF(s, "sign", 32) ─ Ed25519 (sk, P) ─ fp = SHA-256("fp" || P)[0..16)
 *    └─ ro = HKDF(s, "ro", 16) ─┬─ enc = HKDF(ro, "enc", 16)
 *                               ├─ content_key = HKDF(ro, "content", 32)
 *                               └─ read_key = HKDF(ro, "read", 32)
 * folder_secret = HKDF(enc || fp, "folder", 32)
 *   ├─ member_key = HKDF(folder_secret, "member", 32)
 *   └─ discovery_id = SHA-256(HKDF(folder_secret, "discovery", 32))[0..20)
 * </pre>
 */
final class KeyTree {
  /** Length of {@code ro} and {@code enc} in bytes: 128-bit secrets keep B and E keys short. */
  static final int SHORT_SECRET_BYTES = 16;
  /** Length of every other derived key in bytes. */
  static final int KEY_BYTES = 32;
  /** Discovery id length in bytes: a BitTorrent info_hash is 20 bytes. */
  static final int DISCOVERY_ID_BYTES = 20;

  final FolderSigner signer;
  final byte[] ro;
  final byte[] enc;
  final byte[] fp;
  final byte[] folderSecret;
  final byte[] discoveryId;
  final byte[] memberKey;
  final byte[] readKey;
  final byte[] contentKey;

  private KeyTree(FolderSigner signer, byte[] ro, byte[] enc, byte[] fp) {
    this.signer = signer;
    this.ro = ro;
    this.enc = enc;
    this.fp = fp;
    this.folderSecret = Hashes.derive(Hashes.concat(enc, fp), "folder", KEY_BYTES);
    this.discoveryId = discoveryId(folderSecret);
    this.memberKey = Hashes.derive(folderSecret, "member", KEY_BYTES);
    this.readKey = ro == null ? null : Hashes.derive(ro, "read", KEY_BYTES);
    this.contentKey = ro == null ? null : Hashes.derive(ro, "content", KEY_BYTES);
  }

  /** The whole tree, from a read-write key's 21 random bytes {@code s}. */
  static KeyTree fromSeed(byte[] s) {
    byte[] signSeed = Hashes.derive(s, "sign", FolderSigner.SEED_BYTES);
    FolderSigner signer = FolderSigner.fromSeed(signSeed);
    byte[] ro = Hashes.derive(s, "ro", SHORT_SECRET_BYTES);
    byte[] fp = SignatureVerifier.fingerprint(signer.publicKey());
    return new KeyTree(signer, ro, encFromRo(ro), fp);
  }

  /** The tree below {@code ro}, from a read-only key's payload {@code ro || fp}. */
  static KeyTree fromReadOnly(byte[] payload) {
    byte[] ro = Hashes.prefix(payload, SHORT_SECRET_BYTES);
    return new KeyTree(null, ro, encFromRo(ro), fingerprintOf(payload));
  }

  /** The tree below {@code enc}, from an encrypted key's payload {@code enc || fp}. */
  static KeyTree fromEncrypted(byte[] payload) {
    return new KeyTree(null, null, Hashes.prefix(payload, SHORT_SECRET_BYTES),
        fingerprintOf(payload));
  }

  /** SHA-256(HKDF(secret, "discovery", 32))[0..20): for folders and for invites. */
  static byte[] discoveryId(byte[] secret) {
    return Hashes.prefix(Hashes.sha256(Hashes.derive(secret, "discovery", KEY_BYTES)),
        DISCOVERY_ID_BYTES);
  }

  /** The payload of the B key: {@code ro || fp}. */
  byte[] readOnlyPayload() {
    return Hashes.concat(ro, fp);
  }

  /** The payload of the E key: {@code enc || fp}. */
  byte[] encryptedPayload() {
    return Hashes.concat(enc, fp);
  }

  private static byte[] encFromRo(byte[] ro) {
    return Hashes.derive(ro, "enc", SHORT_SECRET_BYTES);
  }

  private static byte[] fingerprintOf(byte[] payload) {
    return Arrays.copyOfRange(payload, SHORT_SECRET_BYTES, payload.length);
  }
}
