package swarmsync.api.client;

/**
 * What a running daemon writes to {@code daemon.json} in its home.
 *
 * @param gui      host:port of the REST API as bound
 * @param pid      the daemon's process id
 * @param deviceId the device id, printed form
 */
public record DaemonState(String gui, long pid, String deviceId) {}
