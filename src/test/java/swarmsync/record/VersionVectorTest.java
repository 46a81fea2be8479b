package swarmsync.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import swarmsync.record.VersionVector.Order;

class VersionVectorTest {
  private static final long A = 0xA0L;
  private static final long B = 0xB0L;

  @Test
  void aBumpedVectorIsNewerThanItsOrigin() {
    VersionVector v1 = VersionVector.EMPTY.bump(A);
    VersionVector v2 = v1.bump(B);
    assertThat(v2.compare(v1)).isEqualTo(Order.GREATER);
    assertThat(v1.compare(v2)).isEqualTo(Order.LESSER);
    assertThat(v2.compare(v2)).isEqualTo(Order.EQUAL);
  }

  @Test
  void changesOnTwoDevicesFromOneOriginAreConcurrent() {
    VersionVector origin = VersionVector.EMPTY.bump(A);
    VersionVector onA = origin.bump(A);
    VersionVector onB = origin.bump(B);
    assertThat(onA.compare(onB)).isEqualTo(Order.CONCURRENT);
    assertThat(onA.merge(onB).compare(onA)).isEqualTo(Order.GREATER);
    assertThat(onA.merge(onB).compare(onB)).isEqualTo(Order.GREATER);
  }

  @Test
  void entriesAreSortedAndDuplicatesRefused() {
    VersionVector v = VersionVector.of(new long[] {B, A}, new long[] {2, 1});
    assertThat(v.device(0)).isEqualTo(A);
    assertThat(v.counterOf(B)).isEqualTo(2);
    assertThatThrownBy(() -> VersionVector.of(new long[] {A, A}, new long[] {1, 2}))
        .hasMessageContaining("twice");
  }
}
