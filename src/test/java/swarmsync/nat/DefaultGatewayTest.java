package swarmsync.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class DefaultGatewayTest {
  private static final String HEADER = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\t"
      + "Metric\tMask\t\tMTU\tWindow\tIRTT\n";

  @Test
  void defaultRouteGivesTheGatewayInHostByteOrder() throws Exception {
    String table = HEADER
        + "eth0\t00000000\t014DA8C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n"
        + "eth0\t004DA8C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n";
    assertThat(DefaultGateway.parse(table)).contains(InetAddress.getByName("192.168.77.1"));
  }

  @Test
  void lowestMetricWinsAndDownRoutesDoNotCount() throws Exception {
    String table = HEADER
        + "wlan0\t00000000\t0100A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0\n"
        + "eth1\t00000000\t0200A8C0\t0002\t0\t0\t10\t00000000\t0\t0\t0\n"
        + "eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n";
    assertThat(DefaultGateway.parse(table)).contains(InetAddress.getByName("192.168.1.1"));
  }

  @Test
  void noDefaultRouteMeansNoGateway() {
    assertThat(DefaultGateway.parse(HEADER)).isEmpty();
    assertThat(DefaultGateway.parse("")).isEmpty();
    assertThat(DefaultGateway.parse(HEADER + "eth0\t004DA8C0\t00000000\t0001\t0\t0\t0\t"
        + "00FFFFFF\t0\t0\t0\n")).isEmpty();
    assertThat(DefaultGateway.parse(HEADER + "garbage line\n")).isEmpty();
  }
}
