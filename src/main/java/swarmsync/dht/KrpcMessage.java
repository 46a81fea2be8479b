package swarmsync.dht;

/** One KRPC datagram (BEP 5): a query, a response or an error, each with a transaction id. */
sealed interface KrpcMessage permits KrpcQuery, KrpcResponse, KrpcError {
  /** The querier's opaque transaction id, echoed in the answer. */
  byte[] transactionId();
}
