package swarmsync.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import swarmsync.util.Hex;

/**
 * The key derivation vectors of docs/protocol.md section 1, for the read-write key whose {@code s}
 * is 0x00..0x14, cross-checked against the JDK's own HMAC, SHA-256 and Ed25519.
 */
class KeyVectorsTest {
  static final byte[] S = Hex.decode("000102030405060708090a0b0c0d0e0f1011121314");
  static final String SIGN_SEED =
      "cc49c4207455e2555d527f667994b209dff1552f6f5fcf615b0b47d5fca1d492";
  static final String P = "17f1f39f3ca03f188ebad77293fcc4e00357ba4934befba5555a531849f609f1";
  static final String FP = "43cfe04c33d242aff461bad400806dc9";
  static final String RO = "b3c5c56e5b59e47be0603cad0431cf9d";
  static final String ENC = "5d0e55be41d02ab61622b39cc613e5a5";
  static final String CONTENT_KEY =
      "0be1597c7a32a7c9eb3e36e6bd514e73b2d5bf50ae0c189a4815729a23a4c2e3";
  static final String READ_KEY =
      "d129bcc141f2f56ad641a3703105df01aabf8d67688c0244f9d92091d6f82e8e";
  static final String FOLDER_SECRET =
      "b941f239c31b6fb46812a692c9ab3246e9abf4ca75b653477df028e51b9a25b2";
  static final String DISCOVERY_ID = "fabe3e79239bb2132b4d545090691245f0483f61";
  static final String MEMBER_KEY =
      "d4da5ed71f2629c2e6eecb89cc0056316300408a5eea31bfa421e4d2522a61b5";
  static final String KEY_A = "AAAECAwQFBgcICQoLDA0ODxAREhMUP3_t";
  static final String KEY_B = "Bs8XFbltZ5HvgYDytBDHPnUPP4Ewz0kKv9GG61ACAbcki2tw";
  static final String KEY_E = "EXQ5VvkHQKrYWIrOcxhPlpUPP4Ewz0kKv9GG61ACAbckF8wU";

  /** Invite with t = 0xa0..0xaf granting read-write (level 0x01). */
  static final String KEY_C_RW = "CoKGio6SlpqeoqaqrrK2urwHeTwQ";
  /** The same token granting read-only (level 0x02). */
  static final String KEY_C_RO = "CoKGio6SlpqeoqaqrrK2urwKYXxI";
  static final String INVITE_DISCOVERY_ID = "c177d353c1d12629bb46d7f9773eb181cece7da9";
  static final String INVITE_TOKEN_HASH =
      "503563c1bda45327ff4617750a06bd8143fcd4e7929934b7cf1e826c1ba60c90";
  static final String INVITE_PROOF_KEY =
      "7e49fd0f8b7a2a406abc1c41bf203b894b8b99daf0c0f0a7ce27bcd34af51ed1";

  @Test
  void readWriteKeyFromFixedSeedDerivesTheDocumentedTree() {
    FolderKey a = FolderKey.parse(KEY_A);
    KeyTree tree = KeyTree.fromSeed(S);

    assertThat(Hex.encode(Hashes.derive(S, "sign", 32))).isEqualTo(SIGN_SEED);
    assertThat(Hex.encode(a.signer().publicKey())).isEqualTo(P);
    assertThat(Hex.encode(a.fingerprint())).isEqualTo(FP);
    assertThat(Hex.encode(tree.ro)).isEqualTo(RO);
    assertThat(Hex.encode(tree.enc)).isEqualTo(ENC);
    assertThat(Hex.encode(a.contentKey())).isEqualTo(CONTENT_KEY);
    assertThat(Hex.encode(a.readKey())).isEqualTo(READ_KEY);
    assertThat(Hex.encode(tree.folderSecret)).isEqualTo(FOLDER_SECRET);
    assertThat(a.folderId()).isEqualTo(DISCOVERY_ID);
    assertThat(Hex.encode(a.memberKey())).isEqualTo(MEMBER_KEY);
  }

  @Test
  void fixedSeedEncodesToTheDocumentedKeyStrings() {
    FolderKey a = FolderKey.of(KeyKind.READ_WRITE, S);

    assertThat(a.encode()).isEqualTo(KEY_A);
    assertThat(a.readOnly().encode()).isEqualTo(KEY_B);
    assertThat(a.encrypted().encode()).isEqualTo(KEY_E);
  }

  @Test
  void readOnlyAndEncryptedKeyPayloadsAreTheDocumentedSecrets() {
    assertThat(payloadHex(KEY_B)).isEqualTo(RO + FP);
    assertThat(payloadHex(KEY_E)).isEqualTo(ENC + FP);
    assertThat(payloadHex(KEY_A)).isEqualTo(Hex.encode(S));
  }

