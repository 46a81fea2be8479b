package swarmsync.bencode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The encoder of bencoded values (BEP 3); dictionaries come out with keys in byte order. */
public final class BencodeWriter {
  private BencodeWriter() {}

  public static byte[] encode(BValue value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(value, out);
    return out.toByteArray();
  }

  private static void write(BValue value, ByteArrayOutputStream out) {
    if (value instanceof BInt integer) {
      ascii(out, "i" + integer.value() + "e");
    } else if (value instanceof BBytes bytes) {
      string(out, bytes.bytes());
    } else if (value instanceof BList list) {
      out.write('l');
      list.values().forEach(item -> write(item, out));
      out.write('e');
    } else if (value instanceof BDict dict) {
      out.write('d');
      for (Map.Entry<String, BValue> entry : dict.entries().entrySet()) {
        string(out, entry.getKey().getBytes(StandardCharsets.ISO_8859_1));
        write(entry.getValue(), out);
      }
      out.write('e');
    }
  }

  private static void string(ByteArrayOutputStream out, byte[] bytes) {
    ascii(out, bytes.length + ":");
    out.writeBytes(bytes);
  }

  private static void ascii(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
  }
}
