package swarmsync.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FastCdcChunkerTest {
  /** Seeded pseudo-random bytes: the same on every machine and Java version. */
  static byte[] seededBytes(long seed, int length) {
    byte[] data = new byte[length];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < length; i += 8) {
      long v = random.nextLong();
      for (int j = 0; j < 8 && i + j < length; j++) {
        data[i + j] = (byte) (v >>> (8 * j));
      }
    }
    return data;
  }

  /** Chunk lengths of data fed in slices of sliceBytes. */
  static List<Integer> lengths(FastCdcChunker chunker, byte[] data, int sliceBytes) {
    List<Integer> out = new ArrayList<>();
    chunker.reset();
    int start = 0;
    for (int from = 0; from < data.length; from += sliceBytes) {
      int to = Math.min(data.length, from + sliceBytes);
      for (int i = from; i < to; ) {
        int end = chunker.findCut(data, i, to);
        if (end < 0) {
          break;
        }
        out.add(end - start);
        start = end;
        i = end;
      }
    }
    if (start < data.length) {
      out.add(data.length - start);
    }
    return out;
  }

  /** The cut rule of the class comment, one byte at a time, as plainly as it can be written. */
  static List<Integer> referenceLengths(int min, int avg, int max, byte[] data) {
    int bits = Integer.numberOfTrailingZeros(avg);
    long small = -1L << (64 - bits - 2);
    long large = -1L << (64 - bits + 2);
    List<Integer> out = new ArrayList<>();
    int start = 0;
    while (start < data.length) {
      int len = Math.min(max, data.length - start);
      long fp = 0;
      for (int n = min + 1; n <= Math.min(max, data.length - start); n++) {
        fp = (fp << 1) + FastCdcChunker.GEAR[data[start + n - 1] & 0xff];
        if ((fp & (n <= avg ? small : large)) == 0) {
          len = n;
          break;
        }
      }
      out.add(len);
      start += len;
    }
    return out;
  }

  @Test
  void gearTableIsSplitmix64FromTheFixedSeed() {
    assertThat(FastCdcChunker.GEAR_SEED).isEqualTo(0x737761726d73796eL);
    assertThat(Long.toHexString(FastCdcChunker.GEAR[0])).isEqualTo("549e513011cb2f85");
    assertThat(Long.toHexString(FastCdcChunker.GEAR[255])).isEqualTo("f08ec9e1b4179b73");
  }

  @Test
  void boundariesOfASeededStreamAreFixedForever() {
    byte[] data = seededBytes(1, 16 * 1024 * 1024);
    assertThat(lengths(new FastCdcChunker(), data, data.length))
        .startsWith(682221, 1407682, 1085788, 1404651, 1321922, 708859);
  }

  @Test
  void rollingTwoBytesAtATimeCutsWhereTheOneByteRuleCuts() {
    byte[] data = seededBytes(7, 1 << 20);
    for (int[] sizes : new int[][] {{64, 256, 1024}, {0, 16, 64}, {100, 128, 129}}) {
      assertThat(lengths(new FastCdcChunker(sizes[0], sizes[1], sizes[2]), data, data.length))
          .as("min %d avg %d max %d", sizes[0], sizes[1], sizes[2])
          .isEqualTo(referenceLengths(sizes[0], sizes[1], sizes[2], data));
    }
  }

  @Test
  void boundariesDoNotDependOnHowTheStreamIsSliced() {
    byte[] data = seededBytes(3, 1 << 20);
    FastCdcChunker chunker = new FastCdcChunker(1024, 4096, 16384);
    List<Integer> whole = lengths(chunker, data, data.length);
    for (int slice : new int[] {1, 7, 1000, 4096, 65536}) {
      assertThat(lengths(chunker, data, slice)).as("slices of %d", slice).isEqualTo(whole);
    }
  }

  @Test
  void chunksRespectMinAndMaxAndAverageNearTheTarget() {
    byte[] data = seededBytes(5, 4 << 20);
    List<Integer> random = lengths(new FastCdcChunker(1024, 4096, 16384), data, data.length);
    assertThat(random.subList(0, random.size() - 1)).allSatisfy(len ->
        assertThat(len).isBetween(1025, 16384));
    assertThat(data.length / random.size()).isBetween(3000, 6000);
    List<Integer> zeros =
        lengths(new FastCdcChunker(1024, 4096, 16384), new byte[100_000], 100_000);
    assertThat(zeros.subList(0, zeros.size() - 1)).containsOnly(16384);
  }

  @Test
  void refusesSizesThatBreakTheRule() {
    assertThatThrownBy(() -> new FastCdcChunker(10, 1000, 4000))
        .hasMessageContaining("avg 1000");
    assertThatThrownBy(() -> new FastCdcChunker(2048, 1024, 4096))
        .hasMessageContaining("min 2048");
  }
}
