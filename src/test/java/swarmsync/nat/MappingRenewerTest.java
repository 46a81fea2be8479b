package swarmsync.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MappingRenewerTest {
  private final MutableClock clock = new MutableClock();
  private final InMemoryPortMapper pcp = new InMemoryPortMapper("pcp", clock);
  private final InMemoryPortMapper upnp = new InMemoryPortMapper("upnp", clock);

  @Test
  void firstMapperThatWorksHoldsTheMapping() {
    pcp.failing = true;
    MappingRenewer renewer = new MappingRenewer(List.of(pcp, upnp), 41000, clock);
    assertThat(renewer.attempt()).isEqualTo(Duration.ofMinutes(30));
    assertThat(renewer.current()).hasValueSatisfying(m -> {
      assertThat(m.protocol()).isEqualTo("upnp");
      assertThat(m.externalPort()).isEqualTo(41000);
    });
    assertThat(renewer.advertisedPort()).isEqualTo(41000);
    assertThat(pcp.calls).containsExactly("map 41000->41000");
  }

  @Test
  void renewsAtHalfTheGrantedLeaseWithTheSameMapper() {
    pcp.maxLease = Duration.ofSeconds(120);
    MappingRenewer renewer = new MappingRenewer(List.of(pcp, upnp), 41000, clock);
    assertThat(renewer.attempt()).isEqualTo(Duration.ofSeconds(60));
    clock.advance(Duration.ofSeconds(60));
    assertThat(renewer.current().orElseThrow().leaseLeft(clock.instant()))
        .isEqualTo(Duration.ofSeconds(60));
    assertThat(renewer.attempt()).isEqualTo(Duration.ofSeconds(60));
    assertThat(renewer.current().orElseThrow().leaseLeft(clock.instant()))
        .isEqualTo(Duration.ofSeconds(120));
    assertThat(pcp.calls).hasSize(2);
    assertThat(upnp.calls).isEmpty();
  }

  @Test
  void failedRenewalKeepsTheLeaseUntilItRunsOutThenFallsBack() {
    pcp.maxLease = Duration.ofSeconds(120);
    MappingRenewer renewer = new MappingRenewer(List.of(pcp, upnp), 41000, clock);
    renewer.attempt();
    pcp.failing = true;
    clock.advance(Duration.ofSeconds(60));
    assertThat(renewer.attempt()).isEqualTo(MappingRenewer.RENEW_RETRY);
    assertThat(renewer.current()).map(PortMapping::protocol).contains("pcp");
    clock.advance(Duration.ofSeconds(60));
    assertThat(renewer.current()).isEmpty();
    renewer.attempt();
    assertThat(renewer.current()).map(PortMapping::protocol).contains("upnp");
  }

  @Test
  void nothingWorkingMeansNoMappingTheOwnPortAndARetryLater() {
    pcp.failing = true;
    upnp.failing = true;
    MappingRenewer renewer = new MappingRenewer(List.of(pcp, upnp), 41000, clock);
    assertThat(renewer.attempt()).isEqualTo(MappingRenewer.RETRY);
    assertThat(renewer.current()).isEmpty();
    assertThat(renewer.advertisedPort()).isEqualTo(41000);
    upnp.failing = false;
    renewer.attempt();
    assertThat(renewer.current()).isPresent();
  }

  @Test
  void closeRemovesTheMappingFromTheGateway() {
    MappingRenewer renewer = new MappingRenewer(List.of(pcp), 41000, clock);
    renewer.start();
    assertThat(pcp.mapped).containsExactly(41000);
    renewer.close();
    assertThat(pcp.mapped).isEmpty();
    assertThat(renewer.current()).isEmpty();
    assertThat(pcp.calls).containsExactly("map 41000->41000", "unmap 41000");
  }

  @Test
  void theDhtsUdpPortIsMappedRenewedAndRemovedWithTheTcpMapping() {
    pcp.maxLease = Duration.ofSeconds(120);
    MappingRenewer renewer = new MappingRenewer(List.of(pcp, upnp), 41000, true, clock);
    assertThat(renewer.attempt()).isEqualTo(Duration.ofSeconds(60));
    assertThat(renewer.currentUdp()).hasValueSatisfying(m -> {
      assertThat(m.transport()).isEqualTo(Transport.UDP);
      assertThat(m.protocol()).isEqualTo("pcp");
      assertThat(m.externalPort()).isEqualTo(41000);
    });
    assertThat(pcp.mappedUdp).containsExactly(41000);

    clock.advance(Duration.ofSeconds(60));
    renewer.attempt();
    assertThat(renewer.currentUdp().orElseThrow().leaseLeft(clock.instant()))
        .isEqualTo(Duration.ofSeconds(120));
    renewer.close();
    assertThat(pcp.mapped).isEmpty();
    assertThat(pcp.mappedUdp).isEmpty();
    assertThat(pcp.calls).containsExactly("map 41000->41000", "map udp 41000->41000",
        "map 41000->41000", "map udp 41000->41000", "unmap udp 41000", "unmap 41000");
    assertThat(upnp.calls).isEmpty();
  }

  @Test
  void aGatewayThatRefusesUdpStillHoldsTheTcpMappingAndIsAskedAgainAtRenewal() {
    pcp.refusingUdp = true;
    MappingRenewer renewer = new MappingRenewer(List.of(pcp), 41000, true, clock);
    renewer.attempt();
    assertThat(renewer.current()).isPresent();
    assertThat(renewer.currentUdp()).isEmpty();
    pcp.refusingUdp = false;
    renewer.attempt();
    assertThat(renewer.currentUdp()).isPresent();
  }

  @Test
  void aFailedUdpRenewalKeepsItsLeaseUntilItRunsOut() {
    pcp.maxLease = Duration.ofSeconds(120);
    MappingRenewer renewer = new MappingRenewer(List.of(pcp), 41000, true, clock);
    renewer.attempt();
    pcp.refusingUdp = true;
    clock.advance(Duration.ofSeconds(60));
    renewer.attempt();
    assertThat(renewer.currentUdp()).isPresent();
    clock.advance(Duration.ofSeconds(60));
    renewer.attempt();
    assertThat(renewer.current()).isPresent();
    assertThat(renewer.currentUdp()).isEmpty();
  }

  @Test
  void withoutTheDhtNoUdpIsMapped() {
    MappingRenewer renewer = new MappingRenewer(List.of(pcp), 41000, false, clock);
    renewer.attempt();
    assertThat(renewer.currentUdp()).isEmpty();
    assertThat(pcp.calls).containsExactly("map 41000->41000");
  }

  @Test
  void withoutMappersNothingHappens() {
    MappingRenewer renewer = new MappingRenewer(List.of(), 41000, clock);
    renewer.start();
    assertThat(renewer.current()).isEmpty();
    renewer.close();
  }

  @Test
  void onlyInboundConnectionsFromOutsideOurNetworksCameThroughTheMapping() {
    MappingRenewer renewer = new MappingRenewer(List.of(pcp), 41000, clock);
    renewer.attempt();
    InetSocketAddress local = new InetSocketAddress("127.0.0.1", 41000);
    assertThat(renewer.cameThroughMapping(local, new InetSocketAddress("198.51.100.7", 5000)))
        .isTrue();
    assertThat(renewer.cameThroughMapping(local, new InetSocketAddress("127.0.0.1", 5000)))
        .isFalse();
    assertThat(renewer.cameThroughMapping(new InetSocketAddress("127.0.0.1", 41001),
        new InetSocketAddress("198.51.100.7", 5000))).isFalse();
  }

  @Test
  void permanentMappingsAreRefreshedNotExpired() {
    pcp.maxLease = Duration.ZERO;
    MappingRenewer renewer = new MappingRenewer(List.of(pcp), 41000, clock);
    assertThat(renewer.attempt()).isEqualTo(MappingRenewer.PERMANENT_REFRESH);
    clock.advance(Duration.ofDays(3));
    assertThat(renewer.current()).isPresent();
  }
}
