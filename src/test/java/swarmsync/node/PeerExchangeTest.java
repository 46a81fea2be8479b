package swarmsync.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import swarmsync.protocol.Message;

/** Addresses peers tell us become dial targets, IPv4 and IPv6 alike, and never without bound. */
class PeerExchangeTest {
  private final List<InetSocketAddress> dialed = new ArrayList<>();
  private final PeerExchange exchange = new PeerExchange(new PeerLinks(), null, dialed::add);

  @Test
  void exchangedAddressesAreHandedToTheFinderAsSocketAddresses() {
    byte[] v6 = new byte[16];
    v6[0] = 0x20;
    v6[1] = 0x01;
    v6[15] = 1;
    exchange.received("peer", List.of(
        new Message.PeerAddress(new byte[] {10, 0, 0, 7}, 22_000),
        new Message.PeerAddress(v6, 443)));
    assertThat(dialed).containsExactly(new InetSocketAddress("10.0.0.7", 22_000),
        new InetSocketAddress("2001::1", 443));
  }

  @Test
  void noMoreThanTheMaximumOfDistinctAddressesIsEverTaken() {
    for (int round = 0; round < 6; round++) {
      List<Message.PeerAddress> batch = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        int n = round * 64 + i;
        batch.add(new Message.PeerAddress(new byte[] {10, 1, (byte) (n >> 8), (byte) n}, 1000));
      }
      exchange.received("peer", batch);
    }
    assertThat(dialed).hasSize(PeerExchange.MAX_EXCHANGED_TARGETS).doesNotHaveDuplicates();
    exchange.received("peer", List.of(new Message.PeerAddress(new byte[] {10, 1, 0, 0}, 1000)));
    assertThat(dialed).hasSize(PeerExchange.MAX_EXCHANGED_TARGETS + 1);
  }

  @Test
  void loopbackAddressesGoOnlyToPeersOnLoopbackAndLinkLocalIpv6ToNone() throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    InetAddress lan = InetAddress.getByName("192.168.1.20");
    InetAddress linkLocal = InetAddress.getByName("fe80::1");
    assertThat(PeerExchange.usableBy(true, loopback)).isTrue();
    assertThat(PeerExchange.usableBy(false, loopback)).isFalse();
    assertThat(PeerExchange.usableBy(false, lan)).isTrue();
    assertThat(PeerExchange.usableBy(true, lan)).isTrue();
    assertThat(PeerExchange.usableBy(true, linkLocal)).isFalse();
    assertThat(PeerExchange.usableBy(false, linkLocal)).isFalse();
  }
}
