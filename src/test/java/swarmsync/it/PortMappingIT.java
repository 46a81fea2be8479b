package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Port mapping against a real miniupnpd (UPnP IGD, NAT-PMP, PCP) in namespaces the test creates
 * from inside its own {@code unshare -n} namespace ({@code ip netns} works there: the names are
 * bind mounts under /run/netns, the links are created in and moved out of our namespace).
 * Each of our three clients maps a port from behind the NAT, a TCP connection from the
 * "internet" namespace to the external address reaches it, and its delete empties
 * miniupnpd's table; then a daemon behind the NAT maps its port by itself, announces the
 * external port to a tracker, is reached and synced through it by a daemon outside, and
 * removes the mapping when it stops.
 */
class PortMappingIT {
  /** Own prefix, so the namespaces never collide with another test's router. */
  private static final String PREFIX = "ssnatpm";
  private static final String CLIENT_IP = "192.168.77.2";
  private static final String EXTERNAL_IP = "10.99.0.2";
  private static final String WAN_IP = "10.99.0.1";
  private static final long FILE_BYTES = 32L << 20;
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

  @TempDir static Path dir;
  private static UpnpRouter router;

  @BeforeAll
  static void routerUp() throws Exception {
    router = UpnpRouter.up(PREFIX, 2, dir);
  }

