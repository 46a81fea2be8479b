package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The daemons one test starts, each with a folder under the test's directory; closes them all. */
final class DaemonGroup implements AutoCloseable {
  private final Path dir;
  private final List<Daemon> daemons = new ArrayList<>();

  DaemonGroup(Path dir) {
    this.dir = dir;
  }

  /** A daemon (not started) that shares {@code folder} under {@code key}. */
  Daemon add(String name, String key, Path folder) throws Exception {
    Daemon d = new Daemon(dir, name);
    d.addFolder(key, folder);
    daemons.add(d);
    return d;
  }

  /** Waits until both trees hold the same content and every given node reports in sync. */
  static void awaitIdentical(Duration timeout, Path one, Path two, Daemon... nodes) {
    await().atMost(timeout).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .untilAsserted(() -> {
          for (Daemon d : nodes) {
            assertThat(d.folderStatus().get("in_sync").asBoolean()).isTrue();
          }
          assertThat(Trees.describe(two)).isEqualTo(Trees.describe(one));
        });
  }

  @Override
  public void close() throws Exception {
    for (Daemon d : daemons) {
      d.close();
    }
  }
}
