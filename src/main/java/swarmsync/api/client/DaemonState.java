package swarmsync.api.client;

/**
 * What a running daemon writes to {@code daemon.json} in its home.
 *
 * @param gui        host:port of the REST API as bound
 * @param pid        the daemon's process id
 * @param deviceId   the device id, printed form
 * @param scheme     {@code https} when the API is served over TLS, else {@code http} (or null,
 *                   from daemons older than HTTPS support)
 * @param certSha256 with https, the hex SHA-256 of the DER certificate the API presents: the
 *                   CLI trusts exactly that certificate
 */
public record DaemonState(String gui, long pid, String deviceId, String scheme,
    String certSha256) {

  /** A plain-HTTP daemon's state. */
  public DaemonState(String gui, long pid, String deviceId) {
    this(gui, pid, deviceId, "http", null);
  }

  /** Whether the API is served over HTTPS. */
  public boolean https() {
    return "https".equals(scheme);
  }
}
