package swarmsync.protocol;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** The Requests a session sent and still awaits Responses for, matched by id, with deadlines. */
final class PendingRequests {
  private record Pending(Message.Request request, CompletableFuture<Message.Response> future,
      long deadlineMillis) {}

  private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicInteger nextId = new AtomicInteger();

  /** Gives the request an id no pending request has and registers it; returns it with the id. */
  Message.Request add(Message.Request request, long deadlineMillis,
      CompletableFuture<Message.Response> future) {
    while (true) {
      Message.Request withId = request.withId(nextId.getAndIncrement());
      if (pending.putIfAbsent(withId.id(), new Pending(withId, future, deadlineMillis)) == null) {
        return withId;
      }
    }
  }

  /** Completes the request the response answers; false when none is pending under its id. */
  boolean complete(Message.Response response) {
    Pending p = pending.remove(response.id());
    if (p == null) {
      return false;
    }
    p.future().complete(response);
    return true;
  }

  /** Fails one request, e.g. because it could not be sent. */
  void fail(int id, Throwable cause) {
    Pending p = pending.remove(id);
    if (p != null) {
      p.future().completeExceptionally(cause);
    }
  }

  /** Fails every request whose deadline has passed with a TimeoutException. */
  void expire(long nowMillis, String peer) {
    for (Map.Entry<Integer, Pending> e : pending.entrySet()) {
      Pending p = e.getValue();
      if (p.deadlineMillis() <= nowMillis && pending.remove(e.getKey(), p)) {
        p.future().completeExceptionally(new TimeoutException("request " + e.getKey() + " for "
            + p.request().path() + " at " + p.request().offset() + " to " + peer
            + " was not answered in time"));
      }
    }
  }

  /** Fails every pending request; used when the session closes. */
  void failAll(IOException cause) {
    for (Integer id : pending.keySet()) {
      fail(id, cause);
    }
  }

  int size() {
    return pending.size();
  }
}
