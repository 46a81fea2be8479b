package swarmsync.dht;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Announced peers: kept for their time to live, bounded in info_hashes and peers per hash. */
class PeerStoreTest {
  private final MutableClock clock = new MutableClock();
  private final PeerStore store = new PeerStore(clock, Duration.ofMinutes(30), 3, 4);

  @Test
  void peersExpireAfterTheirTimeToLiveUnlessAnnouncedAgain() {
    NodeId hash = hash(1);
    store.add(hash, peer(1));
    store.add(hash, peer(2));
    clock.advance(Duration.ofMinutes(20));
    store.add(hash, peer(2));
    clock.advance(Duration.ofMinutes(15));
    assertThat(store.peers(hash, 10)).containsExactly(peer(2));
    clock.advance(Duration.ofMinutes(20));
    assertThat(store.peers(hash, 10)).isEmpty();
    store.expire();
    assertThat(store.infoHashCount()).isZero();
  }

  @Test
  void peersPerHashAndHashesAreBounded() {
    for (int i = 0; i < 10; i++) {
      store.add(hash(1), peer(i));
    }
    assertThat(store.peers(hash(1), 100)).hasSize(4).contains(peer(9));
    for (int h = 2; h < 10; h++) {
      store.add(hash(h), peer(1));
    }
    assertThat(store.infoHashCount()).isEqualTo(3);
    assertThat(store.peers(hash(9), 10)).containsExactly(peer(1));
    assertThat(store.peers(hash(1), 10)).as("least recently announced hash evicted").isEmpty();
  }

  @Test
  void anAnswerCarriesAtMostTheRequestedNumberOfPeers() {
    for (int i = 0; i < 4; i++) {
      store.add(hash(1), peer(i));
    }
    assertThat(store.peers(hash(1), 2)).hasSize(2);
  }

  private static NodeId hash(int n) {
    byte[] b = new byte[20];
    b[0] = (byte) n;
    return NodeId.of(b);
  }

  private static InetSocketAddress peer(int n) {
    return new InetSocketAddress("127.0.0.1", 20000 + n);
  }
}
