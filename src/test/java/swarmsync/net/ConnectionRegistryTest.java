package swarmsync.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import swarmsync.record.DeviceId;

/** The one-connection-per-pair rule, seen from both ends of the pair. */
class ConnectionRegistryTest {
  private static final DeviceId SMALL = id(1);
  private static final DeviceId LARGE = id(2);

  @Test
  void connectionDialedBySmallerIdIsNeverReplacedByOneDialedByTheLarger() {
    // On the small device, its own dial is outbound; on the large device, the same is inbound.
    assertThat(ConnectionRegistry.replaces(SMALL, LARGE, false, true)).isFalse();
    assertThat(ConnectionRegistry.replaces(LARGE, SMALL, true, false)).isFalse();
  }

  @Test
  void connectionDialedBySmallerIdReplacesOneDialedByTheLarger() {
    assertThat(ConnectionRegistry.replaces(SMALL, LARGE, true, false)).isTrue();
    assertThat(ConnectionRegistry.replaces(LARGE, SMALL, false, true)).isTrue();
  }

  @Test
  void bothEndsKeepTheSameConnectionWhicheverHandshakeFinishesFirst() {
    // Connection x dialed by SMALL, y dialed by LARGE; each end sees them in either order.
    for (boolean xFirstOnSmall : new boolean[] {true, false}) {
      for (boolean xFirstOnLarge : new boolean[] {true, false}) {
        String keptOnSmall = kept(SMALL, LARGE, xFirstOnSmall, true);
        String keptOnLarge = kept(LARGE, SMALL, xFirstOnLarge, false);
        assertThat(keptOnSmall).isEqualTo(keptOnLarge).isEqualTo("x");
      }
    }
  }

  @Test
  void newestWinsWhenTheSameDeviceDialedBoth() {
    assertThat(ConnectionRegistry.replaces(SMALL, LARGE, true, true)).isTrue();
    assertThat(ConnectionRegistry.replaces(LARGE, SMALL, false, false)).isTrue();
    assertThat(ConnectionRegistry.replaces(LARGE, SMALL, true, true)).isTrue();
    assertThat(ConnectionRegistry.replaces(SMALL, LARGE, false, false)).isTrue();
  }

  /** Which of x (dialed by SMALL) and y (dialed by LARGE) the end {@code local} keeps. */
  private static String kept(DeviceId local, DeviceId peer, boolean xFirst, boolean localIsSmall) {
    boolean xOutbound = localIsSmall;
    boolean yOutbound = !localIsSmall;
    if (xFirst) {
      return ConnectionRegistry.replaces(local, peer, yOutbound, xOutbound) ? "y" : "x";
    }
    return ConnectionRegistry.replaces(local, peer, xOutbound, yOutbound) ? "x" : "y";
  }

  private static DeviceId id(int first) {
    byte[] bytes = new byte[DeviceId.LENGTH];
    Arrays.fill(bytes, (byte) 7);
    bytes[0] = (byte) first;
    return DeviceId.of(bytes);
  }
}
