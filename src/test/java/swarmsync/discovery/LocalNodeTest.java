package swarmsync.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import swarmsync.record.DeviceId;

class LocalNodeTest {
  private static final DeviceId ID = DeviceId.of(new byte[DeviceId.LENGTH]);

  @Test
  void withoutAMappingBothPortsAreTheListenPort() {
    LocalNode node = new LocalNode(ID, 22000);
    assertThat(node.port()).isEqualTo(22000);
    assertThat(node.listenPort()).isEqualTo(22000);
    assertThat(node.isOurPort(22000)).isTrue();
    assertThat(node.isOurPort(22001)).isFalse();
  }

  @Test
  void thePublicPortIsAskedEachTimeAndBothPortsAreOurs() {
    AtomicInteger mapped = new AtomicInteger(40000);
    LocalNode node = new LocalNode(ID, 22000, mapped::get);
    assertThat(node.port()).isEqualTo(40000);
    mapped.set(40001);
    assertThat(node.port()).isEqualTo(40001);
    assertThat(node.isOurPort(22000)).isTrue();
    assertThat(node.isOurPort(40001)).isTrue();
    assertThat(node.isOurPort(40000)).isFalse();
    mapped.set(22000); // the mapping lapsed: the listen port again
    assertThat(node.port()).isEqualTo(22000);
  }
}
