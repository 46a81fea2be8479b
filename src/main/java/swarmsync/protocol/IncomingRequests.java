package swarmsync.protocol;

/**
 * Counts the Requests a peer has sent and not yet had answered, and refuses the one that would
 * take it past {@link Limits#MAX_INCOMING_REQUESTS} or {@link Limits#MAX_INCOMING_REQUEST_BYTES}:
 * this is what bounds the Responses a session queues outside its byte-bounded queue.
 */
final class IncomingRequests {
  private int requests;
  private long bytes;

  synchronized void admit(Message.Request request) throws ProtocolException {
    if (requests + 1 > Limits.MAX_INCOMING_REQUESTS) {
      throw new ProtocolException("peer has more than " + Limits.MAX_INCOMING_REQUESTS
          + " requests unanswered");
    }
    if (bytes + request.size() > Limits.MAX_INCOMING_REQUEST_BYTES) {
      throw new ProtocolException("peer has more than " + Limits.MAX_INCOMING_REQUEST_BYTES
          + " bytes of requests unanswered");
    }
    requests++;
    bytes += request.size();
  }

  /** The request's response has been handed to the writer (or dropped at close). */
  synchronized void release(Message.Request request) {
    requests--;
    bytes -= request.size();
  }
}
