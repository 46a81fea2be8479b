package swarmsync.dht;

/**
 * A KRPC error ("y":"e") with one of BEP 5's codes.
 *
 * @param transactionId the failed query's
 * @param code          201 generic, 202 server, 203 protocol, 204 method unknown
 * @param message       human-readable reason
 */
record KrpcError(byte[] transactionId, int code, String message) implements KrpcMessage {
  static final int GENERIC = 201;
  static final int SERVER = 202;
  static final int PROTOCOL = 203;
  static final int METHOD_UNKNOWN = 204;
}
