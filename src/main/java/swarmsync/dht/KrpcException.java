package swarmsync.dht;

/**
 * A KRPC datagram that cannot be understood, with the transaction id and KRPC error code to
 * answer it with when the sender is known.
 */
final class KrpcException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient byte[] transactionId;
  private final int errorCode;

  KrpcException(String message) {
    this(message, null, KrpcError.PROTOCOL);
  }

  KrpcException(String message, byte[] transactionId, int errorCode) {
    super(message);
    this.transactionId = transactionId;
    this.errorCode = errorCode;
  }

  /** The transaction id of the bad message, or null when it could not be read. */
  byte[] transactionId() {
    return transactionId;
  }

  /** The KRPC error code to answer with: 203 (protocol) or 204 (method unknown). */
  int errorCode() {
    return errorCode;
  }
}
