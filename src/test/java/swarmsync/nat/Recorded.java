package swarmsync.nat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Bodies recorded from miniupnpd 2.3.1 (upnp-router.sh), kept in test resources. */
final class Recorded {
  private Recorded() {}

  static byte[] bytes(String name) {
    try (InputStream in = Recorded.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
