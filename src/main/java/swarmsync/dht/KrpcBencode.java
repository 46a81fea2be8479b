package swarmsync.dht;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A minimal, bounded bencode reader and writer for KRPC datagrams, to be replaced by the shared
 * {@code bencode} package.
 *
 * <p>Values are {@code Long} ({@code i<digits>e}), {@code byte[]} ({@code <len>:<bytes>}),
 * {@code List<Object>} ({@code l...e}) and {@code Map<String, Object>} ({@code d...e}); dictionary
 * keys are byte strings read as ISO-8859-1, so their {@code String} order is the raw byte order
 * bencode requires. A datagram is complete or malformed: truncated input and trailing bytes are
 * both refused, and every length is checked against the remaining input and a named maximum
 * before anything is allocated.
 */
final class KrpcBencode {
  /** Deepest nesting accepted; KRPC needs 3 (message, arguments, values list). */
  static final int MAX_DEPTH = 8;
  /** Longest byte string accepted, in bytes; a UDP datagram we read is never longer. */
  static final int MAX_STRING_BYTES = 4096;
  /** Most entries in one list or dictionary; a full datagram of 6-byte values holds ~500. */
  static final int MAX_ELEMENTS = 1024;
  /** Most digits in an integer or length; 18 digits never overflow a long. */
  private static final int MAX_DIGITS = 18;

  private final byte[] in;
  private int pos;

  private KrpcBencode(byte[] in) {
    this.in = in;
  }

  /** Decodes exactly one value filling all of {@code in}; throws naming what is wrong. */
  static Object decode(byte[] in) throws KrpcException {
    KrpcBencode reader = new KrpcBencode(in);
    Object value = reader.value(0);
    if (reader.pos != in.length) {
      throw new KrpcException((in.length - reader.pos) + " trailing bytes after bencoded value");
    }
    return value;
  }

  /** Encodes a value built from Long/Integer, byte[], String (UTF-8), List and Map. */
  static byte[] encode(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(value, out);
    return out.toByteArray();
  }

  private Object value(int depth) throws KrpcException {
    if (depth >= MAX_DEPTH) {
      throw new KrpcException("bencode nested deeper than " + MAX_DEPTH);
    }
    int c = peek();
    if (c == 'i') {
      pos++;
      long v = number('e', true);
      return v;
    } else if (c == 'l') {
      pos++;
      List<Object> list = new ArrayList<>();
      while (peek() != 'e') {
        if (list.size() == MAX_ELEMENTS) {
          throw new KrpcException("bencode list longer than " + MAX_ELEMENTS);
        }
        list.add(value(depth + 1));
      }
      pos++;
      return Collections.unmodifiableList(list);
    } else if (c == 'd') {
      pos++;
      return dictionary(depth);
    } else if (c >= '0' && c <= '9') {
      return string();
    }
    throw new KrpcException("unexpected byte 0x" + Integer.toHexString(c) + " at " + pos);
  }

  private Map<String, Object> dictionary(int depth) throws KrpcException {
    TreeMap<String, Object> map = new TreeMap<>();
    String previous = null;
    while (peek() != 'e') {
      if (map.size() == MAX_ELEMENTS) {
        throw new KrpcException("bencode dictionary larger than " + MAX_ELEMENTS);
      }
      if (peek() < '0' || peek() > '9') {
        throw new KrpcException("dictionary key at " + pos + " is not a byte string");
      }
      String key = new String(string(), StandardCharsets.ISO_8859_1);
      if (previous != null && key.compareTo(previous) <= 0) {
        throw new KrpcException("dictionary key '" + key + "' out of order or repeated");
      }
      previous = key;
      map.put(key, value(depth + 1));
    }
    pos++;
    return Collections.unmodifiableMap(map);
  }

  private byte[] string() throws KrpcException {
    long length = number(':', false);
    if (length > MAX_STRING_BYTES) {
      throw new KrpcException("byte string of " + length + " bytes exceeds " + MAX_STRING_BYTES);
    }
    if (length > in.length - pos) {
      throw new KrpcException("byte string of " + length + " bytes but only "
          + (in.length - pos) + " left");
    }
    byte[] s = new byte[(int) length];
    System.arraycopy(in, pos, s, 0, s.length);
    pos += s.length;
    return s;
  }

  /** Reads decimal digits up to {@code end}; no leading zeros, no "-0". */
  private long number(char end, boolean signed) throws KrpcException {
    int start = pos;
    boolean negative = signed && peek() == '-';
    if (negative) {
      pos++;
    }
    int digitsStart = pos;
    long v = 0;
    while (peek() != end) {
      int d = in[pos] - '0';
      if (d < 0 || d > 9) {
        throw new KrpcException("bad digit in number at " + pos);
      }
      if (pos - digitsStart == MAX_DIGITS) {
        throw new KrpcException("number at " + start + " has more than " + MAX_DIGITS + " digits");
      }
      v = v * 10 + d;
      pos++;
    }
    int digits = pos - digitsStart;
    pos++;
    if (digits == 0 || (digits > 1 && in[digitsStart] == '0') || (negative && v == 0)) {
      throw new KrpcException("malformed number at " + start);
    }
    return negative ? -v : v;
  }

  private int peek() throws KrpcException {
    if (pos >= in.length) {
      throw new KrpcException("bencode truncated at " + pos);
    }
    return in[pos] & 0xff;
  }

  private static void write(Object value, ByteArrayOutputStream out) {
    if (value instanceof Long || value instanceof Integer) {
      out.writeBytes(("i" + value + "e").getBytes(StandardCharsets.US_ASCII));
    } else if (value instanceof byte[] bytes) {
      out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(bytes);
    } else if (value instanceof String s) {
      write(s.getBytes(StandardCharsets.UTF_8), out);
    } else if (value instanceof List<?> list) {
      out.write('l');
      list.forEach(v -> write(v, out));
      out.write('e');
    } else if (value instanceof Map<?, ?> map) {
      out.write('d');
      new TreeMap<>(map).forEach((k, v) -> {
        write(((String) k).getBytes(StandardCharsets.ISO_8859_1), out);
        write(v, out);
      });
      out.write('e');
    } else {
      throw new IllegalArgumentException("cannot bencode " + value.getClass().getName());
    }
  }
}
