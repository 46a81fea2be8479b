package swarmsync.nat;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Plain HTTP/1.1 to the gateway's UPnP server with bounded time and size: 3 s to connect and
 * per read, a 5 s deadline for the whole body, and at most 64 KiB of it.
 */
final class BoundedHttp {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(3);
  static final Duration BODY_DEADLINE = Duration.ofSeconds(5);
  /** Device descriptions are a few KiB; anything larger is not a router's. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  /** A status and body. */
  record Response(int status, byte[] body) {}

  private BoundedHttp() {}

  static Response get(URI uri) throws IOException {
    return send(uri, null, null);
  }

  static Response postSoap(URI uri, String soapAction, String body) throws IOException {
    return send(uri, soapAction, body.getBytes(StandardCharsets.UTF_8));
  }

  private static Response send(URI uri, String soapAction, byte[] body) throws IOException {
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection(
        java.net.Proxy.NO_PROXY);
    try {
      c.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
      c.setReadTimeout((int) READ_TIMEOUT.toMillis());
      c.setInstanceFollowRedirects(false);
      c.setUseCaches(false);
      if (body != null) {
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "text/xml; charset=\"utf-8\"");
        c.setRequestProperty("SOAPAction", soapAction);
        c.setFixedLengthStreamingMode(body.length);
        c.getOutputStream().write(body);
      }
      int status = c.getResponseCode();
      if (c.getContentLengthLong() > MAX_BODY_BYTES) {
        throw new IOException(uri + " answered with " + c.getContentLengthLong()
            + " bytes, more than " + MAX_BODY_BYTES);
      }
      InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
      return new Response(status, in == null ? new byte[0] : readBounded(in, uri));
    } finally {
      c.disconnect();
    }
  }

  private static byte[] readBounded(InputStream in, URI uri) throws IOException {
    try (in) {
      long deadline = System.nanoTime() + BODY_DEADLINE.toNanos();
      byte[] buffer = new byte[MAX_BODY_BYTES + 1];
      int length = 0;
      int n;
      while ((n = in.read(buffer, length, buffer.length - length)) > 0) {
        length += n;
        if (length > MAX_BODY_BYTES) {
          throw new IOException(uri + " answered with more than " + MAX_BODY_BYTES + " bytes");
        }
        if (System.nanoTime() > deadline) {
          throw new IOException(uri + " took more than " + BODY_DEADLINE.toSeconds()
              + " s to send its answer");
        }
      }
      return java.util.Arrays.copyOf(buffer, length);
    }
  }
}
