package swarmsync.protocol;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A listener that keeps what it heard and answers requests with a function of the test's. */
final class RecordingListener implements PeerListener {
  final CopyOnWriteArrayList<Message> received = new CopyOnWriteArrayList<>();
  final CompletableFuture<String> closed = new CompletableFuture<>();
  volatile Function<Message.Request, CompletionStage<Message.Response>> answer =
      r -> CompletableFuture.completedFuture(Message.Response.ok(0, r.path().getBytes()));

  @Override
  public void onHello(PeerSession session, Message.Hello hello) {
    received.add(hello);
  }

  @Override
  public void onFolderJoin(PeerSession session, Message.FolderJoin join) {
    received.add(join);
  }

  @Override
  public void onFolderJoinResult(PeerSession session, Message.FolderJoinResult result) {
    received.add(result);
  }

  @Override
  public void onIndex(PeerSession session, Message.Index index) {
    received.add(index);
  }

  @Override
  public void onIndexUpdate(PeerSession session, Message.IndexUpdate update) {
    received.add(update);
  }

  @Override
  public CompletionStage<Message.Response> onRequest(PeerSession session,
      Message.Request request) {
    received.add(request);
    return answer.apply(request);
  }

  @Override
  public void onDownloadProgress(PeerSession session, Message.DownloadProgress progress) {
    received.add(progress);
  }

  @Override
  public void onPeerExchange(PeerSession session, Message.PeerExchange exchange) {
    received.add(exchange);
  }

  @Override
  public void onClosed(PeerSession session, String reason) {
    if (!closed.complete(reason)) {
      throw new AssertionError("onClosed called twice, second: " + reason);
    }
  }
}
