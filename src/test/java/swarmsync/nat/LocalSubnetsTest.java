package swarmsync.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class LocalSubnetsTest {
  @Test
  void prefixesCompareBitByBit() throws Exception {
    InetAddress a = InetAddress.getByName("192.168.77.2");
    assertThat(LocalSubnets.samePrefix(a, InetAddress.getByName("192.168.77.200"), 24)).isTrue();
    assertThat(LocalSubnets.samePrefix(a, InetAddress.getByName("192.168.78.2"), 24)).isFalse();
    assertThat(LocalSubnets.samePrefix(a, InetAddress.getByName("192.168.78.2"), 22)).isTrue();
    assertThat(LocalSubnets.samePrefix(a, InetAddress.getByName("::1"), 0)).isFalse();
  }

  @Test
  void loopbackIsAlwaysLocal() {
    assertThat(LocalSubnets.contains(InetAddress.getLoopbackAddress())).isTrue();
  }
}
