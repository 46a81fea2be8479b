package swarmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import swarmsync.crypt.RecordCipher;
import swarmsync.index.EncryptedRecordStore.DeviceEncryptedRecord;
import swarmsync.index.FolderRow;
import swarmsync.index.SqliteIndexStore;
import swarmsync.keys.ContentKeys;
import swarmsync.keys.FolderKey;
import swarmsync.record.CanonicalEncryptedRecord;
import swarmsync.record.CanonicalRecord;
import swarmsync.record.ChunkHash;
import swarmsync.record.ChunkRef;
import swarmsync.record.EncryptedRecord;
import swarmsync.record.FileRecord;
import swarmsync.record.FileType;
import swarmsync.record.VersionVector;

/** The encrypted host engine on a real index and chunk store; peers are an in-memory map. */
class EncryptedHostTest {
  @TempDir Path dir;
  private final FolderKey key = FolderKey.newReadWrite(new SecureRandom());
  private final RecordCipher cipher = new RecordCipher(key.discoveryId(), ContentKeys.of(key));
  /** Ciphertext one peer (device 1) serves, by id: stands in for a connected member. */
  private final Map<ChunkHash, byte[]> peer = new ConcurrentHashMap<>();
  private SqliteIndexStore index;
  private EncryptedHost host;

  @BeforeEach
  void open() throws Exception {
    index = SqliteIndexStore.open(dir.resolve("index.db"));
    index.addFolder(new FolderRow(key.folderId(), dir.resolve("e").toString(), "E", "encrypted",
        1L, 0, false));
    EncryptedChunkSource source = new EncryptedChunkSource() {
      @Override
      public Set<Integer> connectedDevices(String folderId) {
        return Set.of(1);
      }

      @Override
      public CompletableFuture<byte[]> requestEncrypted(int device, String folderId,
          ChunkHash id, int size) {
        byte[] data = peer.get(id);
        return data == null ? CompletableFuture.failedFuture(new IllegalStateException("none"))
            : CompletableFuture.completedFuture(data);
      }
    };
    host = new EncryptedHost(key.folderId(), dir.resolve("e"), index, source, folderId -> { });
    host.start();
  }

  @AfterEach
  void close() throws Exception {
    host.close();
    index.close();
  }

  /** A signed record of {@code content} at {@code path}, its chunk served by the peer. */
  private EncryptedRecord authored(String path, byte[] content, VersionVector version)
      throws Exception {
    ChunkHash hash = ChunkHash.of(MessageDigest.getInstance("SHA-256").digest(content));
    FileRecord r = new FileRecord(path, FileType.FILE, content.length, 1L, 0644, false, version,
        3, 1, List.of(new ChunkRef(0, content.length, hash)), "", null);
    r = r.withSignature(key.signer().sign(CanonicalRecord.bytes(key.discoveryId(), r)));
    EncryptedRecord e = cipher.encrypt(r);
    peer.put(cipher.chunks().encryptedId(hash), cipher.chunks().encrypt(content, hash));
    return e.withEncSignature(key.signer().sign(
        CanonicalEncryptedRecord.bytes(key.discoveryId(), e)));
  }

  @Test
  void storesSignedRecordsAndTheirCiphertextThenAnnouncesThem() throws Exception {
    host.setPublicKey(key.signer().publicKey());
    EncryptedRecord e = authored("notes/plan.txt", "the plan".getBytes(), VersionVector.EMPTY
        .bump(1));
    assertThat(host.acceptRemote(1, "peer", List.of(e))).isEqualTo(1);
    await().atMost(Duration.ofSeconds(20)).until(() -> host.localRecordsSince(0, 10).size() == 1);
    EncryptedRecord stored = host.localRecordsSince(0, 10).get(0);
    assertThat(stored.nameId()).isEqualTo(e.nameId());
    assertThat(stored.encSignature()).isEqualTo(e.encSignature());
    assertThat(host.readChunk(stored.chunks().get(0)))
        .isEqualTo(peer.get(stored.chunks().get(0).id()));
    assertThat(host.localCounts()).containsExactly(1, stored.chunks().get(0).size());
    try (var files = Files.walk(dir.resolve("e"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.contains("plan") || n.contains("notes"));
    }
  }

  @Test
  void refusesRecordsWithABadSignatureOrBeforeItKnowsTheKey() throws Exception {
    EncryptedRecord e = authored("a.txt", "a".getBytes(), VersionVector.EMPTY.bump(1));
    assertThat(host.acceptRemote(1, "peer", List.of(e))).isZero();
    host.setPublicKey(key.signer().publicKey());
    EncryptedRecord bumped = new EncryptedRecord(e.nameId(), e.version().bump(9), 0,
        e.chunks(), e.metadata(), e.encSignature());
    assertThat(host.acceptRemote(1, "peer", List.of(bumped))).isZero();
    FolderKey other = FolderKey.newReadWrite(new SecureRandom());
    EncryptedRecord forged = e.withEncSignature(other.signer().sign(
        CanonicalEncryptedRecord.bytes(key.discoveryId(), e)));
    assertThat(host.acceptRemote(1, "peer", List.of(forged))).isZero();
    assertThat(host.acceptRemote(1, "peer", List.of(e))).isEqualTo(1);
  }

  @Test
  void keepsTheNewestVersionAndPicksOneOfConcurrentOnesTheSameWayEveryTime() throws Exception {
    VersionVector v1 = VersionVector.EMPTY.bump(1);
    EncryptedRecord old = authored("x", "1".getBytes(), v1);
    EncryptedRecord newer = authored("x", "2".getBytes(), v1.bump(1));
    EncryptedRecord sideways = authored("x", "3".getBytes(), v1.bump(2));
    assertThat(EncryptedHost.newest(List.of(new DeviceEncryptedRecord(1, old),
        new DeviceEncryptedRecord(2, newer))).record()).isSameAs(newer);
    DeviceEncryptedRecord one = EncryptedHost.newest(List.of(
        new DeviceEncryptedRecord(2, newer), new DeviceEncryptedRecord(3, sideways)));
    DeviceEncryptedRecord two = EncryptedHost.newest(List.of(
        new DeviceEncryptedRecord(3, sideways), new DeviceEncryptedRecord(2, newer)));
    assertThat(one.record()).isSameAs(two.record());
  }
}
