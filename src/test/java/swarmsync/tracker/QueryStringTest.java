package swarmsync.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryStringTest {
  @Test
  void escapesEveryByteButUnreservedCharacters() {
    byte[] raw = {0, 'a', 'Z', '9', '-', '.', '_', '~', ' ', '%', '&', '=', '+', (byte) 0xff,
        (byte) 0xe9};
    assertThat(QueryString.encode(raw)).isEqualTo("%00aZ9-._~%20%25%26%3D%2B%FF%E9");
  }

  @Test
  void decodesRawBytesIncludingZeroAndNonUtf8() throws Exception {
    Map<String, byte[]> query = QueryString.decode("info_hash=%00%ff%E9ab&peer_id=x+y&flag");
    assertThat(query.get("info_hash")).containsExactly(0, 0xff, 0xe9, 'a', 'b');
    assertThat(query.get("peer_id")).containsExactly('x', ' ', 'y');
    assertThat(query.get("flag")).isEmpty();
  }

  @Test
  void roundTripsEveryByteValue() throws Exception {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    assertThat(QueryString.decode("v=" + QueryString.encode(all)).get("v")).isEqualTo(all);
  }

  @Test
  void firstOfARepeatedKeyWins() throws Exception {
    assertThat(QueryString.decode("port=1&port=2").get("port")).containsExactly('1');
  }

  @Test
  void refusesMalformedEscapes() {
    assertThatThrownBy(() -> QueryString.decode("info_hash=ab%4"))
        .isInstanceOf(TrackerException.class).hasMessageContaining("truncated %-escape");
    assertThatThrownBy(() -> QueryString.decode("info_hash=%zz"))
        .hasMessageContaining("bad %-escape '%zz'");
  }

  @Test
  void refusesTooManyParameters() {
    assertThatThrownBy(() -> QueryString.decode("a=1&".repeat(QueryString.MAX_PARAMETERS + 1)))
        .hasMessageContaining("more than 64 parameters");
  }
}
