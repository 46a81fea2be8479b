package swarmsync.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The invites table in a real SQLite file, used from many connections at once. */
class SqliteInviteStoreTest {
  private static final long NOW = 1_700_000_000_000L;
  private static final int RACERS = 16;

  @TempDir Path dir;
  private Path db;
  private SqliteInviteStore store;

  @BeforeEach
  void open() throws Exception {
    db = dir.resolve("index.db");
    SqliteIndexStore.open(db).close();
    store = SqliteInviteStore.open(db);
  }

  @AfterEach
  void close() throws Exception {
    store.close();
  }

  private static InviteRow pending(int n, long expiresMs) {
    byte[] hash = new byte[32];
    hash[0] = (byte) n;
    return new InviteRow(hash, String.format("%040x", n), new byte[32], "f".repeat(40),
        InviteRow.READ_ONLY, expiresMs, InviteRow.PENDING, NOW - n, null);
  }

  @Test
  void ofManyConnectionsRacingToUseOneInviteExactlyOneWins() throws Exception {
    for (int round = 1; round <= 5; round++) {
      InviteRow invite = pending(round, NOW + 60_000);
      store.add(invite);
      List<SqliteInviteStore> connections = new ArrayList<>();
      for (int i = 0; i < RACERS; i++) {
        connections.add(SqliteInviteStore.open(db));
      }
      ExecutorService pool = Executors.newFixedThreadPool(RACERS);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<InviteUse>> results = new ArrayList<>();
      try {
        for (SqliteInviteStore connection : connections) {
          Callable<InviteUse> attempt = () -> {
            go.await();
            return connection.use(invite.tokenHash(), NOW, new byte[] {1});
          };
          results.add(pool.submit(attempt));
        }
        go.countDown();
        List<InviteUse> uses = new ArrayList<>();
        for (Future<InviteUse> f : results) {
          uses.add(f.get());
        }
        assertThat(uses).filteredOn(u -> u == InviteUse.CONSUMED).hasSize(1);
        assertThat(uses).filteredOn(u -> u == InviteUse.ALREADY_USED).hasSize(RACERS - 1);
      } finally {
        pool.shutdownNow();
        for (SqliteInviteStore connection : connections) {
          connection.close();
        }
      }
      assertThat(store.byDiscoveryId(invite.discoveryId()).orElseThrow().state())
          .isEqualTo(InviteRow.USED);
    }
  }

  @Test
  void anExpiredInviteIsNotUsedAndStaysPending() {
    InviteRow invite = pending(1, NOW);
    store.add(invite);
    assertThat(store.use(invite.tokenHash(), NOW, new byte[] {1})).isEqualTo(InviteUse.EXPIRED);
    assertThat(store.byDiscoveryId(invite.discoveryId()).orElseThrow().state())
        .isEqualTo(InviteRow.PENDING);
    assertThat(store.pendingDiscoveryIds(NOW)).isEmpty();
    assertThat(store.pendingDiscoveryIds(NOW - 1)).containsExactly(invite.discoveryId());
  }

  @Test
  void aRevokedInviteCannotBeUsedAndAUsedOneCannotBeRevoked() {
    InviteRow revoked = pending(1, NOW + 1000);
    InviteRow used = pending(2, NOW + 1000);
    store.add(revoked);
    store.add(used);
    assertThat(store.revoke(revoked.tokenHash(), NOW)).isEqualTo(InviteUse.CONSUMED);
    assertThat(store.revoke(revoked.tokenHash(), NOW)).isEqualTo(InviteUse.REVOKED);
    assertThat(store.use(revoked.tokenHash(), NOW, new byte[] {1}))
        .isEqualTo(InviteUse.REVOKED);
    assertThat(store.use(used.tokenHash(), NOW, new byte[] {1})).isEqualTo(InviteUse.CONSUMED);
    assertThat(store.revoke(used.tokenHash(), NOW)).isEqualTo(InviteUse.ALREADY_USED);
    assertThat(store.use(new byte[32], NOW, new byte[] {1})).isEqualTo(InviteUse.UNKNOWN);
  }

  @Test
  void invitesAreFoundByAPrefixOfTheirId() {
    InviteRow invite = pending(0xab, NOW + 1000);
    store.add(invite);
    store.add(pending(0xac, NOW + 1000));
    assertThat(store.byIdPrefix("ab")).extracting(InviteRow::id).containsExactly(invite.id());
    assertThat(store.byIdPrefix("a")).hasSize(2);
    assertThat(store.all()).hasSize(2);
  }
}
