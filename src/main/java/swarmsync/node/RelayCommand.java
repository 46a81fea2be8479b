package swarmsync.node;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import swarmsync.config.DaemonOptions;
import swarmsync.net.DeviceCertificate;
import swarmsync.net.TlsContexts;
import swarmsync.relay.RelayLimits;
import swarmsync.relay.RelayServer;

/** {@code swarmsync relay}: runs only a relay server, in the foreground until stopped. */
@Command(name = "relay", description = "Run a relay (Syncthing relay protocol v1 with the"
    + " swarmsync rendezvous extension) until stopped.")
public final class RelayCommand implements Callable<Integer> {
  @Option(names = "--listen", required = true, paramLabel = "HOST:PORT",
      description = "Where clients connect.") String listen;
  @Option(names = "--home", paramLabel = "DIR",
      description = "Keeps the relay's certificate (its id) here; without it, a new one per run.")
  Path home;
  @Option(names = "--max-sessions", paramLabel = "N") Integer maxSessions;
  @Option(names = "--max-per-ip", paramLabel = "N",
      description = "Connections from one IP address at once.") Integer maxPerIp;
  @Option(names = "--rate", paramLabel = "BYTES_PER_SECOND",
      description = "Cap per session and direction; 0: none.") Long rate;
  @Option(names = "--idle-timeout", paramLabel = "SECONDS") Long idleSeconds;

  @Override
  public Integer call() throws Exception {
    RelayLimits limits = RelayLimits.DEFAULTS;
    if (maxSessions != null) {
      limits = limits.withMaxSessions(maxSessions);
    }
    if (maxPerIp != null) {
      limits = limits.withMaxPerIp(maxPerIp);
    }
    if (rate != null) {
      limits = limits.withBytesPerSecond(rate);
    }
    if (idleSeconds != null) {
      limits = limits.withIdleTimeout(Duration.ofSeconds(idleSeconds));
    }
    DeviceCertificate certificate;
    if (home != null) {
      Files.createDirectories(home);
      certificate = DeviceCertificate.loadOrCreate(home);
    } else {
      certificate = DeviceCertificate.generate(new SecureRandom());
    }
    InetSocketAddress bind = DaemonOptions.parseAddress(listen);
    CountDownLatch stopped = new CountDownLatch(1);
    try (RelayServer server = new RelayServer(TlsContexts.create(certificate), bind, limits)) {
      InetSocketAddress bound = server.start();
      System.out.println("RELAY_URI=relay://" + bound.getHostString() + ":" + bound.getPort());
      System.out.flush();
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "relay-shutdown"));
      stopped.await();
    }
    return 0;
  }
}
