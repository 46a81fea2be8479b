package swarmsync.bencode;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A bencoded dictionary: {@code d<key><value>...e} with byte-string keys in raw byte order.
 *
 * <p>Keys are held as ISO-8859-1 strings, one char per byte, so that {@link String#compareTo}
 * is exactly the unsigned byte order BEP 3 requires and any key bytes survive.
 */
public record BDict(SortedMap<String, BValue> entries) implements BValue {
  public BDict {
    entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
  }

  /** The key bytes of {@code key} as the map holds them (one char per byte). */
  public static String key(byte[] key) {
    return new String(key, StandardCharsets.ISO_8859_1);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Optional<BValue> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  /** The value under {@code key}, or a {@link BencodeException} naming the missing key. */
  public BValue require(String key) throws BencodeException {
    BValue value = entries.get(key);
    if (value == null) {
      throw new BencodeException("missing key '" + key + "'");
    }
    return value;
  }

  /** Builds a dictionary in any order; keys are sorted when it is built. */
  public static final class Builder {
    private final TreeMap<String, BValue> entries = new TreeMap<>();

    private Builder() {}

    public Builder put(String key, BValue value) {
      entries.put(key, value);
      return this;
    }

    public Builder put(String key, long value) {
      return put(key, new BInt(value));
    }

    public Builder put(String key, String text) {
      return put(key, BBytes.of(text));
    }

    public Builder put(String key, byte[] bytes) {
      return put(key, BBytes.of(bytes));
    }

    public BDict build() {
      return new BDict(entries);
    }
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("BDict{");
    for (Map.Entry<String, BValue> entry : entries.entrySet()) {
      text.append(entry.getKey()).append('=').append(entry.getValue()).append(", ");
    }
    return text.append('}').toString();
  }
}
