package swarmsync.protocol;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Counts the repeated entries of a payload before protobuf parses it. A 2-byte empty entry
 * becomes an object of ~100 bytes once parsed, so a frame within {@link Limits#MAX_FRAME_BYTES}
 * could still cost a gigabyte of heap; this walk, which allocates nothing per entry, refuses
 * such a payload first. Unknown fields are dropped by the parser and need no count.
 *
 * <p>Walked: {@code Index/IndexUpdate.files[]} with each FileInfo's {@code version[]} and
 * {@code chunks[]}, {@code DownloadProgress.version[]} and {@code chunk_indexes[]}, and
 * {@code PeerExchange.addresses[]}.
 */
final class RepeatedFieldGuard {
  private static final int FILES = 2;
  private static final int FILE_VERSION = 7;
  private static final int FILE_CHUNKS = 10;
  private static final int PROGRESS_VERSION = 3;
  private static final int PROGRESS_INDEXES = 4;
  private static final int EXCHANGE_ADDRESSES = 2;
  private static final int ENCRYPTED_FILE_VERSION = 2;
  private static final int ENCRYPTED_FILE_CHUNKS = 4;

  private final String message;
  private int entries;

  private RepeatedFieldGuard(String message) {
    this.message = message;
  }

  /** Throws naming the field when a repeated field of the payload holds too many entries. */
  static void check(MessageType type, ByteBuffer payload) throws ProtocolException {
    RepeatedFieldGuard guard = new RepeatedFieldGuard(type.name());
    try {
      CodedInputStream in = CodedInputStream.newInstance(payload.duplicate());
      switch (type) {
        case INDEX, INDEX_UPDATE -> guard.files(in);
        case DOWNLOAD_PROGRESS -> guard.progress(in);
        case PEER_EXCHANGE -> guard.addresses(in);
        case ENCRYPTED_INDEX -> guard.encryptedFiles(in);
        default -> { }
      }
    } catch (ProtocolException e) {
      throw e;
    } catch (IOException e) {
      throw new ProtocolException(type + " payload is not valid protobuf: " + e.getMessage(), e);
    }
  }

  private void files(CodedInputStream in) throws IOException {
    int files = 0;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == lengthDelimited(FILES)) {
        bound("files", ++files, Limits.MAX_FILES_PER_MESSAGE);
        int outer = in.pushLimit(in.readRawVarint32());
        fileInfo(in);
        in.popLimit(outer);
      } else {
        in.skipField(tag);
      }
    }
  }

  private void fileInfo(CodedInputStream in) throws IOException {
    int versions = 0;
    int chunks = 0;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == lengthDelimited(FILE_VERSION)) {
        bound("files[].version", ++versions, Limits.MAX_VERSION_ENTRIES);
      } else if (tag == lengthDelimited(FILE_CHUNKS)) {
        bound("files[].chunks", ++chunks, Limits.MAX_CHUNKS_PER_FILE);
      }
      in.skipField(tag);
    }
  }

  private void encryptedFiles(CodedInputStream in) throws IOException {
    int files = 0;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == lengthDelimited(FILES)) {
        bound("files", ++files, Limits.MAX_FILES_PER_MESSAGE);
        int outer = in.pushLimit(in.readRawVarint32());
        int versions = 0;
        int chunks = 0;
        for (int t = in.readTag(); t != 0; t = in.readTag()) {
          if (t == lengthDelimited(ENCRYPTED_FILE_VERSION)) {
            bound("files[].version", ++versions, Limits.MAX_VERSION_ENTRIES);
          } else if (t == lengthDelimited(ENCRYPTED_FILE_CHUNKS)) {
            bound("files[].chunks", ++chunks, Limits.MAX_CHUNKS_PER_FILE);
          }
          in.skipField(t);
        }
        in.popLimit(outer);
      } else {
        in.skipField(tag);
      }
    }
  }

  private void progress(CodedInputStream in) throws IOException {
    int versions = 0;
    int indexes = 0;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == lengthDelimited(PROGRESS_VERSION)) {
        bound("version", ++versions, Limits.MAX_VERSION_ENTRIES);
        in.skipField(tag);
      } else if (tag == lengthDelimited(PROGRESS_INDEXES)) {
        int outer = in.pushLimit(in.readRawVarint32());
        while (!in.isAtEnd()) {
          bound("chunk_indexes", ++indexes, Limits.MAX_CHUNKS_PER_FILE);
          in.readRawVarint64();
        }
        in.popLimit(outer);
      } else if (tag == tag(PROGRESS_INDEXES, WireFormat.WIRETYPE_VARINT)) {
        bound("chunk_indexes", ++indexes, Limits.MAX_CHUNKS_PER_FILE);
        in.skipField(tag);
      } else {
        in.skipField(tag);
      }
    }
  }

  private void addresses(CodedInputStream in) throws IOException {
    int addresses = 0;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == lengthDelimited(EXCHANGE_ADDRESSES)) {
        bound("addresses", ++addresses, Limits.MAX_EXCHANGED_ADDRESSES);
      }
      in.skipField(tag);
    }
  }

  private void bound(String field, int count, int max) throws ProtocolException {
    if (count > max) {
      throw new ProtocolException(message + "." + field + " has more than " + max + " entries");
    }
    if (++entries > Limits.MAX_ENTRIES_PER_MESSAGE) {
      throw new ProtocolException(message + " has more than " + Limits.MAX_ENTRIES_PER_MESSAGE
          + " repeated entries in all");
    }
  }

  private static int lengthDelimited(int field) {
    return tag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
  }

  private static int tag(int field, int wireType) {
    return field << 3 | wireType;
  }
}
