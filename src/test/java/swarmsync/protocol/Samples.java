package swarmsync.protocol;

import java.util.List;
import swarmsync.record.ChunkHash;
import swarmsync.record.ChunkRef;
import swarmsync.record.FileRecord;
import swarmsync.record.FileType;
import swarmsync.record.VersionVector;

/** Fixed sample messages shared by the tests; the frame vectors in the docs encode these. */
final class Samples {
  private Samples() {}

  static byte[] bytes(int first, int count) {
    byte[] b = new byte[count];
    for (int i = 0; i < count; i++) {
      b[i] = (byte) (first + i);
    }
    return b;
  }

  static byte[] filled(int value, int count) {
    byte[] b = new byte[count];
    java.util.Arrays.fill(b, (byte) value);
    return b;
  }

  /** Discovery id a0 a1 ... b3. */
  static byte[] discoveryId() {
    return bytes(0xa0, Limits.DISCOVERY_ID_BYTES);
  }

  /** Hello from "laptop", nonce 00 01 ... 1f. */
  static Message.Hello hello() {
    return new Message.Hello("laptop", "swarmsync", "0.1.0", bytes(0, 32), 1_700_000_000_000L,
        0);
  }

  /** Hello as in {@link #hello()}, listening on port 22000. */
  static Message.Hello helloListening() {
    return new Message.Hello("laptop", "swarmsync", "0.1.0", bytes(0, 32), 1_700_000_000_000L,
        22_000);
  }

  /** PeerExchange for a0 ... b3: 192.168.1.20:22000 and [2001:db8::1]:443. */
  static Message.PeerExchange peerExchange() {
    byte[] v6 = new byte[16];
    v6[0] = 0x20;
    v6[1] = 0x01;
    v6[2] = 0x0d;
    v6[3] = (byte) 0xb8;
    v6[15] = 1;
    return new Message.PeerExchange(discoveryId(), List.of(
        new Message.PeerAddress(new byte[] {(byte) 192, (byte) 168, 1, 20}, 22_000),
        new Message.PeerAddress(v6, 443)));
  }

  /** Request 7 for 64 KiB at 256 KiB of docs/a.txt, hash 11 11 ... 11. */
  static Message.Request request() {
    return new Message.Request(7, discoveryId(), "docs/a.txt", 262_144, 65_536,
        ChunkHash.of(filled(0x11, 32)));
  }

  static VersionVector version() {
    return VersionVector.of(new long[] {0x0102030405060708L}, new long[] {3});
  }

  /** A 5-byte file a.txt in one chunk with hash 22 22 ... 22, changed 3 times by one device. */
  static FileRecord file() {
    return new FileRecord("a.txt", FileType.FILE, 5, 1_700_000_000_123_456_789L, 0644, false,
        version(), 9, 0x0102030405060708L,
        List.of(new ChunkRef(0, 5, ChunkHash.of(filled(0x22, 32)))), "", new byte[0]);
  }

  /** The full index of a folder holding only {@link #file()}. */
  static Message.Index index() {
    return new Message.Index(discoveryId(), List.of(file()), true);
  }

  static FileRecord directory(String path) {
    return new FileRecord(path, FileType.DIRECTORY, 0, 0, 0755, false, version(), 1, 1,
        List.of(), "", new byte[0]);
  }

  /** A file of {@code count} chunks of 1 KiB each. */
  static FileRecord fileOfChunks(String path, int count) {
    ChunkRef[] chunks = new ChunkRef[count];
    for (int i = 0; i < count; i++) {
      chunks[i] = new ChunkRef(i * 1024L, 1024, ChunkHash.of(filled(i, 32)));
    }
    return new FileRecord(path, FileType.FILE, count * 1024L, 0, 0644, false, version(), 1, 1,
        List.of(chunks), "", filled(0x5a, 64));
  }
}
