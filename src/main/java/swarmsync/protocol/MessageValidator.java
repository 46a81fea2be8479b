package swarmsync.protocol;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Locale;
import swarmsync.protocol.wire.Chunk;
import swarmsync.protocol.wire.Address;
import swarmsync.protocol.wire.Counter;
import swarmsync.protocol.wire.DownloadProgress;
import swarmsync.protocol.wire.FileInfo;
import swarmsync.protocol.wire.FolderJoin;
import swarmsync.protocol.wire.FolderJoinResult;
import swarmsync.protocol.wire.Hello;
import swarmsync.protocol.wire.Index;
import swarmsync.protocol.wire.IndexUpdate;
import swarmsync.protocol.wire.InviteRedeem;
import swarmsync.protocol.wire.InviteResult;
import swarmsync.protocol.wire.PeerExchange;
import swarmsync.protocol.wire.EncryptedChunk;
import swarmsync.protocol.wire.EncryptedFileInfo;
import swarmsync.protocol.wire.EncryptedIndex;
import swarmsync.protocol.wire.Request;
import swarmsync.protocol.wire.Response;

/**
 * The field rules of every message, checked on parsed protobuf objects: lengths within
 * {@link Limits}, fixed-size fields exact, numbers in range, chunk lists tiling the file. Each
 * refusal names the field. Path safety ({@code ..}, absolute paths) is the sync engine's job.
 */
final class MessageValidator {
  /** Bytes of an IPv4 address in PeerExchange. */
  private static final int IPV4_BYTES = 4;
  /** Bytes of an IPv6 address in PeerExchange. */
  private static final int IPV6_BYTES = 16;

  private MessageValidator() {}

  static void check(Hello m) throws ProtocolException {
    atMost("Hello.device_name", m.getDeviceNameBytes(), Limits.MAX_NAME_BYTES);
    atMost("Hello.client_name", m.getClientNameBytes(), Limits.MAX_NAME_BYTES);
    atMost("Hello.client_version", m.getClientVersionBytes(), Limits.MAX_NAME_BYTES);
    exactly("Hello.session_nonce", m.getSessionNonce(), Limits.NONCE_BYTES);
    if (Integer.compareUnsigned(m.getListenPort(), Limits.MAX_PORT) > 0) {
      throw new ProtocolException("Hello.listen_port " + Integer.toUnsignedString(
          m.getListenPort()) + " is above " + Limits.MAX_PORT);
    }
  }

  static void check(FolderJoin m) throws ProtocolException {
    exactly("FolderJoin.discovery_id", m.getDiscoveryId(), Limits.DISCOVERY_ID_BYTES);
    if (!m.getPublicKey().isEmpty()) {
      exactly("FolderJoin.public_key", m.getPublicKey(), Limits.PUBLIC_KEY_BYTES);
    }
    if (m.getMemberProof().isEmpty()) {
      throw new ProtocolException("FolderJoin.member_proof is empty");
    }
    atMost("FolderJoin.member_proof", m.getMemberProof(), Limits.MAX_PROOF_BYTES);
    atMost("FolderJoin.read_proof", m.getReadProof(), Limits.MAX_PROOF_BYTES);
    atMost("FolderJoin.write_proof", m.getWriteProof(), Limits.MAX_PROOF_BYTES);
    notNegative("FolderJoin.max_sequence", m.getMaxSequence());
  }

  static void check(FolderJoinResult m) throws ProtocolException {
    exactly("FolderJoinResult.discovery_id", m.getDiscoveryId(), Limits.DISCOVERY_ID_BYTES);
    atMost("FolderJoinResult.reason", m.getReasonBytes(), Limits.MAX_REASON_BYTES);
  }

  static void check(Index m) throws ProtocolException {
    checkFiles("Index", m.getDiscoveryId(), m.getFilesList());
  }

  static void check(IndexUpdate m) throws ProtocolException {
    checkFiles("IndexUpdate", m.getDiscoveryId(), m.getFilesList());
  }

