package swarmsync.dht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snapshot layout and the file it is kept in. */
class DhtStateFileTest {
  @Test
  void aSnapshotSurvivesTheFileAndKeepsIdAndNodes(@TempDir Path dir) throws Exception {
    NodeId id = NodeId.random();
    List<NodeInfo> nodes = List.of(
        new NodeInfo(NodeId.random(), new InetSocketAddress("127.0.0.1", 6881)),
        new NodeInfo(NodeId.random(), new InetSocketAddress("10.77.0.2", 6881)));
    byte[] bytes = new RoutingSnapshot(id, nodes).toBytes();
    assertThat(bytes).hasSize(1 + 20 + 2 + 2 * 26);
    Path file = dir.resolve("home/dht.state");
    DhtStateFile.save(file, bytes);
    RoutingSnapshot back = RoutingSnapshot.fromBytes(DhtStateFile.load(file).orElseThrow());
    assertThat(back.id()).isEqualTo(id);
    assertThat(back.nodes()).isEqualTo(nodes);
    try (var listing = Files.list(file.getParent())) {
      assertThat(listing).containsExactly(file);
    }
  }

  @Test
  void aCorruptFileIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("dht.state");
    Files.write(file, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> DhtStateFile.load(file)).isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString());
    byte[] wrongCount = new RoutingSnapshot(NodeId.random(), List.of()).toBytes();
    wrongCount[22] = 5;
    assertThatThrownBy(() -> RoutingSnapshot.fromBytes(wrongCount))
        .hasMessageContaining("does not hold 5 nodes");
  }
}
