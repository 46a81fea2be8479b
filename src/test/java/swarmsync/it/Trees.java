package swarmsync.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import swarmsync.util.Hex;

/** Builds test trees and describes them by content, for comparing folders on two nodes. */
final class Trees {
  private Trees() {}

  /** Path to SHA-256 (or "dir") of everything under root except .sync. */
  static Map<String, String> describe(Path root) throws IOException {
    Map<String, String> tree = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        String rel = root.relativize(p).toString();
        if (rel.isEmpty() || rel.equals(".sync") || rel.startsWith(".sync/")) {
          continue;
        }
        tree.put(rel, Files.isDirectory(p) ? "dir" : sha256(p)
            + (Files.isExecutable(p) ? "+x" : ""));
      }
    }
    return tree;
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 20];
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
      return Hex.encode(digest.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code bytes} of seeded random data to a file, 1 MiB at a time. */
  static void randomFile(Path file, long bytes, long seed) throws IOException {
    Files.createDirectories(file.getParent());
    Random random = new Random(seed);
    byte[] buffer = new byte[1 << 20];
    try (var out = Files.newOutputStream(file)) {
      for (long left = bytes; left > 0; left -= buffer.length) {
        random.nextBytes(buffer);
        out.write(buffer, 0, (int) Math.min(buffer.length, left));
      }
    }
  }

  /** {@code count} files of 1-64 KiB in 100 directories. */
  static void smallFiles(Path root, int count, long seed) throws IOException {
    Random random = new Random(seed);
    for (int i = 0; i < count; i++) {
      Path dir = root.resolve("dir" + (i % 100));
      Files.createDirectories(dir);
      byte[] content = new byte[1024 + random.nextInt(63 * 1024)];
      random.nextBytes(content);
      Files.write(dir.resolve("file" + i + ".bin"), content);
    }
  }
}
