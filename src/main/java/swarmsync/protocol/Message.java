package swarmsync.protocol;

import java.util.List;
import java.util.Objects;
import swarmsync.record.ChunkHash;
import swarmsync.record.EncryptedRecord;
import swarmsync.record.FileRecord;
import swarmsync.record.VersionVector;

/**
 * One protocol message, in our vocabulary rather than protobuf's: the rest of the system sees
 * these records, never the generated classes. Byte arrays are owned by the record once built
 * and must not be changed; equality of array fields is identity, as for every Java record.
 */
public sealed interface Message {
  /** The frame type byte this message is sent with. */
  MessageType type();

  /**
   * The first message each way: who the sender is, the nonce the join proofs bind to, and the
   * port it accepts peers on ({@code listenPort} 0: none or unknown).
   */
  record Hello(String deviceName, String clientName, String clientVersion, byte[] sessionNonce,
      long timestampMs, int listenPort) implements Message {
    public Hello {
      Objects.requireNonNull(deviceName, "deviceName");
      Objects.requireNonNull(clientName, "clientName");
      Objects.requireNonNull(clientVersion, "clientVersion");
      Objects.requireNonNull(sessionNonce, "sessionNonce");
    }

    @Override
    public MessageType type() {
      return MessageType.HELLO;
    }
  }

  /**
   * A request to share one folder on this connection with the proofs of the sender's level.
   * {@code publicKey}, {@code readProof} and {@code writeProof} are empty when not held.
   */
  record FolderJoin(byte[] discoveryId, byte[] publicKey, byte[] memberProof, byte[] readProof,
      byte[] writeProof, long indexId, long maxSequence) implements Message {
    public FolderJoin {
      Objects.requireNonNull(discoveryId, "discoveryId");
      publicKey = publicKey == null ? new byte[0] : publicKey;
      Objects.requireNonNull(memberProof, "memberProof");
      readProof = readProof == null ? new byte[0] : readProof;
      writeProof = writeProof == null ? new byte[0] : writeProof;
    }

    @Override
    public MessageType type() {
      return MessageType.FOLDER_JOIN;
    }
  }

  /** The answer to a FolderJoin; {@code reason} says why it was refused. */
  record FolderJoinResult(byte[] discoveryId, boolean accepted, String reason)
      implements Message {
    public FolderJoinResult {
      Objects.requireNonNull(discoveryId, "discoveryId");
      reason = reason == null ? "" : reason;
    }

    @Override
    public MessageType type() {
      return MessageType.FOLDER_JOIN_RESULT;
    }
  }

  /** One part of the sender's full index of a folder; {@code last} marks the final part. */
  record Index(byte[] discoveryId, List<FileRecord> files, boolean last) implements Message {
    public Index {
      Objects.requireNonNull(discoveryId, "discoveryId");
      files = List.copyOf(files);
    }

    @Override
    public MessageType type() {
      return MessageType.INDEX;
    }
  }

  /** Records of a folder that changed since the sender's last Index or IndexUpdate. */
  record IndexUpdate(byte[] discoveryId, List<FileRecord> files) implements Message {
    public IndexUpdate {
      Objects.requireNonNull(discoveryId, "discoveryId");
      files = List.copyOf(files);
    }

    @Override
    public MessageType type() {
      return MessageType.INDEX_UPDATE;
    }
  }

  /** A request for one chunk; {@code id} is an unsigned 32-bit number the Response echoes. */
  record Request(int id, byte[] discoveryId, String path, long offset, int size, ChunkHash hash,
      boolean encrypted) implements Message {
    public Request {
      Objects.requireNonNull(discoveryId, "discoveryId");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(hash, "hash");
    }

    /** A request for plaintext bytes of a path. */
    public Request(int id, byte[] discoveryId, String path, long offset, int size,
        ChunkHash hash) {
      this(id, discoveryId, path, offset, size, hash, false);
    }

    /**
     * A request (without an id yet) for the encrypted chunk {@code encryptedId} of
     * {@code size} ciphertext bytes: no path, offset 0.
     */
    public static Request encrypted(byte[] discoveryId, ChunkHash encryptedId, int size) {
      return new Request(0, discoveryId, "", 0, size, encryptedId, true);
    }

    /** A request without an id yet: {@link PeerSession#request} assigns one. */
    public static Request of(byte[] discoveryId, String path, long offset, int size,
        ChunkHash hash) {
      return new Request(0, discoveryId, path, offset, size, hash);
    }

    /** This request with another id. */
    public Request withId(int newId) {
      return new Request(newId, discoveryId, path, offset, size, hash, encrypted);
    }

    @Override
    public MessageType type() {
      return MessageType.REQUEST;
    }
  }

