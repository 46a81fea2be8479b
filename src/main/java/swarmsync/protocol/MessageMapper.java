package swarmsync.protocol;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.DiscardUnknownFieldsParser;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import com.google.protobuf.UnsafeByteOperations;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import swarmsync.protocol.wire.Address;
import swarmsync.protocol.wire.Close;
import swarmsync.protocol.wire.DownloadProgress;
import swarmsync.protocol.wire.FileInfo;
import swarmsync.protocol.wire.FolderJoin;
import swarmsync.protocol.wire.FolderJoinResult;
import swarmsync.protocol.wire.Hello;
import swarmsync.protocol.wire.Index;
import swarmsync.protocol.wire.InviteRedeem;
import swarmsync.protocol.wire.InviteResult;
import swarmsync.protocol.wire.IndexUpdate;
import swarmsync.protocol.wire.PeerExchange;
import swarmsync.protocol.wire.Ping;
import swarmsync.protocol.wire.Request;
import swarmsync.protocol.wire.Response;
import swarmsync.record.ChunkHash;
import swarmsync.record.FileRecord;

/**
 * Converts {@link Message} records to and from the generated protobuf classes, the only place
 * that knows both. Incoming payloads are bounded ({@link RepeatedFieldGuard}), parsed with
 * unknown fields dropped, then checked field by field ({@link MessageValidator}).
 */
final class MessageMapper {
  private MessageMapper() {}

  /** The protobuf form of a message; throws IllegalArgumentException if a peer would refuse it. */
  static MessageLite toWire(Message m) {
    MessageLite wire = build(m);
    try {
      validate(m.type(), wire);
    } catch (ProtocolException e) {
      throw new IllegalArgumentException("refusing to send an invalid message: "
          + e.getMessage(), e);
    }
    return wire;
  }

  /** The message a payload of the given type holds; throws naming the first bad field. */
  static Message fromWire(MessageType type, ByteBuffer payload) throws ProtocolException {
    RepeatedFieldGuard.check(type, payload);
    MessageLite wire;
    try {
      // Aliasing: bytes fields share the frame's buffer instead of being copied into it.
      CodedInputStream input = CodedInputStream.newInstance(payload.duplicate());
      input.enableAliasing(true);
      wire = parser(type).parseFrom(input);
    } catch (InvalidProtocolBufferException e) {
      throw new ProtocolException(type + " payload is not valid protobuf: " + e.getMessage(), e);
    }
    validate(type, wire);
    return toRecord(type, wire);
  }

  private static MessageLite build(Message m) {
    if (m instanceof Message.Hello h) {
      return Hello.newBuilder().setDeviceName(h.deviceName())
          .setClientName(h.clientName()).setClientVersion(h.clientVersion())
          .setSessionNonce(bytes(h.sessionNonce())).setTimestampMs(h.timestampMs())
          .setListenPort(h.listenPort()).build();
    } else if (m instanceof Message.FolderJoin j) {
      return FolderJoin.newBuilder()
          .setDiscoveryId(bytes(j.discoveryId())).setPublicKey(bytes(j.publicKey()))
          .setMemberProof(bytes(j.memberProof())).setReadProof(bytes(j.readProof()))
          .setWriteProof(bytes(j.writeProof())).setIndexId(j.indexId())
          .setMaxSequence(j.maxSequence()).build();
    } else if (m instanceof Message.FolderJoinResult r) {
      return FolderJoinResult.newBuilder()
          .setDiscoveryId(bytes(r.discoveryId())).setAccepted(r.accepted())
          .setReason(r.reason()).build();
    } else if (m instanceof Message.Index i) {
      return Index.newBuilder().setDiscoveryId(bytes(i.discoveryId()))
          .addAllFiles(files(i.files())).setLast(i.last()).build();
    } else if (m instanceof Message.IndexUpdate u) {
      return IndexUpdate.newBuilder()
          .setDiscoveryId(bytes(u.discoveryId())).addAllFiles(files(u.files())).build();
    } else if (m instanceof Message.Request r) {
      return Request.newBuilder().setId(r.id())
          .setDiscoveryId(bytes(r.discoveryId())).setPath(r.path()).setOffset(r.offset())
          .setSize(r.size()).setHash(bytes(r.hash().bytes())).setEncrypted(r.encrypted())
          .build();
    } else if (m instanceof Message.Response r) {
      return Response.newBuilder().setId(r.id())
          .setData(bytes(r.data()))
          .setCode(Response.Code.forNumber(r.code().ordinal())).build();
    } else if (m instanceof Message.DownloadProgress p) {
      DownloadProgress.Builder b =
          DownloadProgress.newBuilder()
              .setDiscoveryId(bytes(p.discoveryId())).setPath(p.path())
              .addAllVersion(FileInfoMapper.toWire(p.version()));
      for (int index : p.chunkIndexes()) {
        b.addChunkIndexes(index);
      }
      return b.build();
    } else if (m instanceof Message.Ping) {
      return Ping.getDefaultInstance();
    } else if (m instanceof Message.PeerExchange x) {
      PeerExchange.Builder b = PeerExchange.newBuilder().setDiscoveryId(bytes(x.discoveryId()));
      for (Message.PeerAddress a : x.addresses()) {
        b.addAddresses(Address.newBuilder().setIp(bytes(a.ip())).setPort(a.port()));
      }
      return b.build();
    } else if (m instanceof Message.EncryptedIndex e) {
      return EncryptedIndexMapper.toWire(e);
    } else if (m instanceof Message.Close c) {
      return Close.newBuilder().setReason(c.reason()).build();
    } else if (m instanceof Message.InviteRedeem r) {
      return InviteRedeem.newBuilder().setDiscoveryId(bytes(r.discoveryId()))
          .setProof(bytes(r.proof())).build();
    } else if (m instanceof Message.InviteResult r) {
      return InviteResult.newBuilder().setDiscoveryId(bytes(r.discoveryId()))
          .setStatusValue(r.status().ordinal()).setKey(r.key()).setProof(bytes(r.proof()))
          .setExpiresMs(r.expiresMs()).setReason(r.reason()).build();
    }
    throw new IllegalStateException("no wire form for " + m.type());
  }

