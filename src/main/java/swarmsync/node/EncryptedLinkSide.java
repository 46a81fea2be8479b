package swarmsync.node;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import swarmsync.crypt.EncryptionException;
import swarmsync.protocol.Message;
import swarmsync.protocol.PeerSession;
import swarmsync.record.ChunkHash;
import swarmsync.record.EncryptedChunk;
import swarmsync.record.EncryptedRecord;
import swarmsync.record.FileRecord;

/**
 * The encrypted half of a {@link PeerLink}: what is sent to, taken from and served to a peer
 * when one side of a folder is an encrypted host. A host sends the records it stores; a member
 * sends its own records encrypted, decrypts and checks what a host sends before its engine
 * sees it, and serves ciphertext of the chunks it announced.
 */
final class EncryptedLinkSide {
  /** Records per EncryptedIndex message (metadata is a few hundred bytes per record). */
  private static final int BATCH = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(EncryptedLinkSide.class);

  private final PeerSession session;
  private final Map<String, AtomicLong> sentSequence;
  private final Supplier<String> peer;

  EncryptedLinkSide(PeerSession session, Map<String, AtomicLong> sentSequence,
      Supplier<String> peer) {
    this.session = session;
    this.sentSequence = sentSequence;
    this.peer = peer;
  }

  /**
   * Sends this device's records of the folder in encrypted form, in sequence order: all of
   * them (the last part marked last) or those changed since the last send.
   */
  void send(SharedFolder folder, boolean full) {
    AtomicLong sent = sentSequence.get(folder.folderId());
    long after = full ? 0 : sent.get();
    try {
      while (true) {
        List<EncryptedRecord> page = new ArrayList<>();
        boolean last;
        if (folder.encryptedHost()) {
          List<EncryptedRecord> stored = folder.host().localRecordsSince(after, BATCH);
          last = stored.size() < BATCH;
          if (!stored.isEmpty()) {
            after = stored.get(stored.size() - 1).sequence();
          }
          page.addAll(stored);
        } else {
          List<FileRecord> local = folder.sync().localRecordsSince(after, BATCH);
          last = local.size() < BATCH;
          if (!local.isEmpty()) {
            after = local.get(local.size() - 1).sequence();
          }
          for (FileRecord r : local) {
            folder.crypto().encryptForHost(r).ifPresent(page::add);
          }
        }
        if (!page.isEmpty() || full && last) {
          session.send(new Message.EncryptedIndex(folder.discoveryId(), page, full && last));
        }
        if (last) {
          break;
        }
      }
      sent.accumulateAndGet(after, Math::max);
    } catch (IOException e) {
      LOG.debug("sending encrypted records to {} stopped: {}", peer.get(), e.getMessage());
    }
  }

  /** Hands records a peer sent to the folder's engine, decrypting them first on a member. */
  static void accept(SharedFolder folder, int device, String peer,
      List<EncryptedRecord> records) {
    if (folder.encryptedHost()) {
      folder.host().acceptRemote(device, peer, records);
      return;
    }
    List<FileRecord> plain = new ArrayList<>(records.size());
    for (EncryptedRecord e : records) {
      try {
        FileRecord r = folder.crypto().decrypt(e);
        if (olderThanOurs(folder, r)) {
          LOG.info("folder {}: ignoring a record from {} older than ours for {} (replayed?)",
              folder.folderId(), peer, r.path());
        } else {
          plain.add(r);
        }
      } catch (EncryptionException bad) {
        LOG.warn("folder {}: refusing an encrypted record from {}: {}", folder.folderId(), peer,
            bad.getMessage());
      }
    }
    if (!plain.isEmpty()) {
      folder.sync().acceptRemote(device, peer, plain);
    }
  }

  /** True when this device holds a strictly newer version of the record's path. */
  private static boolean olderThanOurs(SharedFolder folder, FileRecord r) {
    return folder.sync().localRecord(r.path()).map(ours -> r.version().compare(ours.version())
        == swarmsync.record.VersionVector.Order.LESSER).orElse(false);
  }

  /** Ciphertext of the chunk with this encrypted id, for a peer. */
  static byte[] readChunk(SharedFolder folder, ChunkHash id, int size) throws IOException {
    if (folder.encryptedHost()) {
      return folder.host().readChunk(new EncryptedChunk(id, size));
    }
    MemberEncryption.Location at = folder.crypto().location(id).orElseThrow(
        () -> new NoSuchFileException("no announced chunk " + id));
    byte[] plain = folder.sync().readChunk(at.path(), at.chunk().offset(),
        at.chunk().length(), at.chunk().hash());
    if (!MessageDigest.isEqual(MemberEncryption.sha256(plain), at.chunk().hash().bytes())) {
      throw new IOException(at.path() + " changed since its chunk was announced");
    }
    byte[] ciphertext = folder.crypto().cipher().chunks().encrypt(plain, at.chunk().hash());
    if (ciphertext.length != size) {
      throw new IOException("encrypted chunk " + id + " is " + ciphertext.length
          + " bytes, not the " + size + " requested");
    }
    return ciphertext;
  }
}