  static void check(Request m) throws ProtocolException {
    exactly("Request.discovery_id", m.getDiscoveryId(), Limits.DISCOVERY_ID_BYTES);
    if (m.getEncrypted()) {
      atMost("Request.path", m.getPathBytes(), 0);
      if (m.getOffset() != 0) {
        throw new ProtocolException("Request.offset must be 0 for an encrypted chunk");
      }
    } else {
      path("Request.path", m.getPathBytes());
      notNegative("Request.offset", m.getOffset());
    }
    int max = m.getEncrypted() ? Limits.MAX_ENCRYPTED_CHUNK_BYTES : Limits.MAX_CHUNK_BYTES;
    if (m.getSize() < 1 || m.getSize() > max) {
      throw new ProtocolException("Request.size " + Integer.toUnsignedString(m.getSize())
          + " is outside 1.." + max);
    }
    exactly("Request.hash", m.getHash(), Limits.HASH_BYTES);
  }

  static void check(Response m) throws ProtocolException {
    if (m.getCode() == Response.Code.UNRECOGNIZED) {
      throw new ProtocolException("Response.code " + m.getCodeValue() + " is not a known code");
    }
    atMost("Response.data", m.getData(), Limits.MAX_ENCRYPTED_CHUNK_BYTES);
  }

  static void check(DownloadProgress m) throws ProtocolException {
    exactly("DownloadProgress.discovery_id", m.getDiscoveryId(), Limits.DISCOVERY_ID_BYTES);
    path("DownloadProgress.path", m.getPathBytes());
    version("DownloadProgress.version", m.getVersionList());
    if (m.getChunkIndexesCount() > Limits.MAX_CHUNKS_PER_FILE) {
      throw new ProtocolException("DownloadProgress.chunk_indexes has "
          + m.getChunkIndexesCount() + " entries (max " + Limits.MAX_CHUNKS_PER_FILE + ")");
    }
    for (int index : m.getChunkIndexesList()) {
      if (index < 0 || index >= Limits.MAX_CHUNKS_PER_FILE) {
        throw new ProtocolException("DownloadProgress.chunk_indexes holds "
            + Integer.toUnsignedString(index) + " (max " + (Limits.MAX_CHUNKS_PER_FILE - 1) + ")");
      }
    }
  }

  static void check(PeerExchange m) throws ProtocolException {
    exactly("PeerExchange.discovery_id", m.getDiscoveryId(), Limits.DISCOVERY_ID_BYTES);
    if (m.getAddressesCount() > Limits.MAX_EXCHANGED_ADDRESSES) {
      throw new ProtocolException("PeerExchange.addresses has " + m.getAddressesCount()
          + " entries (max " + Limits.MAX_EXCHANGED_ADDRESSES + ")");
    }
    for (int i = 0; i < m.getAddressesCount(); i++) {
      Address a = m.getAddresses(i);
      String at = "PeerExchange.addresses[" + i + "]";
      if (a.getIp().size() != IPV4_BYTES && a.getIp().size() != IPV6_BYTES) {
        throw new ProtocolException(at + ".ip must be 4 or 16 bytes, got " + a.getIp().size());
      }
      if (a.getPort() < 1 || a.getPort() > Limits.MAX_PORT) {
        throw new ProtocolException(at + ".port " + Integer.toUnsignedString(a.getPort())
            + " is outside 1.." + Limits.MAX_PORT);
      }
    }
  }

  static void check(InviteRedeem m) throws ProtocolException {
    exactly("InviteRedeem.discovery_id", m.getDiscoveryId(), Limits.DISCOVERY_ID_BYTES);
    exactly("InviteRedeem.proof", m.getProof(), Limits.INVITE_PROOF_BYTES);
  }