  private static Parser<? extends MessageLite> parser(MessageType type) {
    return switch (type) {
      case HELLO -> lenient(Hello.parser());
      case FOLDER_JOIN -> lenient(FolderJoin.parser());
      case FOLDER_JOIN_RESULT -> lenient(FolderJoinResult.parser());
      case INDEX -> lenient(Index.parser());
      case INDEX_UPDATE -> lenient(IndexUpdate.parser());
      case REQUEST -> lenient(Request.parser());
      case RESPONSE -> lenient(Response.parser());
      case DOWNLOAD_PROGRESS -> lenient(DownloadProgress.parser());
      case PING -> lenient(Ping.parser());
      case CLOSE -> lenient(Close.parser());
      case PEER_EXCHANGE -> lenient(PeerExchange.parser());
      case INVITE_REDEEM -> lenient(InviteRedeem.parser());
      case INVITE_RESULT -> lenient(InviteResult.parser());
      case ENCRYPTED_INDEX -> lenient(swarmsync.protocol.wire.EncryptedIndex.parser());
    };
  }

  private static <T extends com.google.protobuf.Message> Parser<T> lenient(Parser<T> parser) {
    return DiscardUnknownFieldsParser.wrap(parser);
  }

  private static void validate(MessageType type, MessageLite wire) throws ProtocolException {
    switch (type) {
      case HELLO -> MessageValidator.check((Hello) wire);
      case FOLDER_JOIN -> MessageValidator.check((FolderJoin) wire);
      case FOLDER_JOIN_RESULT ->
          MessageValidator.check((FolderJoinResult) wire);
      case INDEX -> MessageValidator.check((Index) wire);
      case INDEX_UPDATE -> MessageValidator.check((IndexUpdate) wire);
      case REQUEST -> MessageValidator.check((Request) wire);
      case RESPONSE -> MessageValidator.check((Response) wire);
      case DOWNLOAD_PROGRESS ->
          MessageValidator.check((DownloadProgress) wire);
      case CLOSE -> MessageValidator.check((Close) wire);
      case PEER_EXCHANGE -> MessageValidator.check((PeerExchange) wire);
      case INVITE_REDEEM -> MessageValidator.check((InviteRedeem) wire);
      case INVITE_RESULT -> MessageValidator.check((InviteResult) wire);
      case ENCRYPTED_INDEX ->
          MessageValidator.check((swarmsync.protocol.wire.EncryptedIndex) wire);
      case PING -> { }
    }
  }

