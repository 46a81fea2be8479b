package swarmsync.relay;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import swarmsync.util.Base32;

/**
 * A relay's address as users write it: {@code relay://HOST:PORT} with an optional
 * {@code ?id=DEVICE-ID} (Syncthing's form: 56 base32 characters in groups of 7, each group of 14
 * ending in a Luhn check character) that the relay's certificate must then match. Other query
 * parameters (pingInterval, providedBy, ...) are Syncthing's and ignored.
 *
 * @param host the relay's host name or IP literal
 * @param port its TCP port
 * @param id SHA-256 of the relay's certificate if the URI names it
 */
public record RelayUri(String host, int port, Optional<byte[]> id) {
  /** Syncthing device ids: 52 base32 data characters plus 4 Luhn characters. */
  private static final int SYNCTHING_ID_CHARS = 56;

  /** Parses a relay URI; one-line reason on a bad one. */
  public static RelayUri parse(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("bad relay URI '" + text + "': " + e.getReason());
    }
    if (!"relay".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null
        || uri.getPort() < 1 || uri.getPort() > 65535) {
      throw new IllegalArgumentException("expected relay://HOST:PORT, got '" + text + "'");
    }
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    Optional<byte[]> id = Optional.empty();
    String query = uri.getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.startsWith("id=") && pair.length() > 3) {
          id = Optional.of(syncthingId(pair.substring(3), text));
        }
      }
    }
    return new RelayUri(host, uri.getPort(), id);
  }

  /** The 32 bytes of a Syncthing device id (Luhn characters dropped, not checked). */
  static byte[] syncthingId(String text, String uri) {
    String plain = text.replace("-", "").toUpperCase(Locale.ROOT);
    if (plain.length() != SYNCTHING_ID_CHARS) {
      throw new IllegalArgumentException("relay id in '" + uri + "' has " + plain.length()
          + " characters, not " + SYNCTHING_ID_CHARS);
    }
    StringBuilder data = new StringBuilder(52);
    for (int group = 0; group < 4; group++) {
      data.append(plain, group * 14, group * 14 + 13);
    }
    try {
      return Base32.decode(data.toString());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("relay id in '" + uri + "' is not base32");
    }
  }

  /** Where to connect, resolved now. */
  public InetSocketAddress address() {
    return new InetSocketAddress(host, port);
  }

  /** {@code relay://HOST:PORT}, without the id, for logs and status. */
  @Override
  public String toString() {
    return "relay://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RelayUri other && other.host.equals(host) && other.port == port;
  }

  @Override
  public int hashCode() {
    return host.hashCode() * 31 + port;
  }
}
