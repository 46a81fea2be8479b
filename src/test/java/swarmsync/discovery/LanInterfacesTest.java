package swarmsync.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which of this host's interfaces each setting selects. */
class LanInterfacesTest {
  @Test
  void loopbackOnlySelectsLoopbackAndNothingElse() {
    assertThat(LanInterfaces.list(LanSettings.Interfaces.LOOPBACK_ONLY))
        .isNotEmpty()
        .allSatisfy(u -> {
          assertThat(u.nif().isLoopback()).isTrue();
          assertThat(u.broadcasts()).isEmpty();
        });
  }

  @Test
  void networkNeverSelectsLoopback() {
    assertThat(LanInterfaces.list(LanSettings.Interfaces.NETWORK))
        .noneSatisfy(u -> assertThat(u.nif().isLoopback()).isTrue());
  }

  @Test
  void networkAndLoopbackSelectsBoth() {
    assertThat(LanInterfaces.list(LanSettings.Interfaces.NETWORK_AND_LOOPBACK))
        .hasSize(LanInterfaces.list(LanSettings.Interfaces.NETWORK).size()
            + LanInterfaces.list(LanSettings.Interfaces.LOOPBACK_ONLY).size());
  }
}
