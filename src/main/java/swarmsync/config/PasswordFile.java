package swarmsync.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The web interface password, kept as a salted Argon2id hash in {@code gui-password} (mode
 * 0600) in the PHC string form {@code $argon2id$v=19$m=KIB,t=PASSES,p=LANES$SALT$HASH}
 * (base64 without padding). The password itself is never stored or logged.
 */
public final class PasswordFile {
  /** Memory cost in KiB: 19 MiB, the OWASP minimum for Argon2id with two passes. */
  static final int MEMORY_KIB = 19 * 1024;
  static final int PASSES = 2;
  static final int LANES = 1;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  /** Bounds on parameters read back, so a tampered file cannot make a login cost gigabytes. */
  private static final int MAX_MEMORY_KIB = 256 * 1024;
  private static final int MAX_PASSES = 10;
  private static final int MAX_LANES = 8;
  /** Longest password accepted; longer input is refused before hashing. */
  public static final int MAX_PASSWORD_CHARS = 1024;
  public static final int MIN_PASSWORD_CHARS = 8;

  private final Path file;

  public PasswordFile(HomeLayout home) {
    this.file = home.guiPassword();
  }

  /** True when a password has been set for this home. */
  public boolean isSet() {
    return Files.isRegularFile(file);
  }

  /** Hashes and stores a new password, replacing any old one atomically. */
  public void set(char[] password) throws ConfigException, IOException {
    if (password.length < MIN_PASSWORD_CHARS) {
      throw new ConfigException("the password must have at least " + MIN_PASSWORD_CHARS
          + " characters");
    }
    if (password.length > MAX_PASSWORD_CHARS) {
      throw new ConfigException("the password must have at most " + MAX_PASSWORD_CHARS
          + " characters");
    }
    byte[] salt = new byte[SALT_BYTES];
    new SecureRandom().nextBytes(salt);
    byte[] hash = argon2(password, salt, MEMORY_KIB, PASSES, LANES);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    String line = "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + PASSES + ",p=" + LANES + "$"
        + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, line + "\n", StandardCharsets.US_ASCII);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** True when {@code password} is the stored one; false when none is set. */
  public boolean matches(char[] password) throws IOException {
    if (!isSet() || password.length > MAX_PASSWORD_CHARS) {
      return false;
    }
    String[] parts = Files.readString(file, StandardCharsets.US_ASCII).trim().split("\\$");
    if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
      throw new IOException("unreadable password hash in " + file);
    }
    int memory = param(parts[3], "m", MAX_MEMORY_KIB);
    int passes = param(parts[3], "t", MAX_PASSES);
    int lanes = param(parts[3], "p", MAX_LANES);
    byte[] salt;
    byte[] expected;
    try {
      salt = Base64.getDecoder().decode(parts[4]);
      expected = Base64.getDecoder().decode(parts[5]);
    } catch (IllegalArgumentException e) {
      throw new IOException("unreadable password hash in " + file, e);
    }
    byte[] actual = argon2(password, salt, memory, passes, lanes);
    return expected.length == HASH_BYTES && MessageDigest.isEqual(expected, actual);
  }

  private int param(String list, String name, int max) throws IOException {
    for (String pair : list.split(",")) {
      String[] kv = pair.split("=", 2);
      if (kv.length == 2 && kv[0].equals(name)) {
        try {
          int value = Integer.parseInt(kv[1]);
          if (value >= 1 && value <= max) {
            return value;
          }
        } catch (NumberFormatException e) {
          // falls through to the error below
        }
      }
    }
    throw new IOException("password hash in " + file + ": parameter " + name
        + " missing or out of range");
  }

  private static byte[] argon2(char[] password, byte[] salt, int memory, int passes,
      int lanes) {
    Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt)
        .withMemoryAsKB(memory).withIterations(passes).withParallelism(lanes).build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] out = new byte[HASH_BYTES];
    byte[] utf8 = new String(password).getBytes(StandardCharsets.UTF_8);
    try {
      generator.generateBytes(utf8, out);
    } finally {
      Arrays.fill(utf8, (byte) 0);
    }
    return out;
  }
}
