package swarmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RemotePathsTest {
  @ParameterizedTest
  @ValueSource(strings = {"/etc/passwd", "../x", "a/../../x", "a//b", "a/./b", "C:/x", "a\u0000b",
      "a\nb", "con", "dir/NUL.txt", "a/b:c", "trailing.", ".sync", ".sync/Archive/x",
      "d/.~swarmsync.f.tmp", ""})
  void hostilePathsAreRefusedWithAReason(String path) {
    assertThat(RemotePaths.problem(path)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "a/b/c.txt", ".hidden", "dir with space/x", "ünïcödé/ファイル",
      ".syncthing", "console.log"})
  void ordinaryPathsPass(String path) {
    assertThat(RemotePaths.problem(path)).isNull();
  }

  @org.junit.jupiter.api.Test
  void namesOver255BytesAreRefused() {
    assertThat(RemotePaths.problem("d/" + "é".repeat(128))).contains("255");
  }
}
