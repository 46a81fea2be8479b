package swarmsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import swarmsync.keys.FolderKey;

class ConfigStoreTest {
  @TempDir Path dir;

  @Test
  void aConfigWithoutADiscoverySectionHasEveryMethodOn() throws Exception {
    HomeLayout home = new HomeLayout(dir).create();
    Files.writeString(home.config(), "{\"folders\": []}");
    DiscoveryConfig discovery = ConfigStore.open(home).current().discovery();
    assertThat(discovery.lanOn()).isTrue();
    assertThat(discovery.trackerOn()).isTrue();
    assertThat(discovery.dhtOn()).isTrue();
    assertThat(discovery.trackers()).isEmpty();
  }

  @Test
  void discoverySwitchesAndListsAreReadAndKeptWhenFoldersChange() throws Exception {
    HomeLayout home = new HomeLayout(dir).create();
    Files.writeString(home.config(), "{\"folders\": [], \"discovery\": {\"lan\": false,"
        + " \"trackers\": [\"udp://10.0.0.1:6969\"], \"dhtBootstrap\": [\"10.0.0.2:6881\"]}}");
    ConfigStore store = ConfigStore.open(home);
    Path folder = Files.createDirectories(dir.resolve("f"));
    store.addFolder(folder, FolderKey.newReadWrite(new SecureRandom()).encode(), List.of());

    DiscoveryConfig discovery = ConfigStore.open(home).current().discovery();
    assertThat(discovery.lanOn()).isFalse();
    assertThat(discovery.dhtOn()).isTrue();
    assertThat(discovery.trackers()).containsExactly("udp://10.0.0.1:6969");
    assertThat(discovery.dhtBootstrap()).containsExactly("10.0.0.2:6881");
    assertThat(ConfigStore.open(home).current().folders()).hasSize(1);
  }
}
