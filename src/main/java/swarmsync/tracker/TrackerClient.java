package swarmsync.tracker;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;

/** A client of one tracker, over HTTP (BEP 3, 23) or UDP (BEP 15). */
public interface TrackerClient extends Closeable {
  /**
   * Announces and returns the tracker's answer; a {@link TrackerException} when it refuses,
   * another IOException when it cannot be reached in time. Never blocks longer than the
   * timeouts of its {@link TrackerSettings}.
   */
  AnnounceResult announce(Announce request) throws IOException;

  /** The tracker's URL as given. */
  String url();

  /**
   * A client for {@code url}: {@code http://host:port/announce} (or https) or
   * {@code udp://host:port[/announce]}.
   */
  static TrackerClient forUrl(String url, TrackerSettings settings) {
    URI uri = URI.create(url);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    switch (scheme) {
      case "http":
      case "https":
        return new HttpTrackerClient(uri, settings);
      case "udp":
        return new UdpTrackerClient(uri, settings);
      default:
        throw new IllegalArgumentException("tracker URL must be http, https or udp, got '"
            + url + "'");
    }
  }
}
