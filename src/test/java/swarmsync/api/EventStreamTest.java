package swarmsync.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventStreamTest {
  private static FolderStatusView folder(String state, PeerView... peers) {
    return new FolderStatusView("/f", "id", "rw", 1, 0, 1, 0, 0, List.of(peers), true, state,
        "", 0);
  }

  private static final PeerView P1 = new PeerView("DEV-1", "127.0.0.1:1", "lan", "manual", 0, 0);
  private static final PeerView P2 = new PeerView("DEV-2", "127.0.0.1:2", "lan", "lan", 0, 0);

  @Test
  void stateChangesAndPeersComingAndGoingBecomeEvents() {
    StatusView before = new StatusView("me", List.of(folder("idle", P1)));
    StatusView after = new StatusView("me", List.of(folder("syncing", P2)));

    List<Map.Entry<String, Object>> events = EventStream.changes(before, after);

    assertThat(events).extracting(Map.Entry::getKey)
        .containsExactly("folder-state", "peer-connected", "peer-disconnected");
    assertThat(events.get(0).getValue()).isEqualTo(Map.of("path", "/f", "from", "idle",
        "to", "syncing"));
    assertThat(((Map<?, ?>) events.get(1).getValue()).get("device_id")).isEqualTo("DEV-2");
    assertThat(((Map<?, ?>) events.get(2).getValue()).get("device_id")).isEqualTo("DEV-1");
  }

  @Test
  void anUnchangedStatusMakesNoEvent() {
    StatusView same = new StatusView("me", List.of(folder("idle", P1)));
    assertThat(EventStream.changes(same, same)).isEmpty();
  }

  @Test
  void everyPeerOfANewFolderIsConnected() {
    StatusView before = new StatusView("me", List.of());
    StatusView after = new StatusView("me", List.of(folder("idle", P1)));
    assertThat(EventStream.changes(before, after)).extracting(Map.Entry::getKey)
        .containsExactly("peer-connected");
  }
}
