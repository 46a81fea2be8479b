package swarmsync.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import swarmsync.api.ConflictView;

class ConflictCopiesTest {
  @TempDir Path root;

  @Test
  void findsConflictCopiesOutsideTheSyncDirectoryWithTheirOriginals() throws Exception {
    Files.createDirectories(root.resolve("docs"));
    Files.createDirectories(root.resolve(".sync/Archive"));
    Files.writeString(root.resolve("docs/plan.txt"), "winner");
    Files.writeString(root.resolve("docs/plan.sync-conflict-20251125-140309-ABCDEFG.txt"),
        "loser");
    Files.writeString(root.resolve("docs/plan.sync-conflict-20251125-140309-ABCDEFG-2.txt"),
        "second loser of the same second");
    Files.writeString(root.resolve("Makefile.sync-conflict-20251125-140309-ABCDEFG"), "x");
    Files.writeString(root.resolve(".sync/Archive/a.sync-conflict-20251125-140309-X.txt"), "");

    var found = ConflictCopies.list(root);

    assertThat(found).extracting(ConflictView::path).containsExactly(
        "Makefile.sync-conflict-20251125-140309-ABCDEFG",
        "docs/plan.sync-conflict-20251125-140309-ABCDEFG-2.txt",
        "docs/plan.sync-conflict-20251125-140309-ABCDEFG.txt");
    assertThat(found).extracting(ConflictView::original)
        .containsExactly("Makefile", "docs/plan.txt", "docs/plan.txt");
    assertThat(found.get(2).size()).isEqualTo(5);
  }
}
