package swarmsync.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import swarmsync.record.DeviceId;

class CacheSourceTest {
  private static final LocalNode SELF = new LocalNode(DeviceId.of(new byte[DeviceId.LENGTH]),
      41111);

  @TempDir Path dir;

  private List<String> reportedBy(Path file) throws Exception {
    List<String> found = new ArrayList<>();
    new CacheSource(file).start(SELF, (id, address, source) ->
        found.add(source + " " + address.getAddress().getHostAddress() + " "
            + address.getPort()));
    return found;
  }

  @Test
  void addressesThatWorkedAreReportedNewestFirstAfterARestart() throws Exception {
    Path file = dir.resolve("peer-cache.txt");
    CacheSource cache = new CacheSource(file);
    cache.start(SELF, (id, address, source) -> { });
    cache.worked(new InetSocketAddress("10.0.0.2", 40000));
    cache.worked(new InetSocketAddress("::1", 40001));
    cache.worked(new InetSocketAddress("10.0.0.2", 40000));

    assertThat(Files.readAllLines(file)).containsExactly("10.0.0.2:40000",
        "[0:0:0:0:0:0:0:1]:40001");
    assertThat(reportedBy(file)).containsExactly("cache 10.0.0.2 40000",
        "cache 0:0:0:0:0:0:0:1 40001");
  }

  @Test
  void keepsOnlyTheNewestAddresses() throws Exception {
    Path file = dir.resolve("peer-cache.txt");
    CacheSource cache = new CacheSource(file);
    for (int port = 1; port <= CacheSource.MAX_ADDRESSES + 5; port++) {
      cache.worked(new InetSocketAddress("10.0.0.2", port));
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(CacheSource.MAX_ADDRESSES)
        .startsWith("10.0.0.2:" + (CacheSource.MAX_ADDRESSES + 5)).doesNotContain("10.0.0.2:5");
  }

  @Test
  void malformedLinesAndHostNamesAreSkippedWithoutDns() throws Exception {
    Path file = dir.resolve("peer-cache.txt");
    Files.write(file, List.of("garbage", "example.org:80", "10.0.0.3:0", "10.0.0.3:99999",
        "10.0.0.3:", "10.0.0.3:40003"));
    assertThat(reportedBy(file)).containsExactly("cache 10.0.0.3 40003");
  }

  @Test
  void aMissingFileReportsNothing() throws Exception {
    assertThat(reportedBy(dir.resolve("none.txt"))).isEmpty();
  }
}
