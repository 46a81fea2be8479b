package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connectivity matrix cases 1-3 (cases 4-5 are {@link RelayIT}), in namespaces the test
 * creates: the miniupnpd router of {@link UpnpRouter} with two hosts on its LAN, and a home
 * behind a plain NAT router ({@link PlainNatHome}) hung off the same "internet":
 *
 * <pre>
 *   A 192.168.77.2 --+                                         +-- plain NAT 198.51.100.2
 *                    +-- miniupnpd 203.0.113.2 -- internet ---+     home C 192.168.78.2
 *   L 192.168.77.3 --+   (one bridged LAN)     W 203.0.113.1, tracker
 * </pre>
 *
 * The internet uses the documentation ranges of RFC 5737 (never routed; no namespace has a
 * route out of the test), because the daemon calls a connection to an RFC 1918 address
 * {@code lan}. Four daemons, each started once, share only a folder key and the tracker of W
 * per case: (1) L and A on one LAN; (2) C behind a NAT dials W in the internet; (3) C behind
 * the plain NAT dials A's mapped address, so both sit behind NATs and connect directly through
 * miniupnpd's mapping. Each case: connected, the connection type each side reports, seconds
 * from the receiving folder being added (a CLI call, JVM start included) to the connection,
 * MB/s of a 16 MiB file (the receiver's pull time, from its log), written to
 * target/connectivity-matrix.txt.
 */
class ConnectivityMatrixIT {
  private static final String PREFIX = "ssmx";
  private static final String WAN_NET = "203.0.113";
  private static final String WAN_IP = WAN_NET + ".1";
  private static final String MAPPED_EXTERNAL_IP = WAN_NET + ".2";
  private static final String A_IP = "192.168.77.2";
  private static final String L_IP = "192.168.77.3";
  private static final int FILE_BYTES = 16 << 20;
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Pattern PULLED =
      Pattern.compile("pulled [1-9][0-9]* items, 0 failed, in ([0-9]+) ms");

  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  @Test
  void sameLanOneNatAndBothNatsWithOneMappingEachConnectDirectly() throws Exception {
    UpnpRouter router = keep(UpnpRouter.up(PREFIX, 2, dir, WAN_NET));
    String wanNs = router.get("UPNP_WAN_NS");
    PlainNatHome plain = keep(PlainNatHome.attach(wanNs, PREFIX + "p"));
    String tracker = "http://" + WAN_IP + ":" + Daemon.freePort() + "/announce";
    List<String> flags = List.of("--tracker", tracker);
    Set<String> discovery = Set.of("lan", "tracker");

    String lanKey = newKey();
    String natKey = newKey();
    String mappedKey = newKey();
    Path aLan = folder("a-lan", 1);
    Path aMapped = folder("a-mapped", 3);
    Path wNat = folder("w-nat", 2);
    Daemon w = keep(new Daemon(dir, "w", wanNs, WAN_IP));
    Daemon a = keep(new Daemon(dir, "a", router.get("UPNP_CLIENT_NS"), A_IP));
    Daemon l = keep(new Daemon(dir, "l", router.get("UPNP_CLIENT2_NS"), L_IP));
    Daemon c = keep(new Daemon(dir, "c", plain.home, PlainNatHome.HOME_IP));
    w.addFolder(natKey, wNat);
    a.addFolder(lanKey, aLan);
    a.addFolder(mappedKey, aMapped);
    List<String> wFlags = new ArrayList<>(flags);
    wFlags.addAll(List.of("--serve-tracker", WAN_IP + ":" + trackerPort(tracker)));
    w.start(discovery, wFlags);
    List<CompletableFuture<Daemon>> starting = List.of(
        CompletableFuture.supplyAsync(() -> start(a, Set.of("lan", "tracker", "upnp"), flags)),
        CompletableFuture.supplyAsync(() -> start(l, discovery, flags)));
    start(c, discovery, flags);
    starting.forEach(CompletableFuture::join);
    awaitScanned(a, aLan);
    awaitScanned(a, aMapped);
    awaitScanned(w, wNat);
    JsonNode mapping = a.status().get("port_mapping");
    assertThat(mapping.get("external_address").asText()).isEqualTo(MAPPED_EXTERNAL_IP);
    String mapped = MAPPED_EXTERNAL_IP + ":" + mapping.get("external_port").asInt();

    // (1) Same LAN: L finds A (LAN discovery or tracker) and they connect on the LAN.
    Case lan = runCase("(1) same LAN (bridge behind the miniupnpd router)", a, aLan, l,
        router.get("UPNP_CLIENT2_NS"), lanKey, "l-lan");
    assertThat(lan.senderPeer.get("connection").asText()).isEqualTo("lan");
    assertThat(lan.receiverPeer.get("connection").asText()).isEqualTo("lan");
    assertThat(lan.receiverPeer.get("address").asText()).startsWith(A_IP + ":");
    lan.record("lan / lan");

    // (2) One side behind a NAT: C dials W, W cannot dial C's home.
    Case oneNat = runCase("(2) one side behind a NAT (plain masquerade), other in the internet",
        w, wNat, c, plain.home, natKey, "c-nat");
    assertThat(oneNat.receiverPeer.get("connection").asText()).isEqualTo("direct");
    assertThat(oneNat.receiverPeer.get("address").asText()).isEqualTo(w.address());
    assertThat(oneNat.senderPeer.get("connection").asText()).isEqualTo("direct");
    assertThat(oneNat.senderPeer.get("address").asText())
        .startsWith(PlainNatHome.EXTERNAL_IP + ":");
    assertThat(tcpReachable(wanNs, PlainNatHome.HOME_IP, c.port)).isFalse();
    oneNat.record("direct / direct");

    // (3) Both behind NATs, A's router maps: C dials the mapped address, A sees "mapped".
    Case bothNats = runCase("(3) both behind NATs, A's router miniupnpd (PCP mapping)", a,
        aMapped, c, plain.home, mappedKey, "c-mapped");
    assertThat(bothNats.senderPeer.get("connection").asText()).isEqualTo("mapped");
    assertThat(bothNats.senderPeer.get("address").asText())
        .startsWith(PlainNatHome.EXTERNAL_IP + ":");
    assertThat(bothNats.receiverPeer.get("connection").asText()).isEqualTo("direct");
    assertThat(bothNats.receiverPeer.get("address").asText()).isEqualTo(mapped);
    assertThat(tcpReachable(plain.home, A_IP, a.port)).isFalse();
    assertThat(tcpReachable(router.get("UPNP_CLIENT_NS"), PlainNatHome.HOME_IP, c.port))
        .isFalse();
    bothNats.record("mapped / direct");
  }

  /**
   * Adds {@code key} at {@code folderName} to the running {@code receiver} (inside {@code ns})
   * and times its connection to {@code sender} (its log's next "connected to" line, polled from
   * the file, since a status call in a namespace starts a JVM) and the pull of the sender's
   * file (from its temporary file appearing to the file appearing complete).
   */
  private Case runCase(String name, Daemon sender, Path senderFolder, Daemon receiver,
      String ns, String key, String folderName) throws Exception {
    Path folder = Files.createDirectories(dir.resolve(folderName));
    int logBefore = receiver.log().length();
    long added = System.nanoTime();
    Launcher.run(UpnpRouter.in(ns, Launcher.command("folder", "add", "--home",
        receiver.home.toString(), "--key", key, folder.toString()).toArray(String[]::new)))
        .assertOk();
    Path file = folder.resolve("data.bin");
    await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> receiver.log()
        .substring(logBefore).contains("connected to "));
    long connected = System.nanoTime();
    await().atMost(WAIT).until(() -> Files.exists(file) && Files.size(file) == FILE_BYTES);
    long pullMillis = await().atMost(WAIT).until(() -> pullMillis(receiver.log()
        .substring(logBefore)), ms -> ms > 0);
    DaemonGroup.awaitIdentical(WAIT, senderFolder, folder);
    assertThat(Trees.describe(folder)).isEqualTo(Trees.describe(senderFolder));
    JsonNode receiverPeer = await().atMost(WAIT).ignoreExceptions()
        .until(() -> peerOf(receiver, folder), p -> p != null);
    JsonNode senderPeer = await().atMost(WAIT).ignoreExceptions()
        .until(() -> peerOf(sender, senderFolder), p -> p != null);
    return new Case(name, (connected - added) / 1e9,
        FILE_BYTES / 1e6 / (pullMillis / 1e3), senderPeer, receiverPeer);
  }

  /**
   * The milliseconds the receiver's pull passes that applied something took, from its own log
   * lines ("pulled N items, 0 failed, in M ms"), or 0 while none is logged. Timing the pull
   * from outside by polling for the temporary file misses transfers faster than the poll.
   */
  private static long pullMillis(String log) {
    Matcher m = PULLED.matcher(log);
    long total = 0;
    while (m.find()) {
      total += Math.max(1, Long.parseLong(m.group(1)));
    }
    return total;
  }

  /** The first peer of the folder at {@code folder} in {@code d}'s status, or null. */
  private static JsonNode peerOf(Daemon d, Path folder) throws Exception {
    for (JsonNode f : d.status().get("folders")) {
      if (Path.of(f.get("path").asText()).equals(folder) && f.get("peers").size() > 0) {
        return f.get("peers").get(0);
      }
    }
    return null;
  }

  private static void awaitScanned(Daemon d, Path folder) {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
      for (JsonNode f : d.status().get("folders")) {
        if (Path.of(f.get("path").asText()).equals(folder)) {
          return f.get("local_bytes").asLong() == FILE_BYTES;
        }
      }
      return false;
    });
  }

  private Path folder(String name, int seed) throws Exception {
    Path f = Files.createDirectories(dir.resolve(name));
    Trees.randomFile(f.resolve("data.bin"), FILE_BYTES, seed);
    return f;
  }

  private static String newKey() throws Exception {
    return Launcher.run("key", "new").assertOk().out().trim();
  }

  private static int trackerPort(String tracker) {
    return Integer.parseInt(tracker.replaceAll(".*:(\\d+)/announce", "$1"));
  }

  private static boolean tcpReachable(String ns, String ip, int port) throws Exception {
    return RelayTopology.run(new StringBuilder(), "ip", "netns", "exec", ns, "timeout", "3",
        "bash", "-c", "exec 3<>/dev/tcp/" + ip + "/" + port) == 0;
  }

  private static Daemon start(Daemon d, Set<String> on, List<String> flags) {
    try {
      return d.start(on, flags);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private <T extends AutoCloseable> T keep(T c) {
    open.add(c);
    return c;
  }

  /** One measured case: seconds to connect, MB/s, and each side's view of the peer. */
  private record Case(String name, double connectSeconds, double megabytesPerSecond,
      JsonNode senderPeer, JsonNode receiverPeer) {
    void record(String types) throws Exception {
      String line = String.format("%s | connected | %s | connect %.2f s | %.1f MB/s (%d MiB)%n",
          name, types, connectSeconds, megabytesPerSecond, FILE_BYTES >> 20);
      System.out.print("CONNECTIVITY-MATRIX " + line);
      Files.writeString(Launcher.root().resolve("target/connectivity-matrix.txt"), line,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
  }
}
