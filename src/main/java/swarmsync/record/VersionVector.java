package swarmsync.record;

import java.util.Arrays;

/**
 * A version vector: for each device that changed a file, how many changes it made. Compares
 * as equal, newer, older or concurrent. Immutable; entries are kept sorted by device.
 */
public final class VersionVector {
  /** Result of comparing two vectors. */
  public enum Order { EQUAL, GREATER, LESSER, CONCURRENT }

  public static final VersionVector EMPTY = new VersionVector(new long[0], new long[0]);

  /** Upper bound on entries accepted from the wire. */
  public static final int MAX_ENTRIES = 1024;

  private final long[] devices;
  private final long[] counters;

  private VersionVector(long[] devices, long[] counters) {
    this.devices = devices;
    this.counters = counters;
  }

  /** Builds a vector from parallel arrays; devices need not be sorted, must be distinct. */
  public static VersionVector of(long[] devices, long[] counters) {
    if (devices.length != counters.length || devices.length > MAX_ENTRIES) {
      throw new IllegalArgumentException("version vector has " + devices.length + " devices and "
          + counters.length + " counters (max " + MAX_ENTRIES + ")");
    }
    Integer[] order = new Integer[devices.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compareUnsigned(devices[a], devices[b]));
    long[] d = new long[devices.length];
    long[] c = new long[devices.length];
    for (int i = 0; i < order.length; i++) {
      d[i] = devices[order[i]];
      c[i] = counters[order[i]];
      if (i > 0 && d[i] == d[i - 1]) {
        throw new IllegalArgumentException("version vector lists device " + Long.toHexString(d[i])
            + " twice");
      }
      if (c[i] < 0) {
        throw new IllegalArgumentException("version vector has negative counter " + c[i]);
      }
    }
    return new VersionVector(d, c);
  }

  public int size() {
    return devices.length;
  }

  public long device(int i) {
    return devices[i];
  }

  public long counter(int i) {
    return counters[i];
  }

  public long counterOf(long device) {
    int i = indexOf(device);
    return i >= 0 ? counters[i] : 0;
  }

  /** This vector with the given device's counter set above every counter in it. */
  public VersionVector bump(long device) {
    long max = 0;
    for (long c : counters) {
      max = Math.max(max, c);
    }
    return with(device, max + 1);
  }

  /** The element-wise maximum of both vectors. */
  public VersionVector merge(VersionVector other) {
    VersionVector result = this;
    for (int i = 0; i < other.devices.length; i++) {
      if (other.counters[i] > result.counterOf(other.devices[i])) {
        result = result.with(other.devices[i], other.counters[i]);
      }
    }
    return result;
  }

  public Order compare(VersionVector other) {
    boolean greater = false;
    boolean lesser = false;
    int i = 0;
    int j = 0;
    while (i < devices.length || j < other.devices.length) {
      long a;
      long b;
      if (j >= other.devices.length
          || i < devices.length && Long.compareUnsigned(devices[i], other.devices[j]) < 0) {
        a = counters[i++];
        b = 0;
      } else if (i >= devices.length
          || Long.compareUnsigned(devices[i], other.devices[j]) > 0) {
        a = 0;
        b = other.counters[j++];
      } else {
        a = counters[i++];
        b = other.counters[j++];
      }
      greater |= a > b;
      lesser |= a < b;
    }
    if (greater && lesser) {
      return Order.CONCURRENT;
    }
    return greater ? Order.GREATER : lesser ? Order.LESSER : Order.EQUAL;
  }

  private VersionVector with(long device, long counter) {
    int i = indexOf(device);
    if (i >= 0) {
      long[] c = counters.clone();
      c[i] = counter;
      return new VersionVector(devices, c);
    }
    long[] d = Arrays.copyOf(devices, devices.length + 1);
    long[] c = Arrays.copyOf(counters, counters.length + 1);
    d[d.length - 1] = device;
    c[c.length - 1] = counter;
    return of(d, c);
  }

  private int indexOf(long device) {
    for (int i = 0; i < devices.length; i++) {
      if (devices[i] == device) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VersionVector v && Arrays.equals(devices, v.devices)
        && Arrays.equals(counters, v.counters);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(devices) * 31 + Arrays.hashCode(counters);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < devices.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(Long.toHexString(devices[i])).append(':').append(counters[i]);
    }
    return out.append('}').toString();
  }
}
