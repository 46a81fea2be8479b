package swarmsync.dht;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Bucket placement, the K bound, BEP 5 node states and replacement of bad nodes. */
class RoutingTableTest {
  private static final NodeId SELF = NodeId.of(new byte[20]);
  private final MutableClock clock = new MutableClock();
  private final RoutingTable table = new RoutingTable(SELF, 8, clock);

  @Test
  void nodesGoInTheBucketOfTheirCommonPrefixWithUs() {
    assertThat(table.bucketIndex(idWithBit(0, 0))).isEqualTo(0);
    assertThat(table.bucketIndex(idWithBit(159, 0))).isEqualTo(159);
    assertThat(table.bucketIndex(idWithBit(9, 0))).isEqualTo(9);
    assertThat(table.bucketIndex(SELF)).isEqualTo(160);
  }

  @Test
  void ourOwnIdIsNeverStored() {
    table.offer(node(SELF, 1), true);
    assertThat(table.size()).isZero();
  }

  @Test
  void aBucketHoldsAtMostKNodes() {
    for (int i = 0; i < 20; i++) {
      table.offer(node(idWithBit(0, i), i), true);
    }
    assertThat(table.size()).isEqualTo(8);
    assertThat(table.inState(NodeState.GOOD)).hasSize(8);
  }

  @Test
  void nodesFollowTheFifteenMinuteRule() {
    NodeId answered = idWithBit(3, 1);
    NodeId onlyQueried = idWithBit(4, 1);
    table.offer(node(answered, 1), true);
    table.offer(node(onlyQueried, 2), false);
    assertThat(table.state(answered)).contains(NodeState.GOOD);
    assertThat(table.state(onlyQueried)).contains(NodeState.QUESTIONABLE);

    clock.advance(Duration.ofMinutes(14));
    table.offer(node(answered, 1), false);
    clock.advance(Duration.ofMinutes(14));
    assertThat(table.state(answered)).as("a query of a node that once answered keeps it good")
        .contains(NodeState.GOOD);
    clock.advance(Duration.ofMinutes(2));
    assertThat(table.state(answered)).contains(NodeState.QUESTIONABLE);

    table.failed(address(1));
    assertThat(table.state(answered)).contains(NodeState.QUESTIONABLE);
    table.failed(address(1));
    assertThat(table.state(answered)).contains(NodeState.BAD);
    table.offer(node(answered, 1), true);
    assertThat(table.state(answered)).contains(NodeState.GOOD);
  }

  @Test
  void aFullBucketAsksToPingItsStalestQuestionableNodeAndReplacesItWhenBad() {
    for (int i = 0; i < 8; i++) {
      table.offer(node(idWithBit(0, i), i), true);
      clock.advance(Duration.ofSeconds(1));
    }
    NodeId newcomer = idWithBit(0, 100);
    assertThat(table.offer(node(newcomer, 100), true)).as("all good: no room").isEmpty();
    assertThat(table.state(newcomer)).isEmpty();

    clock.advance(Duration.ofMinutes(16));
    Optional<NodeInfo> toPing = table.offer(node(newcomer, 100), true);
    assertThat(toPing).map(NodeInfo::id).contains(idWithBit(0, 0));
    assertThat(table.state(newcomer)).as("waits as a replacement").isEmpty();

    table.failed(address(0));
    table.failed(address(0));
    assertThat(table.state(idWithBit(0, 0))).isEmpty();
    assertThat(table.state(newcomer)).isPresent();
    assertThat(table.size()).isEqualTo(8);
  }

  @Test
  void aBadNodeGivesWayToANewcomerAtOnce() {
    for (int i = 0; i < 8; i++) {
      table.offer(node(idWithBit(0, i), i), true);
    }
    table.failed(address(5));
    table.failed(address(5));
    assertThat(table.offer(node(idWithBit(0, 50), 50), true)).isEmpty();
    assertThat(table.state(idWithBit(0, 50))).contains(NodeState.GOOD);
    assertThat(table.state(idWithBit(0, 5))).isEmpty();
  }

  @Test
  void closestOrdersByXorDistanceAndSkipsBadNodes() {
    NodeId near = idWithBit(150, 0);
    NodeId middle = idWithBit(80, 0);
    NodeId far = idWithBit(0, 0);
    table.offer(node(far, 1), true);
    table.offer(node(near, 2), true);
    table.offer(node(middle, 3), true);
    assertThat(table.closest(SELF, 8)).extracting(NodeInfo::id).containsExactly(near, middle, far);
    assertThat(table.closest(SELF, 2)).hasSize(2);
    table.failed(address(2));
    table.failed(address(2));
    assertThat(table.closest(SELF, 8)).extracting(NodeInfo::id).containsExactly(middle, far);
  }

  @Test
  void privateAndLoopbackAddressesAreKept() {
    table.offer(new NodeInfo(idWithBit(1, 0), new InetSocketAddress("127.0.0.1", 6881)), true);
    table.offer(new NodeInfo(idWithBit(2, 0), new InetSocketAddress("10.77.0.2", 6881)), true);
    table.offer(new NodeInfo(idWithBit(3, 0), new InetSocketAddress("192.168.1.5", 6881)), true);
    assertThat(table.size()).isEqualTo(3);
  }

  /** An id sharing exactly {@code bit} leading bits with SELF (all zero), tagged in the tail. */
  private static NodeId idWithBit(int bit, int tag) {
    byte[] b = new byte[20];
    b[bit / 8] |= (byte) (0x80 >>> (bit % 8));
    b[19] |= (byte) (bit < 152 ? tag : 0);
    b[18] |= (byte) (bit < 144 ? tag >> 8 : 0);
    return NodeId.of(b);
  }

  private static NodeInfo node(NodeId id, int n) {
    return new NodeInfo(id, address(n));
  }

  private static InetSocketAddress address(int n) {
    return new InetSocketAddress("127.0.0.1", 10000 + n);
  }
}
