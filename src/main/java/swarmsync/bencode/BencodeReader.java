package swarmsync.bencode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * A strict, bounded decoder of one complete bencoded value (BEP 3).
 *
 * <pre>{@code
 * integer     i<decimal>e       no leading zeros, no "-0", fits a signed 64-bit long
 * byte string <len>:<bytes>    len decimal, no leading zeros, at most MAX_STRING_BYTES
 * list        l<value>...e
 * dictionary  d(<key><value>)*e keys byte strings, unique; any order read
 * }</pre>
 *
 * Every length is checked against the bytes left and the limits before anything is allocated;
 * errors name the byte offset and the problem.
 */
public final class BencodeReader {
  /** 64 levels: tracker and DHT messages nest three deep; deeper input is an attack. */
  public static final int MAX_DEPTH = 64;
  /**
   * 4 MiB: a compact peer list of the largest numwant (a few thousand peers) is tens of KiB;
   * torrent metadata pieces are 16 KiB. Nothing we read is near this.
   */
  public static final int MAX_STRING_BYTES = 4 * 1024 * 1024;
  /** 100,000 values in one input: bounds the objects a small input can make us create. */
  public static final int MAX_ELEMENTS = 100_000;
  /** 19 digits: the longest decimal that may fit a long ({@code 9223372036854775807}). */
  private static final int MAX_DIGITS = 19;

  private final byte[] input;
  private int pos;
  private int elements;

  private BencodeReader(byte[] input) {
    this.input = input;
  }

  /** Decodes {@code input}, which must hold exactly one value and nothing after it. */
  public static BValue decode(byte[] input) throws BencodeException {
    BencodeReader reader = new BencodeReader(input);
    BValue value = reader.value(0);
    if (reader.pos != input.length) {
      throw BencodeException.at(reader.pos, (input.length - reader.pos)
          + " trailing bytes after the value");
    }
    return value;
  }

  /** Decodes {@code input} and requires a dictionary at the top. */
  public static BDict decodeDict(byte[] input) throws BencodeException {
    BValue value = decode(input);
    if (!(value instanceof BDict dict)) {
      throw BencodeException.at(0, "expected a dictionary, got " + value.getClass()
          .getSimpleName());
    }
    return dict;
  }

  private BValue value(int depth) throws BencodeException {
    if (depth >= MAX_DEPTH) {
      throw BencodeException.at(pos, "nesting deeper than " + MAX_DEPTH);
    }
    if (++elements > MAX_ELEMENTS) {
      throw BencodeException.at(pos, "more than " + MAX_ELEMENTS + " values");
    }
    byte type = peek("a value");
    if (type == 'i') {
      pos++;
      long value = number('e', "integer");
      return new BInt(value);
    }
    if (type == 'l') {
      return list(depth);
    }
    if (type == 'd') {
      return dict(depth);
    }
    if (type >= '0' && type <= '9') {
      return string();
    }
    throw BencodeException.at(pos, "unexpected byte 0x" + Integer.toHexString(type & 0xff)
        + " where a value starts");
  }

  private BList list(int depth) throws BencodeException {
    pos++;
    List<BValue> values = new ArrayList<>();
    while (peek("list end 'e'") != 'e') {
      values.add(value(depth + 1));
    }
    pos++;
    return new BList(values);
  }

  private BDict dict(int depth) throws BencodeException {
    pos++;
    TreeMap<String, BValue> entries = new TreeMap<>();
    while (peek("dictionary end 'e'") != 'e') {
      int keyAt = pos;
      byte first = input[pos];
      if (first < '0' || first > '9') {
        throw BencodeException.at(pos, "dictionary key must be a byte string");
      }
      String key = BDict.key(rawString());
      if (entries.containsKey(key)) {
        throw BencodeException.at(keyAt, "duplicate dictionary key '" + key + "'");
      }
      entries.put(key, value(depth + 1));
    }
    pos++;
    return new BDict(entries);
  }

  private BBytes string() throws BencodeException {
    return BBytes.wrap(rawString());
  }

  private byte[] rawString() throws BencodeException {
    int lengthAt = pos;
    long length = number(':', "string length");
    if (length > MAX_STRING_BYTES) {
      throw BencodeException.at(lengthAt, "string length " + length + " over the limit of "
          + MAX_STRING_BYTES);
    }
    if (length > input.length - pos) {
      throw BencodeException.at(lengthAt, "string length " + length + " but only "
          + (input.length - pos) + " bytes left");
    }
    byte[] bytes = Arrays.copyOfRange(input, pos, pos + (int) length);
    pos += (int) length;
    return bytes;
  }

  /** Reads a decimal up to {@code end} (consumed): optional '-', no leading zeros, no -0. */
  private long number(char end, String what) throws BencodeException {
    int start = pos;
    boolean negative = false;
    if (peek(what) == '-') {
      negative = true;
      pos++;
    }
    int digitsAt = pos;
    long value = 0;
    while (peek(what + " end '" + end + "'") != end) {
      byte digit = input[pos];
      if (digit < '0' || digit > '9') {
        throw BencodeException.at(pos, what + " has non-digit 0x"
            + Integer.toHexString(digit & 0xff));
      }
      if (pos - digitsAt >= MAX_DIGITS) {
        throw BencodeException.at(start, what + " has more than " + MAX_DIGITS + " digits");
      }
      value = value * 10 + (digit - '0');
      pos++;
    }
    int digits = pos - digitsAt;
    if (digits == 0) {
      throw BencodeException.at(start, what + " has no digits");
    }
    if (digits > 1 && input[digitsAt] == '0') {
      throw BencodeException.at(start, what + " has a leading zero");
    }
    if (negative && value == 0) {
      throw BencodeException.at(start, what + " is negative zero");
    }
    if (value < 0) {
      throw BencodeException.at(start, what + " does not fit a signed 64-bit integer");
    }
    pos++;
    return negative ? -value : value;
  }

  private byte peek(String expected) throws BencodeException {
    if (pos >= input.length) {
      throw BencodeException.at(pos, "input ends where " + expected + " was expected");
    }
    return input[pos];
  }
}
