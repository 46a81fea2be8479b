package swarmsync.fs;

import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** Conversion between NIO's permission sets and POSIX mode bits (0755 and the like). */
final class PosixModes {
  /** In the order of their bits from 0400 down to 0001, as the enum declares them. */
  private static final PosixFilePermission[] ORDER = PosixFilePermission.values();

  private PosixModes() {}

  static int toBits(Set<PosixFilePermission> permissions) {
    int bits = 0;
    for (PosixFilePermission p : permissions) {
      bits |= 0400 >> p.ordinal();
    }
    return bits;
  }

  static Set<PosixFilePermission> fromBits(int bits) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    for (PosixFilePermission p : ORDER) {
      if ((bits & (0400 >> p.ordinal())) != 0) {
        set.add(p);
      }
    }
    return set;
  }
}
