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
  /** The 16 MiB seeded stream cut as a file of the small class: fixed forever. */
  private static final int SMALL_CLASS_CHUNKS = 56;
  private static final Integer[] SMALL_CLASS_LENGTHS =
      {403856, 278365, 370569, 367094, 94923, 122906};
  private static final String SMALL_CLASS_FIRST_HASH =
      "94867ab8bbdbfd2028d2df6b88b548008b6e1e287a859afe36bafd35dd541658";

  @Test
  void emptyFileHasNoChunks() throws IOException {
    assertThat(new ChunkHasher().hashFile(channel(new byte[0], -1), 0)).isEmpty();
  }

  @Test
  void sizeClassesFollowTheFileSize() {
    assertThat(ChunkSizes.forFileSize(0)).isEqualTo(new ChunkSizes(64 << 10, 256 << 10, MIB));
    assertThat(ChunkSizes.forFileSize(8L << 30)).isSameAs(ChunkSizes.SMALL);
    assertThat(ChunkSizes.forFileSize((8L << 30) + 1))
        .isEqualTo(new ChunkSizes(128 << 10, 512 << 10, 2 * MIB));
    assertThat(ChunkSizes.forFileSize(16L << 30)).isSameAs(ChunkSizes.MEDIUM);
    assertThat(ChunkSizes.forFileSize((16L << 30) + 1))
        .isEqualTo(new ChunkSizes(FastCdcChunker.MIN_SIZE, FastCdcChunker.AVG_SIZE,
            FastCdcChunker.MAX_SIZE));
    assertThat(ChunkSizes.forFileSize(Long.MAX_VALUE)).isSameAs(ChunkSizes.LARGE);
  }

  @Test
  void fileUpToTheMinimumIsOneChunkNamedByItsSha256() throws Exception {
    byte[] data = FastCdcChunkerTest.seededBytes(9, ChunkSizes.SMALL.min());
    List<ChunkRef> chunks = new ChunkHasher().hashFile(channel(data, -1), data.length);
    assertThat(chunks).containsExactly(new ChunkRef(0, data.length,
        ChunkHash.of(MessageDigest.getInstance("SHA-256").digest(data))));
  }

  @Test
  void seededFileOfTheSmallClassHasFixedChunks() {
    byte[] data = FastCdcChunkerTest.seededBytes(1, 16 * MIB);
    List<ChunkRef> chunks = new ChunkHasher().hash(data, 0, data.length);
    assertThat(chunks).hasSize(SMALL_CLASS_CHUNKS);
    assertThat(chunks.subList(0, 6)).extracting(ChunkRef::length)
        .containsExactly(SMALL_CLASS_LENGTHS);
    assertThat(chunks.get(0).hash()).hasToString(SMALL_CLASS_FIRST_HASH);
    assertThat(chunks).allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(MIB));
  }

  @Test
  void seededStreamOfTheLargeClassHasFixedChunkHashes() {
    byte[] data = FastCdcChunkerTest.seededBytes(1, 16 * MIB);
    List<ChunkRef> chunks = new ChunkHasher(new FastCdcChunker(), ChunkHasher.BUFFER_BYTES)
        .hash(data, 0, data.length);
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
    assertThat(new ChunkHasher().hashFile(channel(data, -1), data.length))
        .isEqualTo(new ChunkHasher(null, 4099).hashFile(channel(data, -1), data.length))
        .isEqualTo(new ChunkHasher().hash(data, 0, data.length));
  }

  @Test
  void aLargeFileDigestedOnHelperThreadsHasTheSameChunksAsOneDigestedInline()
      throws IOException {
    byte[] data = FastCdcChunkerTest.seededBytes(5, 48 * MIB);
    assertThat((long) data.length).isGreaterThanOrEqualTo(ChunkHasher.PIPELINE_MIN_BYTES);
    ChunkHasher hasher = new ChunkHasher();
    List<ChunkRef> pipelined = hasher.hashFile(channel(data, -1), data.length);
    assertThat(pipelined).isEqualTo(hasher.hash(data, 0, data.length));
    assertThat(pipelined.get(pipelined.size() - 1).end()).isEqualTo(data.length);
    // The same hasher again, with its buffers reused, and then a small file inline.
    assertThat(hasher.hashFile(channel(data, -1), data.length)).isEqualTo(pipelined);
    byte[] small = FastCdcChunkerTest.seededBytes(6, 3 * MIB);
    assertThat(hasher.hashFile(channel(small, -1), small.length))
        .isEqualTo(hasher.hash(small, 0, small.length));
  }

  @Test
  void aFileLongerThanExpectedIsReadOneBytePastTheExpectedSize() throws IOException {
    byte[] data = FastCdcChunkerTest.seededBytes(4, 3 * MIB);
    List<ChunkRef> chunks = new ChunkHasher().hashFile(channel(data, -1), 2 * MIB);
    assertThat(chunks.get(chunks.size() - 1).end()).isEqualTo(2 * MIB + 1);
  }

  @Test
  void insertingOneByteAt100MibOf256MibChangesAtMostTwoChunks() throws IOException {
    byte[] data = FastCdcChunkerTest.seededBytes(256, 256 * MIB);
    int at = 100 * MIB;
    ChunkHasher hasher = new ChunkHasher();
    List<ChunkRef> before = hasher.hashFile(channel(data, -1), data.length);
    List<ChunkRef> after = hasher.hashFile(channel(data, at), data.length + 1);

    Set<ChunkHash> old = new HashSet<>();
    before.forEach(c -> old.add(c.hash()));
    List<ChunkRef> fresh = after.stream().filter(c -> !old.contains(c.hash())).toList();
    assertThat(fresh).hasSizeBetween(1, 2);
    assertThat(fresh.get(0).offset()).isLessThanOrEqualTo(at)
        .isGreaterThan(at - (long) ChunkSizes.SMALL.max());
    assertThat(fresh.get(fresh.size() - 1).end()).isGreaterThan(at);
    for (ChunkRef c : after) {
      if (c.end() <= at) {
        assertThat(before).contains(c);
      } else if (c.offset() > at && !fresh.contains(c)) {
        assertThat(before).contains(new ChunkRef(c.offset() - 1, c.length(), c.hash()));
      }
    }
    assertThat(before.size()).isBetween(800, 1100);
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