  private static Message toRecord(MessageType type, MessageLite wire) throws ProtocolException {
    switch (type) {
      case HELLO: {
        Hello h = (Hello) wire;
        return new Message.Hello(h.getDeviceName(), h.getClientName(), h.getClientVersion(),
            h.getSessionNonce().toByteArray(), h.getTimestampMs(), h.getListenPort());
      }
      case FOLDER_JOIN: {
        FolderJoin j = (FolderJoin) wire;
        return new Message.FolderJoin(j.getDiscoveryId().toByteArray(),
            j.getPublicKey().toByteArray(), j.getMemberProof().toByteArray(),
            j.getReadProof().toByteArray(), j.getWriteProof().toByteArray(), j.getIndexId(),
            j.getMaxSequence());
      }
      case FOLDER_JOIN_RESULT: {
        FolderJoinResult r =
            (FolderJoinResult) wire;
        return new Message.FolderJoinResult(r.getDiscoveryId().toByteArray(), r.getAccepted(),
            r.getReason());
      }
      case INDEX: {
        Index i = (Index) wire;
        return new Message.Index(i.getDiscoveryId().toByteArray(),
            records("Index", i.getFilesList()), i.getLast());
      }
      case INDEX_UPDATE: {
        IndexUpdate u = (IndexUpdate) wire;
        return new Message.IndexUpdate(u.getDiscoveryId().toByteArray(),
            records("IndexUpdate", u.getFilesList()));
      }
      case REQUEST: {
        Request r = (Request) wire;
        return new Message.Request(r.getId(), r.getDiscoveryId().toByteArray(), r.getPath(),
            r.getOffset(), r.getSize(), ChunkHash.of(r.getHash().toByteArray()),
            r.getEncrypted());
      }
      case RESPONSE: {
        Response r = (Response) wire;
        return new Message.Response(r.getId(), r.getData().toByteArray(),
            Message.ResponseCode.values()[r.getCodeValue()]);
      }
      case DOWNLOAD_PROGRESS: {
        DownloadProgress p =
            (DownloadProgress) wire;
        int[] indexes = new int[p.getChunkIndexesCount()];
        for (int k = 0; k < indexes.length; k++) {
          indexes[k] = p.getChunkIndexes(k);
        }
        return new Message.DownloadProgress(p.getDiscoveryId().toByteArray(), p.getPath(),
            FileInfoMapper.fromWire("DownloadProgress.version", p.getVersionList()), indexes);
      }
      case PING:
        return new Message.Ping();
      case CLOSE:
        return new Message.Close(((Close) wire).getReason());
      case PEER_EXCHANGE: {
        PeerExchange x = (PeerExchange) wire;
        List<Message.PeerAddress> addresses = new ArrayList<>(x.getAddressesCount());
        for (Address a : x.getAddressesList()) {
          addresses.add(new Message.PeerAddress(a.getIp().toByteArray(), a.getPort()));
        }
        return new Message.PeerExchange(x.getDiscoveryId().toByteArray(), addresses);
      }
      case INVITE_REDEEM: {
        InviteRedeem r = (InviteRedeem) wire;
        return new Message.InviteRedeem(r.getDiscoveryId().toByteArray(),
            r.getProof().toByteArray());
      }
      case INVITE_RESULT: {
        InviteResult r = (InviteResult) wire;
        return new Message.InviteResult(r.getDiscoveryId().toByteArray(),
            Message.InviteStatus.values()[r.getStatusValue()], r.getKey(),
            r.getProof().toByteArray(), r.getExpiresMs(), r.getReason());
      }
      case ENCRYPTED_INDEX:
        return EncryptedIndexMapper.fromWire((swarmsync.protocol.wire.EncryptedIndex) wire);
      default:
        throw new IllegalStateException("no record for " + type);
    }
  }

  private static List<FileInfo> files(List<FileRecord> records) {
    List<FileInfo> files = new ArrayList<>(records.size());
    for (FileRecord r : records) {
      files.add(FileInfoMapper.toWire(r));
    }
    return files;
  }

  private static List<FileRecord> records(String message, List<FileInfo> files)
      throws ProtocolException {
    List<FileRecord> records = new ArrayList<>(files.size());
    for (int i = 0; i < files.size(); i++) {
      records.add(FileInfoMapper.fromWire(message + ".files[" + i + "]", files.get(i)));
    }
    return records;
  }

  /** Wraps without copying: record arrays are never changed once built (see Message). */
  private static ByteString bytes(byte[] b) {
    return UnsafeByteOperations.unsafeWrap(b);
  }
}
