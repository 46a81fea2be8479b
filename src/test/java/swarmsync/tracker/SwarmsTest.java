package swarmsync.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SwarmsTest {
  private static final Duration INTERVAL = Duration.ofMinutes(1);
  private static final byte[] HASH = new byte[20];
  private final TestClock clock = new TestClock();
  private final Swarms swarms = new Swarms(INTERVAL, clock);

  private static SwarmPeer peer(String ip, int port) {
    return new SwarmPeer(new InetSocketAddress(ip, port), new byte[20], true);
  }

  private Swarms.Reply announce(SwarmPeer peer, Event event) throws TrackerException {
    return swarms.announce(HASH, peer, event, -1);
  }

  @Test
  void peersSeeEachOtherButNeverThemselves() throws Exception {
    assertThat(announce(peer("127.0.0.1", 1), Event.STARTED).peers()).isEmpty();
    Swarms.Reply second = announce(peer("127.0.0.1", 2), Event.STARTED);
    assertThat(second.peers()).extracting(SwarmPeer::address)
        .containsExactly(new InetSocketAddress("127.0.0.1", 1));
    assertThat(second.seeders()).isEqualTo(2);
    assertThat(announce(peer("127.0.0.1", 1), Event.NONE).peers()).extracting(SwarmPeer::address)
        .containsExactly(new InetSocketAddress("127.0.0.1", 2));
  }

  @Test
  void stoppedRemovesThePeer() throws Exception {
    announce(peer("127.0.0.1", 1), Event.STARTED);
    announce(peer("127.0.0.1", 2), Event.STOPPED);
    announce(peer("127.0.0.1", 1), Event.STOPPED);
    assertThat(swarms.size()).isZero();
    assertThat(announce(peer("127.0.0.1", 2), Event.STARTED).peers()).isEmpty();
  }

  @Test
  void peersExpireTwoIntervalsAfterTheirLastAnnounce() throws Exception {
    announce(peer("127.0.0.1", 1), Event.STARTED);
    clock.advance(INTERVAL.multipliedBy(2).minusSeconds(1));
    assertThat(announce(peer("127.0.0.1", 2), Event.STARTED).peers()).hasSize(1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(announce(peer("127.0.0.1", 2), Event.NONE).peers()).isEmpty();
    assertThat(swarms.size()).isEqualTo(1);
  }

  @Test
  void aFullSwarmRefusesNewPeersButNotKnownOnes() throws Exception {
    for (int port = 1; port <= Swarms.MAX_PEERS_PER_HASH; port++) {
      announce(peer("10.0.0.1", port), Event.STARTED);
    }
    assertThatThrownBy(() -> announce(peer("10.0.0.2", 1), Event.STARTED))
        .isInstanceOf(TrackerException.class).hasMessageContaining("is full (1000 peers)");
    assertThat(announce(peer("10.0.0.1", 1), Event.NONE).peers())
        .hasSize(Swarms.DEFAULT_NUMWANT);
  }

  @Test
  void numWantIsHonouredUpToTheMaximum() throws Exception {
    for (int port = 1; port <= 300; port++) {
      announce(peer("10.0.0.1", port), Event.STARTED);
    }
    assertThat(swarms.announce(HASH, peer("10.0.0.9", 1), Event.NONE, 3).peers()).hasSize(3);
    assertThat(swarms.announce(HASH, peer("10.0.0.9", 1), Event.NONE, 1000).peers())
        .hasSize(Swarms.MAX_NUMWANT);
  }

  @Test
  void scrapeCountsSeedersCompletedAndLeechers() throws Exception {
    announce(peer("127.0.0.1", 1), Event.STARTED);
    swarms.announce(HASH, new SwarmPeer(new InetSocketAddress("127.0.0.1", 2), new byte[20],
        false), Event.COMPLETED, -1);
    assertThat(swarms.scrape(HASH)).containsExactly(1, 1, 1);
    assertThat(swarms.scrape(new byte[] {1})).containsExactly(0, 0, 0);
  }
}