  static void check(InviteResult m) throws ProtocolException {
    exactly("InviteResult.discovery_id", m.getDiscoveryId(), Limits.DISCOVERY_ID_BYTES);
    if (m.getStatus() == InviteResult.Status.UNRECOGNIZED) {
      throw new ProtocolException("InviteResult.status " + m.getStatusValue()
          + " is not a known status");
    }
    boolean granted = m.getStatus() == InviteResult.Status.GRANTED;
    atMost("InviteResult.key", m.getKeyBytes(), Limits.MAX_KEY_TEXT_BYTES);
    if (granted == m.getKey().isEmpty()) {
      throw new ProtocolException("InviteResult.key must be " + (granted ? "set" : "empty")
          + " when status is " + m.getStatus());
    }
    if (m.getStatus() == InviteResult.Status.UNKNOWN) {
      exactly("InviteResult.proof", m.getProof(), 0);
    } else {
      exactly("InviteResult.proof", m.getProof(), Limits.INVITE_PROOF_BYTES);
    }
    notNegative("InviteResult.expires_ms", m.getExpiresMs());
    atMost("InviteResult.reason", m.getReasonBytes(), Limits.MAX_REASON_BYTES);
  }

  static void check(swarmsync.protocol.wire.Close m) throws ProtocolException {
    atMost("Close.reason", m.getReasonBytes(), Limits.MAX_REASON_BYTES);
  }

  private static void checkFiles(String message, ByteString discoveryId, List<FileInfo> files)
      throws ProtocolException {
    exactly(message + ".discovery_id", discoveryId, Limits.DISCOVERY_ID_BYTES);
    if (files.size() > Limits.MAX_FILES_PER_MESSAGE) {
      throw new ProtocolException(message + ".files has " + files.size() + " entries (max "
          + Limits.MAX_FILES_PER_MESSAGE + ")");
    }
    for (int i = 0; i < files.size(); i++) {
      check(message + ".files[" + i + "]", files.get(i));
    }
  }

  /** The rules of one FileInfo; {@code at} names it in errors. */
  static void check(String at, FileInfo f) throws ProtocolException {
    path(at + ".path", f.getPathBytes());
    if (f.getType() == FileInfo.Type.UNRECOGNIZED) {
      throw new ProtocolException(at + ".type " + f.getTypeValue() + " is not a known type");
    }
    notNegative(at + ".size", f.getSize());
    if ((f.getPermissions() & ~07777) != 0) {
      throw new ProtocolException(at + ".permissions 0" + Integer.toOctalString(f.getPermissions())
          + " has bits outside 07777");
    }
    version(at + ".version", f.getVersionList());
    notNegative(at + ".sequence", f.getSequence());
    chunks(at, f);
    atMost(at + ".symlink_target", f.getSymlinkTargetBytes(), Limits.MAX_PATH_BYTES);
    if (!f.getSignature().isEmpty()) {
      exactly(at + ".signature", f.getSignature(), Limits.SIGNATURE_BYTES);
    }
    if (!f.getEncSignature().isEmpty()) {
      exactly(at + ".enc_signature", f.getEncSignature(), Limits.SIGNATURE_BYTES);
    }
  }

  static void check(EncryptedIndex m) throws ProtocolException {
    exactly("EncryptedIndex.discovery_id", m.getDiscoveryId(), Limits.DISCOVERY_ID_BYTES);
    if (m.getFilesCount() > Limits.MAX_FILES_PER_MESSAGE) {
      throw new ProtocolException("EncryptedIndex.files has " + m.getFilesCount()
          + " entries (max " + Limits.MAX_FILES_PER_MESSAGE + ")");
    }
    for (int i = 0; i < m.getFilesCount(); i++) {
      check("EncryptedIndex.files[" + i + "]", m.getFiles(i));
    }
  }

