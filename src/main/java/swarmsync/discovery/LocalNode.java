package swarmsync.discovery;

import java.util.function.IntSupplier;
import swarmsync.record.DeviceId;

/**
 * What discovery tells others about this node.
 *
 * @param deviceId   this device's id
 * @param listenPort the TCP port we listen on: what peers on our own networks connect to
 * @param publicPort the TCP port peers elsewhere connect to, asked at each announcement: the
 *                   external port of the port mapping in force now, else {@code listenPort}
 *                   (a mapping can move when it is renewed, or lapse)
 */
public record LocalNode(DeviceId deviceId, int listenPort, IntSupplier publicPort) {
  /** A node without a port mapping: every peer connects to {@code port}. */
  public LocalNode(DeviceId deviceId, int port) {
    this(deviceId, port, () -> port);
  }

  /** The port to announce through trackers and the DHT, as of now. */
  public int port() {
    return publicPort.getAsInt();
  }

  /** Whether {@code port} is one peers may reach this node at. */
  public boolean isOurPort(int port) {
    return port == listenPort || port == port();
  }
}
