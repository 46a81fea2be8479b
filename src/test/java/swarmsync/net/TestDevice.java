package swarmsync.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import swarmsync.record.DeviceId;

/** A device for tests: a started connection manager on loopback that queues what it gets. */
final class TestDevice implements AutoCloseable {
  final DeviceCertificate cert;
  final ConnectionManager manager;
  final InetSocketAddress address;
  final BlockingQueue<PeerConnection> received = new LinkedBlockingQueue<>();

  private TestDevice(DeviceCertificate cert, int port, ConnectionSettings settings)
      throws IOException {
    this.cert = cert;
    this.manager = new ConnectionManager(cert,
        new InetSocketAddress(InetAddress.getLoopbackAddress(), port), received::add, settings);
    this.address = manager.start();
  }

  static TestDevice start(ConnectionSettings settings) throws IOException {
    return new TestDevice(DeviceCertificate.generate(new SecureRandom()), 0, settings);
  }

  static TestDevice start() throws IOException {
    return start(ConnectionSettings.DEFAULTS);
  }

  /** Another manager with this device's certificate on the same port. */
  static TestDevice restart(TestDevice old, ConnectionSettings settings) throws IOException {
    return new TestDevice(old.cert, old.address.getPort(), settings);
  }

  DeviceId id() {
    return cert.deviceId();
  }

  PeerConnection next() throws InterruptedException {
    PeerConnection connection = received.poll(10, TimeUnit.SECONDS);
    if (connection == null) {
      throw new AssertionError(id().shortName() + " got no connection within 10 s");
    }
    return connection;
  }

  List<PeerConnection> open() {
    return received.stream().filter(c -> !c.isClosed()).collect(Collectors.toList());
  }

  @Override
  public void close() {
    manager.close();
  }
}
