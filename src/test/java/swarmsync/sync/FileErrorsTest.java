package swarmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FileErrorsTest {
  private final FileErrors errors = new FileErrors();

  @Test
  void anErrorStaysWhileTheFileKeepsFailingAndGoesWhenItSucceeds() {
    errors.failed("a", "no space");
    errors.endPass();
    errors.failed("a", "still no space");
    errors.endPass();
    assertThat(errors.snapshot()).containsExactly(Map.entry("a", "still no space"));

    errors.succeeded("a");
    assertThat(errors.snapshot()).isEmpty();
  }

  @Test
  void anErrorGoesWhenAWholePassWentByWithoutTheFileFailing() {
    errors.failed("no longer needed", "no peer");
    errors.endPass();
    errors.endPass();
    assertThat(errors.snapshot()).isEmpty();
  }

  @Test
  void theOldestEntriesGiveWayBeyondTheBound() {
    for (int i = 0; i <= FileErrors.MAX_ENTRIES; i++) {
      errors.failed("f" + i, "x");
    }
    assertThat(errors.snapshot()).hasSize(FileErrors.MAX_ENTRIES).doesNotContainKey("f0")
        .containsKey("f" + FileErrors.MAX_ENTRIES);
  }
}
