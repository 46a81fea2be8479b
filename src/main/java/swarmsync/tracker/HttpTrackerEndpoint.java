package swarmsync.tracker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of our tracker: a minimal HTTP/1.1 server for {@code GET /announce?...}
 * (BEP 3, compact BEP 23), one request per connection, every reply a bencoded body.
 */
final class HttpTrackerEndpoint implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpTrackerEndpoint.class);
  /** 8 KiB of request line and headers: an announce URL is about 250 bytes. */
  static final int MAX_REQUEST_HEAD = 8 * 1024;
  /** 5 s for a client to send its request; a silent one gives its worker back. */
  static final int REQUEST_TIMEOUT_MS = 5000;
  /** 64 KiB read and dropped after refusing an oversized request head, at most. */
  private static final int MAX_DRAIN_BYTES = 64 * 1024;
  /** 1 s accept timeout: how soon the loop notices the socket was closed at the latest. */
  private static final int ACCEPT_TIMEOUT_MS = 1000;

  private final ServerSocket server;
  private final ExecutorService workers;
  private final Swarms swarms;
  private final Duration interval;

  HttpTrackerEndpoint(ServerSocket server, ExecutorService workers, Swarms swarms,
      Duration interval) {
    this.server = server;
    this.workers = workers;
    this.swarms = swarms;
    this.interval = interval;
  }

  /** Accepts until the server socket is closed; each connection is served by a worker. */
  @Override
  public void run() {
    while (!server.isClosed()) {
      try {
        server.setSoTimeout(ACCEPT_TIMEOUT_MS);
        Socket socket = server.accept();
        socket.setSoTimeout(REQUEST_TIMEOUT_MS);
        try {
          workers.execute(() -> serve(socket));
        } catch (RejectedExecutionException e) {
          LOG.debug("HTTP tracker busy, dropping {}", socket.getRemoteSocketAddress());
          socket.close();
        }
      } catch (SocketTimeoutException e) {
        // poll the closed flag
      } catch (IOException e) {
        if (!server.isClosed()) {
          LOG.warn("HTTP tracker on {}: {}", server.getLocalSocketAddress(), e.toString());
        }
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      String requestLine = readRequestLine(socket.getInputStream());
      if (requestLine == null) {
        write(socket.getOutputStream(), new HttpReply(400, "request head over "
            + MAX_REQUEST_HEAD + " bytes or truncated"));
        drain(socket);
        return;
      }
      write(socket.getOutputStream(), answer(requestLine, socket.getInetAddress()));
    } catch (IOException e) {
      LOG.debug("HTTP tracker connection from {}: {}", socket.getRemoteSocketAddress(),
          e.toString());
    }
  }

  /** A status and a bencoded body; a non-null {@code failure} becomes the body. */
  record HttpReply(int status, byte[] body) {
    HttpReply(int status, String failure) {
      this(status, HttpAnnounceResponse.failure(failure));
    }
  }

  /** The reply to a request line such as {@code GET /announce?info_hash=... HTTP/1.1}. */
  HttpReply answer(String requestLine, InetAddress from) {
    String[] parts = requestLine.split(" ");
    if (parts.length != 3 || !parts[2].startsWith("HTTP/")) {
      return new HttpReply(400, "malformed request line");
    }
    if (!parts[0].equals("GET")) {
      return new HttpReply(405, "only GET is supported");
    }
    int question = parts[1].indexOf('?');
    String path = question < 0 ? parts[1] : parts[1].substring(0, question);
    if (!path.equals("/announce")) {
      return new HttpReply(404, "no such path; announce is at /announce");
    }
    try {
      Map<String, byte[]> query = QueryString.decode(question < 0 ? ""
          : parts[1].substring(question + 1));
      return new HttpReply(200, announce(HttpAnnounceQuery.parse(query), from));
    } catch (TrackerException e) {
      LOG.debug("HTTP tracker refused {}: {}", from, e.getMessage());
      return new HttpReply(200, e.getMessage());
    }
  }

  private byte[] announce(HttpAnnounceQuery query, InetAddress from) throws TrackerException {
    SwarmPeer peer = new SwarmPeer(new InetSocketAddress(from, query.port()), query.peerId(),
        query.left() == 0);
    Swarms.Reply reply = swarms.announce(query.infoHash(), peer, query.event(), query.numWant());
    return HttpAnnounceResponse.encode(interval, reply.peers(), reply.seeders(),
        reply.leechers(), query.compact(), query.noPeerId());
  }

  /**
   * The first line of a request whose head (up to the empty line) is within the limit, as
   * ISO-8859-1 text; null if the head is too long or the stream ends first.
   */
  private static String readRequestLine(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int lineStart = 0;
    String first = null;
    while (head.size() < MAX_REQUEST_HEAD) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      if (b == '\n') {
        String line = head.toString(StandardCharsets.ISO_8859_1).substring(lineStart).strip();
        if (first == null) {
          first = line;
        } else if (line.isEmpty()) {
          return first;
        }
        lineStart = head.size();
      }
    }
    return null;
  }

  /**
   * Ends our side and reads what the client still sends (bounded), so that closing with
   * unread input does not reset the connection before the client has read our reply.
   */
  private static void drain(Socket socket) throws IOException {
    socket.shutdownOutput();
    InputStream in = socket.getInputStream();
    byte[] sink = new byte[MAX_REQUEST_HEAD];
    for (int total = 0; total < MAX_DRAIN_BYTES; ) {
      int read = in.read(sink);
      if (read < 0) {
        return;
      }
      total += read;
    }
  }

  private static void write(OutputStream out, HttpReply reply) throws IOException {
    String head = "HTTP/1.1 " + reply.status() + " " + reason(reply.status()) + "\r\n"
        + "Content-Type: text/plain\r\n"
        + "Content-Length: " + reply.body().length + "\r\n"
        + "Connection: close\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.write(reply.body());
    out.flush();
  }

  private static String reason(int status) {
    switch (status) {
      case 200: return "OK";
      case 400: return "Bad Request";
      case 404: return "Not Found";
      case 405: return "Method Not Allowed";
      default: return "Error";
    }
  }
}
