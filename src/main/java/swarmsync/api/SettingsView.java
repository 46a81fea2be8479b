package swarmsync.api;

/**
 * The node settings the web interface shows and edits. Edits are written to the home's
 * {@code config.json} and take effect when the daemon next starts.
 *
 * @param listen           HOST:PORT peers connect to, as configured (next start)
 * @param listening        HOST:PORT the running daemon listens on
 * @param discovery        the discovery switches in the configuration (next start)
 * @param discoveryRunning which discovery methods run now (command line flags included)
 * @param passwordSet      true when a web interface password is set
 */
public record SettingsView(String listen, String listening, Discovery discovery,
    Discovery discoveryRunning, boolean passwordSet) {

  /** Discovery switches, each on or off. */
  public record Discovery(boolean lan, boolean tracker, boolean dht) {}
}
