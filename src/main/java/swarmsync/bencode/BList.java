package swarmsync.bencode;

import java.util.List;

/** A bencoded list: {@code l<value>...e}. */
public record BList(List<BValue> values) implements BValue {
  public BList {
    values = List.copyOf(values);
  }

  public static BList of(BValue... values) {
    return new BList(List.of(values));
  }
}
