package swarmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import swarmsync.fs.MemoryFolderFs;

class IgnoreListFileTest {
  private static final Duration SETTLE = Duration.ofMillis(100);
  private final MutableClock clock = new MutableClock();
  private final MemoryFolderFs fs = new MemoryFolderFs(clock);
  private final IgnoreListFile list = new IgnoreListFile(fs, clock, SETTLE);

  private void write(String text) throws IOException {
    fs.createDirectories(".sync");
    try (FileChannel out = fs.openWrite(IgnoreListFile.PATH, true)) {
      out.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Test
  void aListJustWrittenIsWaitedOnOnceThenRead() throws IOException {
    write("*.log\n");
    clock.advance(Duration.ofMillis(10));

    assertThat(list.beingWritten()).isTrue();
    assertThat(list.beingWritten()).as("the same version is waited on only once").isFalse();
    assertThat(list.reload()).isTrue();
    assertThat(list.current().ignored("a.log", false)).isTrue();
  }

  @Test
  void aListOlderThanTheSettleDelayIsReadAtOnce() throws IOException {
    write("*.log\n");
    clock.advance(SETTLE);

    assertThat(list.beingWritten()).isFalse();
  }

  @Test
  void aListTruncatedMidWriteKeepsTheScanWaitingUntilTheWriteEnds() throws IOException {
    write("*.log\n");
    clock.advance(Duration.ofSeconds(1));
    assertThat(list.reload()).isTrue();

    write("");
    clock.advance(Duration.ofMillis(1));
    assertThat(list.beingWritten()).as("an empty list seen moments after a write").isTrue();
    write("*.log\n*.tmp\n");
    clock.advance(Duration.ofMillis(1));
    assertThat(list.beingWritten()).as("the finished write is a new version").isTrue();
    clock.advance(SETTLE);

    assertThat(list.beingWritten()).isFalse();
    assertThat(list.reload()).isTrue();
    assertThat(list.current().ignored("a.log", false)).isTrue();
    assertThat(list.current().ignored("b.tmp", false)).isTrue();
  }

  @Test
  void aClockThatStandsStillCannotStallScans() throws IOException {
    write("*.log\n");

    assertThat(list.beingWritten()).isTrue();
    assertThat(list.beingWritten()).isFalse();
  }

  @Test
  void noListMeansNothingToWaitFor() {
    assertThat(list.beingWritten()).isFalse();
  }
}
