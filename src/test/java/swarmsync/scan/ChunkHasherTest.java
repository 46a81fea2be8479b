package swarmsync.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import swarmsync.record.ChunkHash;
import swarmsync.record.ChunkRef;
import swarmsync.util.Hex;

class ChunkHasherTest {
  private static final int MIB = 1024 * 1024;

  @Test
  void emptyStreamHasNoChunks() throws IOException {
    assertThat(new ChunkHasher().hash(channel(new byte[0], -1))).isEmpty();
  }

  @Test
  void fileUpToTheMinimumIsOneChunkNamedByItsSha256() throws Exception {
    byte[] data = FastCdcChunkerTest.seededBytes(9, FastCdcChunker.MIN_SIZE);
    List<ChunkRef> chunks = new ChunkHasher().hash(channel(data, -1));
    assertThat(chunks).containsExactly(new ChunkRef(0, data.length,
        ChunkHash.of(MessageDigest.getInstance("SHA-256").digest(data))));
  }

  @Test
  void seededStreamHasFixedChunkHashes() {
    byte[] data = FastCdcChunkerTest.seededBytes(1, 16 * MIB);
    List<ChunkRef> chunks = new ChunkHasher().hash(data, 0, data.length);
    assertThat(chunks).hasSize(15);
    assertThat(chunks.get(0).hash()).hasToString(
        "289c0c711a0345f9f0c12d9d0d2010acc23620981bc2f44673ce5ea54c5da5b8");
    assertThat(chunks.get(1).hash()).hasToString(
        "f5b9fc4452820b9822c64c40a4ac5370247bc666b31136c95004c8a013332dc0");
    assertThat(chunks.get(14)).isEqualTo(new ChunkRef(16232026, 545190, ChunkHash.of(Hex.decode(
        "5a8ccf5e56d20dc4b677f7c2366af9f83f49f0b2468b864d70ef508dedce6037"))));
  }

  @Test
  void readingInSmallPiecesGivesTheSameChunks() throws IOException {
    byte[] data = FastCdcChunkerTest.seededBytes(2, 9 * MIB);
    assertThat(new ChunkHasher().hash(channel(data, -1)))
        .isEqualTo(new ChunkHasher(new FastCdcChunker(), 4099).hash(channel(data, -1)));
  }

  @Test
  void insertingOneByteAt100MibOf256MibChangesAtMostTwoChunks() throws IOException {
    byte[] data = FastCdcChunkerTest.seededBytes(256, 256 * MIB);
    int at = 100 * MIB;
    ChunkHasher hasher = new ChunkHasher();
    List<ChunkRef> before = hasher.hash(channel(data, -1));
    List<ChunkRef> after = hasher.hash(channel(data, at));

    Set<ChunkHash> old = new HashSet<>();
    before.forEach(c -> old.add(c.hash()));
    List<ChunkRef> fresh = after.stream().filter(c -> !old.contains(c.hash())).toList();
    assertThat(fresh).hasSize(1);
    ChunkRef edited = fresh.get(0);
    assertThat(edited.offset()).isLessThanOrEqualTo(at).isGreaterThan(at - 4L * MIB);
    assertThat(edited.end()).isGreaterThan(at);
    for (ChunkRef c : after) {
      if (c.end() <= at) {
        assertThat(before).contains(c);
      } else if (c.offset() > at) {
        assertThat(before).contains(new ChunkRef(c.offset() - 1, c.length(), c.hash()));
      }
    }
    assertThat(before.size()).isBetween(200, 280);
  }

  /** The data as a channel of short reads, with one extra byte 0x5a inserted at insertAt. */
  private static ReadableByteChannel channel(byte[] data, int insertAt) {
    return new ReadableByteChannel() {
      private long position;

      @Override
      public int read(ByteBuffer dst) {
        long length = data.length + (insertAt >= 0 ? 1 : 0);
        if (position >= length) {
          return -1;
        }
        int n = (int) Math.min(Math.min(dst.remaining(), 300_000), length - position);
        for (int k = 0; k < n; k++, position++) {
          dst.put(insertAt < 0 || position < insertAt ? data[(int) position]
              : position == insertAt ? (byte) 0x5a : data[(int) position - 1]);
        }
        return n;
      }

      @Override
      public boolean isOpen() {
        return true;
      }

      @Override
      public void close() {
        // Nothing to release.
      }
    };
  }
}
