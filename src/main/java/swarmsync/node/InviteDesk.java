package swarmsync.node;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import swarmsync.invite.InviteBook;
import swarmsync.invite.InviteException;
import swarmsync.invite.RedeemStatus;
import swarmsync.invite.Redemption;
import swarmsync.keys.FolderKey;
import swarmsync.keys.JoinProofs;
import swarmsync.keys.KeyFormatException;
import swarmsync.keys.Transcript;
import swarmsync.protocol.Message;
import swarmsync.record.DeviceId;
import swarmsync.util.Hex;

/**
 * The node's one-time keys on the wire: answers redemptions of invites issued here (through
 * the {@link InviteBook}) and, for invites being accepted here, sends redemptions to every
 * connected peer and completes each with the first answer that proves it comes from the
 * invite's issuer.
 */
final class InviteDesk implements PeerLink.Invites {
  private static final Logger LOG = LoggerFactory.getLogger(InviteDesk.class);

  private final InviteBook book;
  private final Function<String, Optional<FolderKey>> folderKeys;
  /** Invites being accepted here, by the hex of their discovery id. */
  private final Map<String, Acceptance> accepting = new ConcurrentHashMap<>();

  /** One invite being accepted: the key, the links it was sent on, the granted key to come. */
  private record Acceptance(FolderKey invite, Set<PeerLink> sentOn,
      CompletableFuture<FolderKey> granted) {}

  InviteDesk(InviteBook book, Function<String, Optional<FolderKey>> folderKeys) {
    this.book = book;
    this.folderKeys = folderKeys;
  }

  InviteBook book() {
    return book;
  }

  /** Discovery ids to announce and look up: pending issued invites and invites being accepted. */
  Set<String> discoveryIds() {
    Set<String> ids = new HashSet<>(book.pendingDiscoveryIds());
    ids.addAll(accepting.keySet());
    return ids;
  }

  /** Starts accepting {@code invite}: the future completes with the granted key or fails. */
  CompletableFuture<FolderKey> accept(FolderKey invite, Iterable<PeerLink> links)
      throws InviteException {
    Acceptance a = new Acceptance(invite, ConcurrentHashMap.newKeySet(),
        new CompletableFuture<>());
    if (accepting.putIfAbsent(invite.folderId(), a) != null) {
      throw new InviteException("this invite is already being accepted");
    }
    links.forEach(link -> send(a, link));
    return a.granted();
  }

  /** Stops accepting {@code invite} (granted, refused or given up). */
  void forget(FolderKey invite) {
    accepting.remove(invite.folderId());
  }

  @Override
  public Message.InviteResult answer(Message.InviteRedeem redeem, Transcript ours,
      DeviceId newcomer) {
    Redemption r = book.redeem(redeem.discoveryId(), redeem.proof(), ours, newcomer.bytes(),
        folderKeys);
    if (r.status() != RedeemStatus.UNKNOWN) {
      LOG.info("answered {}'s redemption of an invite: {}", newcomer.shortName(), r.status());
    }
    return new Message.InviteResult(redeem.discoveryId(),
        Message.InviteStatus.valueOf(r.status().name()), r.keyText(), r.proof(), r.expiresMs(),
        r.reason());
  }

  @Override
  public void linkReady(PeerLink link) {
    accepting.values().forEach(a -> send(a, link));
  }

  private static void send(Acceptance a, PeerLink link) {
    if (a.sentOn().add(link) && !link.sendInviteRedeem(a.invite())) {
      a.sentOn().remove(link);
    }
  }

  @Override
  public void resultArrived(PeerLink link, Message.InviteResult result, Transcript ours) {
    Acceptance a = accepting.get(Hex.encode(result.discoveryId()));
    if (a == null || !a.sentOn().contains(link)) {
      LOG.debug("ignoring an InviteResult from {}: no redemption of it was sent there",
          link.describe());
      return;
    }
    Decision decision = judge(a.invite(), result, ours);
    if (decision == null && result.status() == Message.InviteStatus.UNKNOWN) {
      LOG.debug("{} did not issue the invite being accepted", link.describe());
    } else if (decision == null) {
      LOG.warn("ignoring an InviteResult from {}: it does not prove it issued the invite",
          link.describe());
    } else if (decision.key() != null) {
      LOG.info("{} granted the invite: a {} key for folder {}", link.describe(),
          decision.key().kind().jsonName(), decision.key().folderId());
      a.granted().complete(decision.key());
    } else {
      a.granted().completeExceptionally(new InviteException(decision.error()));
    }
  }

  /** What an answer settles: the granted key, or the newcomer's one-line error. */
  record Decision(FolderKey key, String error) {}

  /**
   * What {@code result} means to a newcomer redeeming {@code invite} on the session it sees as
   * {@code ours}: null when it settles nothing (UNKNOWN, or not proven to come from the
   * issuer: a peer that does not hold the invite can neither hand out a folder nor fake a
   * refusal), else the granted key or the error.
   */
  static Decision judge(FolderKey invite, Message.InviteResult result, Transcript ours) {
    if (result.status() == Message.InviteStatus.UNKNOWN
        || !JoinProofs.verifyInvite(invite.inviteProofKey(), ours.swapped(), result.proof())) {
      return null;
    }
    RedeemStatus status = RedeemStatus.valueOf(result.status().name());
    if (status != RedeemStatus.GRANTED) {
      return new Decision(null, status.describe(result.expiresMs(), result.reason()));
    }
    try {
      FolderKey key = FolderKey.parse(result.key());
      if (key.kind() != invite.grants()) {
        return new Decision(null, "the issuer granted a " + key.kind().jsonName()
            + " key but the invite promises " + invite.grants().jsonName());
      }
      return new Decision(key, null);
    } catch (KeyFormatException e) {
      return new Decision(null, "the issuer sent an invalid key: " + e.getMessage());
    }
  }
}
