package swarmsync.dht;

/** How much a routing table trusts a node, per BEP 5. */
enum NodeState {
  /** Answered us within the last 15 minutes, or answered once and queried us since. */
  GOOD,
  /** Quiet for 15 minutes, or never answered a query of ours yet. */
  QUESTIONABLE,
  /** Failed to answer several of our queries in a row; first to be replaced. */
  BAD
}
