package swarmsync.tracker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import swarmsync.bencode.BBytes;
import swarmsync.bencode.BencodeException;
import swarmsync.bencode.BencodeReader;

/**
 * A client of an HTTP tracker: BEP 3 announce with {@code compact=1} (BEP 23), reading
 * compact, dictionary and {@code peers6} peer lists.
 *
 * <p>Sent: {@code info_hash, peer_id, port, uploaded=0, downloaded=0, left=0, compact=1,
 * numwant} and {@code event} unless it is a periodic announce. Nothing else identifies us.
 */
final class HttpTrackerClient implements TrackerClient {
  /** 1 MiB: a reply of thousands of peers is tens of KiB; more is not a tracker. */
  static final int MAX_REPLY_BYTES = 1024 * 1024;

  private final URI url;
  private final TrackerSettings settings;
  private final HttpClient http;

  HttpTrackerClient(URI url, TrackerSettings settings) {
    this.url = url;
    this.settings = settings;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.httpTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .proxy(HttpClient.Builder.NO_PROXY)
        .build();
  }

  @Override
  public String url() {
    return url.toString();
  }

  @Override
  public AnnounceResult announce(Announce request) throws IOException {
    HttpRequest get = HttpRequest.newBuilder(announceUri(request))
        .timeout(settings.httpTimeout())
        .header("User-Agent", "swarmsync")
        .GET()
        .build();
    CompletableFuture<HttpResponse<byte[]>> call =
        http.sendAsync(get, info -> new LimitedBody(MAX_REPLY_BYTES));
    HttpResponse<byte[]> response;
    try {
      response = call.get(settings.httpTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new IOException("announce to " + url + " took over " + settings.httpTimeout(), e);
    } catch (ExecutionException e) {
      throw new IOException("announce to " + url + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw new IOException("announce to " + url + " interrupted", e);
    }
    if (response.statusCode() != 200) {
      throw new TrackerException("announce to " + url + ": HTTP " + response.statusCode()
          + failureOf(response.body()));
    }
    try {
      return HttpAnnounceResponse.decode(response.body());
    } catch (TrackerException e) {
      throw new TrackerException("announce to " + url + ": " + e.getMessage(), e);
    }
  }

  /** The announce URL: the tracker URL with our parameters appended to its query. */
  URI announceUri(Announce request) {
    StringBuilder query = new StringBuilder(url.toString());
    query.append(url.getRawQuery() == null ? '?' : '&')
        .append("info_hash=").append(QueryString.encode(request.infoHash()))
        .append("&peer_id=").append(QueryString.encode(request.peerId()))
        .append("&port=").append(request.port())
        .append("&uploaded=0&downloaded=0&left=0&compact=1")
        .append("&numwant=").append(settings.numWant());
    if (request.event() != Event.NONE) {
      query.append("&event=").append(request.event().httpValue());
    }
    return URI.create(query.toString());
  }

  /** The failure reason of a non-200 reply if it is a bencoded one, for the error message. */
  private static String failureOf(byte[] body) {
    try {
      return BencodeReader.decodeDict(body).get("failure reason")
          .map(reason -> reason instanceof BBytes text ? " (" + text.text() + ")" : "")
          .orElse("");
    } catch (BencodeException e) {
      return "";
    }
  }

  @Override
  public void close() {
    // HttpClient of Java 17 has no close; its idle connections time out on their own.
  }
}
