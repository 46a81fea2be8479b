package swarmsync.discovery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Addresses that produced a working connection before, kept in a small file in the home
 * ({@code host:port} per line, newest first, IPv6 hosts in brackets) and reported at start, so
 * that known peers are dialed before any other source has answered. Addresses belong to
 * devices, not folders: the discovery ids announced are not used.
 */
public final class CacheSource implements PeerSource {
  /** The {@link #name()} of peers found here. */
  public static final String NAME = "cache";
  /** Addresses kept: enough for every peer of a busy node, few enough to dial all at start. */
  static final int MAX_ADDRESSES = 32;

  private static final Logger LOG = LoggerFactory.getLogger(CacheSource.class);

  private final Path file;
  /** Guarded by this, as is the file: newest first. */
  private final LinkedHashSet<String> addresses = new LinkedHashSet<>();

  public CacheSource(Path file) {
    this.file = file;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void start(LocalNode self, FoundPeers found) throws IOException {
    List<String> lines = Files.exists(file)
        ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    List<InetSocketAddress> known = new ArrayList<>();
    synchronized (this) {
      for (String line : lines) {
        InetSocketAddress address = parse(line.strip());
        if (address == null) {
          LOG.warn("skipping '{}' in {}: not HOST:PORT", line, file);
        } else if (addresses.size() < MAX_ADDRESSES && addresses.add(line.strip())) {
          known.add(address);
        }
      }
    }
    known.forEach(a -> found.found("", a, NAME));
  }

  @Override
  public void announce(Set<String> discoveryIds) {
    // addresses are per device, and a device we reached shares or may share any folder
  }

  /** Remembers that a connection dialed at {@code address} worked; saves the file if new. */
  public synchronized void worked(InetSocketAddress address) {
    if (address.isUnresolved()) {
      return;
    }
    String host = address.getAddress().getHostAddress();
    String text = (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    if (addresses.contains(text) && addresses.iterator().next().equals(text)) {
      return;
    }
    addresses.remove(text);
    List<String> ordered = new ArrayList<>(List.of(text));
    ordered.addAll(addresses);
    addresses.clear();
    addresses.addAll(ordered.subList(0, Math.min(MAX_ADDRESSES, ordered.size())));
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, addresses, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      LOG.warn("saving the address cache {} failed: {}", file, e.toString());
    }
  }

  /** {@code host:port} or {@code [v6]:port} with an IP literal host, or null. */
  static InetSocketAddress parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      return null;
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":") || !host.matches("[0-9.]+")) {
      return null; // only literals: reading the cache never waits for DNS
    }
    try {
      int port = Integer.parseInt(text.substring(colon + 1));
      return port < 1 || port > 0xffff ? null : new InetSocketAddress(host, port);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public void close() {
    // nothing runs; the file is written as addresses are learned
  }
}