  /**
   * Records of a folder in encrypted form, as encrypted hosts exchange them; {@code last}
   * marks the final part of a full index.
   */
  record EncryptedIndex(byte[] discoveryId, List<EncryptedRecord> files, boolean last)
      implements Message {
    public EncryptedIndex {
      Objects.requireNonNull(discoveryId, "discoveryId");
      files = List.copyOf(files);
    }

    @Override
    public MessageType type() {
      return MessageType.ENCRYPTED_INDEX;
    }
  }

  /** Why a Request could not be answered with data; declared in wire order (ordinal = code). */
  enum ResponseCode { NO_ERROR, GENERIC, NO_SUCH_FILE, INVALID, NOT_ALLOWED }

  /** The answer to the Request with the same id: the chunk's bytes, or a code saying why not. */
  record Response(int id, byte[] data, ResponseCode code) implements Message {
    public Response {
      data = data == null ? new byte[0] : data;
      Objects.requireNonNull(code, "code");
    }

    public static Response ok(int id, byte[] data) {
      return new Response(id, data, ResponseCode.NO_ERROR);
    }

    public static Response error(int id, ResponseCode code) {
      return new Response(id, new byte[0], code);
    }

    /** This response with another id. */
    public Response withId(int newId) {
      return new Response(newId, data, code);
    }

    @Override
    public MessageType type() {
      return MessageType.RESPONSE;
    }
  }

  /** Which chunks (indexes into the version's chunk list) of a file the sender already has. */
  record DownloadProgress(byte[] discoveryId, String path, VersionVector version,
      int[] chunkIndexes) implements Message {
    public DownloadProgress {
      Objects.requireNonNull(discoveryId, "discoveryId");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(chunkIndexes, "chunkIndexes");
    }

    @Override
    public MessageType type() {
      return MessageType.DOWNLOAD_PROGRESS;
    }
  }

  /** Keeps an idle connection alive; answered by nothing. */
  record Ping() implements Message {
    @Override
    public MessageType type() {
      return MessageType.PING;
    }
  }

  /** One peer's listen address as peer exchange carries it: 4 or 16 bytes of IP, and a port. */
  record PeerAddress(byte[] ip, int port) {
    public PeerAddress {
      Objects.requireNonNull(ip, "ip");
    }
  }

  /** Where other peers of a folder listen, as the sender knows them. */
  record PeerExchange(byte[] discoveryId, List<PeerAddress> addresses) implements Message {
    public PeerExchange {
      Objects.requireNonNull(discoveryId, "discoveryId");
      addresses = List.copyOf(addresses);
    }

    @Override
    public MessageType type() {
      return MessageType.PEER_EXCHANGE;
    }
  }

  /** A newcomer's proof that it holds the one-time key whose discovery id it names. */
  record InviteRedeem(byte[] discoveryId, byte[] proof) implements Message {
    public InviteRedeem {
      Objects.requireNonNull(discoveryId, "discoveryId");
      Objects.requireNonNull(proof, "proof");
    }

    @Override
    public MessageType type() {
      return MessageType.INVITE_REDEEM;
    }
  }

  /** How an issuer answered an InviteRedeem; declared in wire order (ordinal = code). */
  enum InviteStatus { UNKNOWN, GRANTED, ALREADY_USED, EXPIRED, REVOKED, REFUSED }

  /**
   * The answer to an InviteRedeem: the granted key text (GRANTED only), the issuer's own
   * session-bound invite proof (empty for UNKNOWN), when the invite expires and why not.
   * {@link #toString()} never shows the key.
   */
  record InviteResult(byte[] discoveryId, InviteStatus status, String key, byte[] proof,
      long expiresMs, String reason) implements Message {
    public InviteResult {
      Objects.requireNonNull(discoveryId, "discoveryId");
      Objects.requireNonNull(status, "status");
      key = key == null ? "" : key;
      proof = proof == null ? new byte[0] : proof;
      reason = reason == null ? "" : reason;
    }

    @Override
    public MessageType type() {
      return MessageType.INVITE_RESULT;
    }

    @Override
    public String toString() {
      return "InviteResult[" + status + (key.isEmpty() ? "" : ", key hidden") + ", reason="
          + reason + "]";
    }
  }

  /** The sender is closing the connection, and why. */
  record Close(String reason) implements Message {
    public Close {
      reason = reason == null ? "" : reason;
    }

    @Override
    public MessageType type() {
      return MessageType.CLOSE;
    }
  }
}