  @AfterAll
  static void routerDown() throws Exception {
    if (router != null) {
      router.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"pcp", "natpmp", "upnp"})
  void clientMapsThePortInboundTcpArrivesAndDeleteEmptiesTheTable(String protocol)
      throws Exception {
    int port = 42100 + protocol.length(); // pcp 42103, natpmp 42106, upnp 42104
    List<String> cmd = UpnpRouter.in(router.get("UPNP_CLIENT_NS"), javaBinary(), "-cp",
        classPath(), PortMapMain.class.getName(), protocol, router.get("UPNP_GATEWAY_IP"),
        CLIENT_IP, Integer.toString(port));
    Process main = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    List<String> lines = readLines(main);
    try {
      String mapped = await().atMost(STEP_TIMEOUT).until(() -> find(lines, "MAPPED "),
          l -> l != null || !main.isAlive());
      assertThat(mapped).as("output: %s", lines).isEqualTo(
          "MAPPED " + EXTERNAL_IP + ":" + port + " 600");
      assertThat(router.natRules()).contains("dport " + port + " dnat ip to " + CLIENT_IP
          + ":" + port);

      UpnpRouter.run(UpnpRouter.in(router.get("UPNP_WAN_NS"), "bash", "-c",
          "echo hello-" + protocol + " > /dev/tcp/" + EXTERNAL_IP + "/" + port));
      await().atMost(STEP_TIMEOUT).until(() -> find(lines, "ACCEPTED "), l -> l != null);
      assertThat(find(lines, "ACCEPTED ")).isEqualTo("ACCEPTED from " + WAN_IP + " hello-"
          + protocol);

      try (OutputStream in = main.getOutputStream()) {
        in.write('\n');
      }
      assertThat(main.waitFor(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(lines).contains("UNMAPPED");
      assertThat(main.exitValue()).isZero();
      assertThat(router.natRules()).doesNotContain("dport " + port + " ");
    } finally {
      main.destroyForcibly();
    }
  }

  @Test
  void daemonBehindTheNatIsSyncedThroughItsMappingAndRemovesItOnStop() throws Exception {
    // Another host of the LAN holds the external port first, so the gateway gives our daemon
    // another one: the tracker then proves the external port, not the listen port, is announced.
    int listenPort = 42200;
    UpnpRouter.run(UpnpRouter.in(router.get("UPNP_CLIENT2_NS"), "upnpc", "-i", "-e", "other",
        "-a", router.get("UPNP_CLIENT2_IP"), Integer.toString(listenPort),
        Integer.toString(listenPort), "TCP", "600"));
    String key = Launcher.run("key", "new").assertOk().out().trim();
    String info = Launcher.run("key", "info", "--json", key).assertOk().out();
    String discoveryId = info.replaceAll("(?s).*\"discovery_id\"\\s*:\\s*\"([0-9a-f]{40})\".*", "$1");
    assertThat(discoveryId).as(info).hasSize(40);
    Path insideFolder = Files.createDirectories(dir.resolve("inside-folder"));
    Path outsideFolder = Files.createDirectories(dir.resolve("outside-folder"));
    Trees.randomFile(insideFolder.resolve("big.bin"), FILE_BYTES, 7);
    Trees.smallFiles(insideFolder.resolve("small"), 20, 8);

    int trackerPort = Daemon.freePort();
    String tracker = "http://" + WAN_IP + ":" + trackerPort + "/announce";
    try (Daemon outside = new Daemon(dir, "outside", router.get("UPNP_WAN_NS"), WAN_IP);
        Daemon inside = new Daemon(dir, "inside", router.get("UPNP_CLIENT_NS"), CLIENT_IP,
            listenPort)) {
      outside.start(Set.of(), List.of("--serve-tracker", WAN_IP + ":" + trackerPort));
      inside.addFolder(key, insideFolder);
      // The DHT on, with a bootstrap node that does not exist: its UDP port is mapped too.
      inside.start(Set.of("upnp", "tracker", "dht"), List.of("--tracker", tracker,
          "--dht-bootstrap", WAN_IP + ":" + Daemon.freePort()));

      JsonNode mapping = inside.status().get("port_mapping");
      assertThat(mapping.get("protocol").asText()).isEqualTo("pcp");
      assertThat(mapping.get("external_address").asText()).isEqualTo(EXTERNAL_IP);
      assertThat(mapping.get("internal_port").asInt()).isEqualTo(listenPort);
      int externalPort = mapping.get("external_port").asInt();
      assertThat(externalPort).isNotEqualTo(listenPort);
      assertThat(mapping.get("lease_seconds_left").asLong()).isBetween(3000L, 3600L);
      assertThat(UpnpRouter.run(UpnpRouter.in(router.get("UPNP_CLIENT2_NS"), "upnpc", "-i",
          "-l"))).contains(externalPort + "->" + CLIENT_IP + ":" + listenPort);
      int udpPort = mapping.get("udp_external_port").asInt();
      // nft prints the protocol as the IP header's byte 9: 0x11 is UDP.
      assertThat(router.natRules()).contains("0x11 th dport " + udpPort + " dnat ip to "
          + CLIENT_IP + ":" + listenPort);
      // A DHT node on the internet reaches our DHT through the UDP mapping.
      String dhtNode = EXTERNAL_IP + ":" + udpPort;
      await().atMost(STEP_TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() ->
          UpnpRouter.runAnyExit(UpnpRouter.in(router.get("UPNP_WAN_NS"), "python3",
              DhtCounterpart.peers().resolve("tools/btprobe.py").toString(), "krpc", dhtNode,
              "ping", "--bind", WAN_IP + ":0")), out -> out.contains("ping -> reply"));

      String external = EXTERNAL_IP + ":" + externalPort;
      await().atMost(STEP_TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() ->
          UpnpRouter.run(UpnpRouter.in(router.get("UPNP_WAN_NS"), "python3",
              DhtCounterpart.peers().resolve("tools/btprobe.py").toString(), "http-announce",
              tracker, discoveryId, "40999")), out -> out.contains("'" + external + "'"));

      Launcher.run(UpnpRouter.in(router.get("UPNP_WAN_NS"), Launcher.command("folder", "add",
          "--home", outside.home.toString(), "--key", key, "--peer", external,
          outsideFolder.toString()).toArray(String[]::new))).assertOk();
      String log = await().atMost(STEP_TIMEOUT).pollInterval(Duration.ofMillis(20))
          .until(outside::log, l -> l.contains("connected to "));
      long connected = System.nanoTime();
      double connectSeconds = secondsBetween(log, "dialing /" + external, "connected to ");
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
          .until(() -> Files.exists(outsideFolder.resolve("big.bin"))
              && Files.size(outsideFolder.resolve("big.bin")) == FILE_BYTES);
      DaemonGroup.awaitIdentical(STEP_TIMEOUT, insideFolder, outsideFolder);
      double seconds = (System.nanoTime() - connected) / 1e9;
      record(connectSeconds, FILE_BYTES / 1e6 / seconds);

      JsonNode peer = inside.folderStatus().get("peers").get(0);
      assertThat(peer.get("connection").asText()).isEqualTo("mapped");
      assertThat(peer.get("address").asText()).startsWith(WAN_IP + ":");

      inside.close();
      keepLogs(inside, outside);
      assertThat(inside.log()).contains("port mapping removed");
      String rules = router.natRules();
      assertThat(rules).doesNotContain("dport " + externalPort + " ")
          .doesNotContain("0x11 th dport " + udpPort + " ")
          .contains("dport " + listenPort + " dnat ip to " + router.get("UPNP_CLIENT2_IP"));
    }
  }

  private static void record(double connectSeconds, double megabytesPerSecond)
      throws Exception {
    String line = String.format("mapped (pcp, miniupnpd) connect=%.2f s transfer=%.1f MB/s "
        + "(%d MiB)%n", connectSeconds, megabytesPerSecond, FILE_BYTES >> 20);
    System.out.print("PORT-MAPPING " + line);
    Files.writeString(Launcher.root().resolve("target/port-mapping-timings.txt"), line,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** Seconds between the first log lines containing {@code from} and {@code to}. */
  private static double secondsBetween(String log, String from, String to) {
    return Duration.between(logTime(log, from), logTime(log, to)).toMillis() / 1000.0;
  }

  private static LocalTime logTime(String log, String text) {
    Matcher m = Pattern.compile("(?m)^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .*"
        + Pattern.quote(text)).matcher(log);
    assertThat(m.find()).as("log line with %s in %s", text, log).isTrue();
    return LocalTime.parse(m.group(1));
  }

  /** Keeps the daemons' logs in {@code target/it-logs/PortMappingIT-NAME.log}. */
  private static void keepLogs(Daemon... daemons) throws Exception {
    Path logs = Files.createDirectories(Launcher.root().resolve("target/it-logs"));
    for (Daemon d : daemons) {
      Files.writeString(logs.resolve("PortMappingIT-" + d.name + ".log"), d.log());
    }
  }

  private static String find(List<String> lines, String prefix) {
    return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElse(null);
  }

  /** Collects a process's output lines as they come, on a daemon thread. */
  private static List<String> readLines(Process p) {
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          lines.add(line);
        }
      } catch (java.io.IOException e) {
        lines.add("READ FAILED " + e);
      }
    }, "port-map-main-output");
    t.setDaemon(true);
    t.start();
    return lines;
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Our compiled classes: PortMapMain needs only swarmsync.nat and the JDK. */
  private static String classPath() {
    Path root = Launcher.root();
    return root.resolve("target/classes") + ":" + root.resolve("target/test-classes");
  }
}