  /** The rules of one EncryptedFileInfo; {@code at} names it in errors. */
  static void check(String at, EncryptedFileInfo f) throws ProtocolException {
    exactly(at + ".name_id", f.getNameId(), Limits.ENCRYPTED_ID_BYTES);
    version(at + ".version", f.getVersionList());
    notNegative(at + ".sequence", f.getSequence());
    if (f.getChunksCount() > Limits.MAX_CHUNKS_PER_FILE) {
      throw new ProtocolException(at + ".chunks has " + f.getChunksCount() + " entries (max "
          + Limits.MAX_CHUNKS_PER_FILE + ")");
    }
    for (int i = 0; i < f.getChunksCount(); i++) {
      EncryptedChunk c = f.getChunks(i);
      exactly(at + ".chunks[" + i + "].id", c.getId(), Limits.ENCRYPTED_ID_BYTES);
      if (c.getSize() < 1 || c.getSize() > Limits.MAX_ENCRYPTED_CHUNK_BYTES) {
        throw new ProtocolException(at + ".chunks[" + i + "].size "
            + Integer.toUnsignedString(c.getSize()) + " is outside 1.."
            + Limits.MAX_ENCRYPTED_CHUNK_BYTES);
      }
    }
    if (f.getMetadata().size() < Limits.MIN_ENCRYPTED_METADATA_BYTES) {
      throw new ProtocolException(at + ".metadata is " + f.getMetadata().size()
          + " bytes (min " + Limits.MIN_ENCRYPTED_METADATA_BYTES + ")");
    }
    exactly(at + ".enc_signature", f.getEncSignature(), Limits.SIGNATURE_BYTES);
  }

  private static void chunks(String at, FileInfo f) throws ProtocolException {
    if (f.getChunksCount() > Limits.MAX_CHUNKS_PER_FILE) {
      throw new ProtocolException(at + ".chunks has " + f.getChunksCount() + " entries (max "
          + Limits.MAX_CHUNKS_PER_FILE + ")");
    }
    if ((f.getType() != FileInfo.Type.FILE || f.getDeleted()) && f.getChunksCount() > 0) {
      throw new ProtocolException(at + ".chunks must be empty for a "
          + (f.getDeleted() ? "deleted entry" : f.getType().name().toLowerCase(Locale.ROOT)));
    }
    long end = 0;
    for (int i = 0; i < f.getChunksCount(); i++) {
      Chunk c = f.getChunks(i);
      String name = at + ".chunks[" + i + "]";
      if (c.getOffset() != end) {
        throw new ProtocolException(name + ".offset is " + c.getOffset() + ", expected " + end
            + " (chunks must tile the file in order)");
      }
      if (c.getLength() < 1 || c.getLength() > Limits.MAX_CHUNK_BYTES) {
        throw new ProtocolException(name + ".length " + Integer.toUnsignedString(c.getLength())
            + " is outside 1.." + Limits.MAX_CHUNK_BYTES);
      }
      exactly(name + ".hash", c.getHash(), Limits.HASH_BYTES);
      end += c.getLength();
    }
    if (end != f.getSize()) {
      throw new ProtocolException(at + ".chunks cover " + end + " bytes but size is "
          + f.getSize());
    }
  }

  private static void version(String field, List<Counter> counters) throws ProtocolException {
    if (counters.size() > Limits.MAX_VERSION_ENTRIES) {
      throw new ProtocolException(field + " has " + counters.size() + " entries (max "
          + Limits.MAX_VERSION_ENTRIES + ")");
    }
    for (int i = 0; i < counters.size(); i++) {
      if (counters.get(i).getValue() < 0) {
        throw new ProtocolException(field + "[" + i + "].value "
            + Long.toUnsignedString(counters.get(i).getValue()) + " is above 2^63-1");
      }
    }
  }

  private static void path(String field, ByteString utf8) throws ProtocolException {
    if (utf8.isEmpty()) {
      throw new ProtocolException(field + " is empty");
    }
    atMost(field, utf8, Limits.MAX_PATH_BYTES);
  }

  private static void exactly(String field, ByteString bytes, int length)
      throws ProtocolException {
    if (bytes.size() != length) {
      throw new ProtocolException(field + " must be " + length + " bytes, got " + bytes.size());
    }
  }

  private static void atMost(String field, ByteString bytes, int max) throws ProtocolException {
    if (bytes.size() > max) {
      throw new ProtocolException(field + " is " + bytes.size() + " bytes (max " + max + ")");
    }
  }

  private static void notNegative(String field, long value) throws ProtocolException {
    if (value < 0) {
      throw new ProtocolException(field + " is negative: " + value);
    }
  }
}
