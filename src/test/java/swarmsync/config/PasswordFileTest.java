package swarmsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordFileTest {
  @TempDir Path dir;

  @Test
  void storedPasswordMatchesOnlyItselfAndIsKeptAsAnOwnerOnlyArgon2idHash() throws Exception {
    PasswordFile file = new PasswordFile(new HomeLayout(dir));
    assertThat(file.isSet()).isFalse();
    assertThat(file.matches("correct horse".toCharArray())).isFalse();

    file.set("correct horse".toCharArray());

    assertThat(file.isSet()).isTrue();
    assertThat(file.matches("correct horse".toCharArray())).isTrue();
    assertThat(file.matches("correct horsE".toCharArray())).isFalse();
    assertThat(file.matches("".toCharArray())).isFalse();
    Path stored = dir.resolve("gui-password");
    String text = Files.readString(stored);
    assertThat(text).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("horse");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stored)))
        .isEqualTo("rw-------");
  }

  @Test
  void twoHomesWithTheSamePasswordStoreDifferentSaltedHashes() throws Exception {
    Path a = Files.createDirectory(dir.resolve("a"));
    Path b = Files.createDirectory(dir.resolve("b"));
    new PasswordFile(new HomeLayout(a)).set("same password".toCharArray());
    new PasswordFile(new HomeLayout(b)).set("same password".toCharArray());
    assertThat(Files.readString(a.resolve("gui-password")))
        .isNotEqualTo(Files.readString(b.resolve("gui-password")));
  }

  @Test
  void shortPasswordsAreRefusedWithOneLine() {
    PasswordFile file = new PasswordFile(new HomeLayout(dir));
    assertThatThrownBy(() -> file.set("short".toCharArray()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("at least 8");
    assertThat(file.isSet()).isFalse();
  }

  @Test
  void aTamperedHashWithHugeMemoryCostIsRefusedBeforeHashing() throws Exception {
    Files.writeString(dir.resolve("gui-password"),
        "$argon2id$v=19$m=99999999,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAA\n");
    PasswordFile file = new PasswordFile(new HomeLayout(dir));
    assertThatThrownBy(() -> file.matches("whatever1".toCharArray()))
        .hasMessageContaining("parameter m");
  }
}
