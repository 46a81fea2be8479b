package swarmsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample that {@code swarmsync config sample} prints is a configuration the store reads. */
class ConfigSampleTest {
  @TempDir Path dir;

  @Test
  void theSampleConfigurationParsesWithItsCommentsIgnored() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/swarmsync/config-sample.json")) {
      Files.write(dir.resolve("config.json"), in.readAllBytes());
    }
    NodeConfig config = ConfigStore.open(new HomeLayout(dir)).current();
    assertThat(config.listen()).isEqualTo("0.0.0.0:41111");
    assertThat(config.discovery().lanOn()).isTrue();
    assertThat(config.folders()).hasSize(1);
    assertThat(config.folders().get(0).path()).isEqualTo("/srv/team/shared");
    assertThat(config.folders().get(0).isPaused()).isFalse();
  }

  @Test
  void pausingAndSettingsSurviveARereadOfTheFile() throws Exception {
    HomeLayout home = new HomeLayout(dir);
    Path folder = Files.createDirectory(dir.resolve("shared"));
    ConfigStore store = ConfigStore.open(home);
    store.addFolder(folder, swarmsync.keys.FolderKey.newReadWrite(
        new java.security.SecureRandom()).encode(), java.util.List.of());
    store.setPaused(folder, true);
    store.updateSettings(false, null, false, "127.0.0.1:40000");

    NodeConfig reread = ConfigStore.open(home).current();
    assertThat(reread.folders().get(0).isPaused()).isTrue();
    assertThat(reread.discovery().lanOn()).isFalse();
    assertThat(reread.discovery().trackerOn()).isTrue();
    assertThat(reread.discovery().dhtOn()).isFalse();
    assertThat(reread.listen()).isEqualTo("127.0.0.1:40000");
  }
}