  @Test
  void inviteKeysDeriveTheDocumentedValues() {
    FolderKey rw = FolderKey.parse(KEY_C_RW);
    FolderKey ro = FolderKey.parse(KEY_C_RO);
    byte[] token = Hex.decode("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");

    assertThat(rw.grants()).isEqualTo(KeyKind.READ_WRITE);
    assertThat(ro.grants()).isEqualTo(KeyKind.READ_ONLY);
    assertThat(payloadHex(KEY_C_RW)).isEqualTo(Hex.encode(token) + "01");
    assertThat(rw.folderId()).isEqualTo(INVITE_DISCOVERY_ID).isEqualTo(ro.folderId());
    assertThat(Hex.encode(rw.tokenHash())).isEqualTo(INVITE_TOKEN_HASH);
    assertThat(Hex.encode(rw.inviteProofKey())).isEqualTo(INVITE_PROOF_KEY);
    assertThat(Hex.encode(jdkSha256(token))).isEqualTo(INVITE_TOKEN_HASH);
    assertThat(Hex.encode(jdkHkdf(token, "redeem", 32))).isEqualTo(INVITE_PROOF_KEY);
  }

  @Test
  void derivationsMatchHkdfAndSha256ComputedByHandWithTheJdk() {
    byte[] ro = jdkHkdf(S, "ro", 16);
    byte[] enc = jdkHkdf(ro, "enc", 16);
    byte[] folderSecret = jdkHkdf(concat(enc, Hex.decode(FP)), "folder", 32);
    byte[] discovery = jdkSha256(jdkHkdf(folderSecret, "discovery", 32));
    byte[] fp = jdkSha256(concat("fp".getBytes(StandardCharsets.US_ASCII), Hex.decode(P)));

    assertThat(Hex.encode(ro)).isEqualTo(RO);
    assertThat(Hex.encode(enc)).isEqualTo(ENC);
    assertThat(Hex.encode(jdkHkdf(S, "sign", 32))).isEqualTo(SIGN_SEED);
    assertThat(Hex.encode(folderSecret)).isEqualTo(FOLDER_SECRET);
    assertThat(Hex.encode(discovery).substring(0, 40)).isEqualTo(DISCOVERY_ID);
    assertThat(Hex.encode(fp).substring(0, 32)).isEqualTo(FP);
    assertThat(Hex.encode(jdkHkdf(folderSecret, "member", 32))).isEqualTo(MEMBER_KEY);
  }

  @Test
  void folderPublicKeyIsTheJdkEd25519KeyOfTheSignSeed() throws Exception {
    PrivateKey jdkPrivate = KeyFactory.getInstance("Ed25519").generatePrivate(
        new EdECPrivateKeySpec(NamedParameterSpec.ED25519, Hex.decode(SIGN_SEED)));
    PublicKey jdkPublic = KeyFactory.getInstance("Ed25519").generatePublic(
        new X509EncodedKeySpec(Hex.decode("302a300506032b6570032100" + P)));
    byte[] message = "a file record".getBytes(StandardCharsets.UTF_8);
    Signature jdk = Signature.getInstance("Ed25519");
    jdk.initSign(jdkPrivate);
    jdk.update(message);
    byte[] jdkSignature = jdk.sign();
    Signature check = Signature.getInstance("Ed25519");
    check.initVerify(jdkPublic);
    check.update(message);

    assertThat(check.verify(jdkSignature)).isTrue();
    assertThat(FolderKey.parse(KEY_A).signer().sign(message)).isEqualTo(jdkSignature);
  }

  @Test
  void hkdfWiringMatchesRfc5869TestCase1() {
    byte[] okm = Hashes.hkdf(Hex.decode("0b".repeat(22)),
        Hex.decode("000102030405060708090a0b0c"), Hex.decode("f0f1f2f3f4f5f6f7f8f9"), 42);

    assertThat(Hex.encode(okm)).isEqualTo("3cb25f25faacd57a90434f64d0362f2a"
        + "2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
  }

  @Test
  void hkdfWithoutSaltMatchesRfc5869TestCase3() {
    byte[] okm = Hashes.hkdf(Hex.decode("0b".repeat(22)), null, new byte[0], 42);

    assertThat(Hex.encode(okm)).isEqualTo("8da4e775a563c18f715f802a063c5a31"
        + "b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
  }

  @Test
  void signerMatchesRfc8032TestVector1() {
    FolderSigner signer = FolderSigner.fromSeed(
        Hex.decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));

    assertThat(Hex.encode(signer.publicKey()))
        .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    assertThat(Hex.encode(signer.sign(new byte[0]))).isEqualTo(
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555"
        + "fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  }

  @Test
  void checksumIsTheFirstThreeBytesOfSha256OfPrefixAndPayload() {
    byte[] body = Base64.getUrlDecoder().decode(KEY_A.substring(1));
    byte[] expected = jdkSha256(concat(new byte[] {'A'}, S));

    assertThat(body).hasSize(24);
    assertThat(Arrays.copyOfRange(body, 21, 24))
        .isEqualTo(Arrays.copyOf(expected, 3));
  }

  private static String payloadHex(String key) {
    byte[] body = Base64.getUrlDecoder().decode(key.substring(1));
    return Hex.encode(Arrays.copyOf(body, body.length - 3));
  }

  /** RFC 5869 by hand, for outputs of at most 32 bytes: salt = 32 zero bytes. */
  static byte[] jdkHkdf(byte[] ikm, String label, int length) {
    byte[] prk = jdkHmac(new byte[32], ikm);
    byte[] info = ("swarmsync/v1/" + label).getBytes(StandardCharsets.UTF_8);
    return Arrays.copyOf(jdkHmac(prk, concat(info, new byte[] {1})), length);
  }

  static byte[] jdkHmac(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] jdkSha256(byte[] message) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(message);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
