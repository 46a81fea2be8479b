package swarmsync.dht;

/** The four KRPC query methods of BEP 5, with their names on the wire. */
enum KrpcMethod {
  PING("ping"),
  FIND_NODE("find_node"),
  GET_PEERS("get_peers"),
  ANNOUNCE_PEER("announce_peer");

  private final String wireName;

  KrpcMethod(String wireName) {
    this.wireName = wireName;
  }

  String wireName() {
    return wireName;
  }

  /** The method with this wire name, or null when it is not one of ours. */
  static KrpcMethod byWireName(String name) {
    for (KrpcMethod m : values()) {
      if (m.wireName.equals(name)) {
        return m;
      }
    }
    return null;
  }
}
