package swarmsync.protocol;

import java.util.concurrent.CompletionStage;

/**
 * What a {@link PeerSession} tells its owner, the sync engine: the callback interface the engine
 * implements, so the protocol never imports the engine. One method per message the engine acts
 * on; Ping, Close and Responses are handled by the session itself.
 *
 * <p>Every method runs on the session's reader thread, in arrival order. While one runs, nothing
 * more is read from that peer: that is the back-pressure on a fast sender, and the reason a
 * callback must hand slow work (disk, database) to its own executor and must not block on
 * {@link PeerSession#send}. A callback that throws closes the session.
 */
public interface PeerListener {
  /** The peer's Hello: always the first callback of a session, exactly once. */
  void onHello(PeerSession session, Message.Hello hello);

  void onFolderJoin(PeerSession session, Message.FolderJoin join);

  void onFolderJoinResult(PeerSession session, Message.FolderJoinResult result);

  void onIndex(PeerSession session, Message.Index index);

  void onIndexUpdate(PeerSession session, Message.IndexUpdate update);

  /**
   * A chunk request. The returned stage's Response is sent back with the request's id (the id
   * in it is ignored); if the stage fails, a GENERIC error is sent. Complete it from any thread.
   */
  CompletionStage<Message.Response> onRequest(PeerSession session, Message.Request request);

  void onDownloadProgress(PeerSession session, Message.DownloadProgress progress);

  /** Listen addresses of other peers of a folder, for this side to dial. */
  void onPeerExchange(PeerSession session, Message.PeerExchange exchange);

  /** Records of a folder in encrypted form (from or for an encrypted host). */
  default void onEncryptedIndex(PeerSession session, Message.EncryptedIndex index) {
  }

  /**
   * A newcomer redeems a one-time invite. A listener that issues no invites ignores it (the
   * newcomer waits for the issuer); the issuer answers with an InviteResult.
   */
  default void onInviteRedeem(PeerSession session, Message.InviteRedeem redeem) {
  }

  /** The answer to an InviteRedeem this side sent; ignored by a listener that sent none. */
  default void onInviteResult(PeerSession session, Message.InviteResult result) {
  }

  /**
   * The session is closed, by either side or by an error. Called exactly once, from the thread
   * that closed it; a callback already running on the reader thread may still be finishing.
   */
  void onClosed(PeerSession session, String reason);
}
