package swarmsync.it;

import java.util.ArrayList;
import java.util.List;

/**
 * A home behind a NAT router without port mapping, hung off an existing "internet" namespace:
 *
 * <pre>
 *   home 192.168.78.2 -- router (masquerade) 198.51.100.2 -- internet 198.51.100.1
 * </pre>
 *
 * The router forwards from its home outward and only answers (conntrack established) inward,
 * as {@link RelayTopology}'s routers do; the internet has no route to the home. The internet
 * namespace is made to forward, so the home reaches every other network attached to it.
 */
final class PlainNatHome implements AutoCloseable {
  /** The router's external (WAN) address. */
  static final String EXTERNAL_IP = "198.51.100.2";
  /** The home host's own address. */
  static final String HOME_IP = "192.168.78.2";

  final String home;
  private final String router;
  private final List<String> namespaces = new ArrayList<>();

  private PlainNatHome(String prefix) {
    this.router = prefix + "-r2";
    this.home = prefix + "-h2";
  }

  /** Builds the router and home namespaces {@code prefix-r2} and {@code prefix-h2}. */
  static PlainNatHome attach(String internet, String prefix) throws Exception {
    PlainNatHome h = new PlainNatHome(prefix);
    try {
      h.build(internet, prefix);
      return h;
    } catch (Exception e) {
      h.close();
      throw e;
    }
  }

  private void build(String internet, String prefix) throws Exception {
    for (String ns : List.of(router, home)) {
      RelayTopology.must("ip", "netns", "add", ns);
      namespaces.add(ns);
      RelayTopology.must("ip", "-n", ns, "link", "set", "lo", "up");
    }
    String wan = prefix + "w2";
    String lan = prefix + "l2";
    RelayTopology.link(internet, prefix + "i2", "198.51.100.1/24", router, wan,
        EXTERNAL_IP + "/24");
    RelayTopology.link(router, lan, "192.168.78.1/24", home, prefix + "h2", HOME_IP + "/24");
    RelayTopology.must("ip", "-n", router, "route", "add", "default", "via", "198.51.100.1");
    RelayTopology.must("ip", "-n", home, "route", "add", "default", "via", "192.168.78.1");
    RelayTopology.must("ip", "netns", "exec", router, "sysctl", "-qw", "net.ipv4.ip_forward=1");
    RelayTopology.must("ip", "netns", "exec", internet, "sysctl", "-qw",
        "net.ipv4.ip_forward=1");
    RelayTopology.must("ip", "netns", "exec", router, "nft", String.join("\n",
        "table ip nat {",
        "  chain postrouting { type nat hook postrouting priority 100; ",
        "    oifname \"" + wan + "\" masquerade; }",
        "}",
        "table ip filter {",
        "  chain forward { type filter hook forward priority 0; policy drop;",
        "    ct state established,related accept;",
        "    iifname \"" + lan + "\" accept; }",
        "}"));
  }

  @Override
  public void close() throws Exception {
    for (String ns : namespaces) {
      RelayTopology.run(new StringBuilder(), "ip", "netns", "del", ns);
    }
  }
}
