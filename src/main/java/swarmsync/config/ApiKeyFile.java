package swarmsync.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** The API key the CLI uses: 32 random bytes, base64url, in {@code api-key} (mode 0600). */
public final class ApiKeyFile {
  private static final int KEY_BYTES = 32;

  private ApiKeyFile() {}

  public static String loadOrCreate(HomeLayout home) throws IOException {
    Path file = home.apiKey();
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
    byte[] raw = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(raw);
    String key = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Path tmp = file.resolveSibling("api-key.tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, key + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    return key;
  }
}
