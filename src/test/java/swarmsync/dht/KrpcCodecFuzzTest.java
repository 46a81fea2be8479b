package swarmsync.dht;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for the DHT's KRPC message parser: any datagram is a query, a response, an error
 * or a {@link KrpcException}; what it accepts encodes to a datagram that decodes and encodes to
 * the same bytes (seeds in KrpcCodecFuzzTestInputs).
 */
class KrpcCodecFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void krpcParserKeepsItsContract(byte[] datagram) throws KrpcException {
    KrpcMessage message;
    try {
      message = KrpcCodec.decode(datagram);
    } catch (KrpcException refused) {
      return;
    }
    byte[] encoded = KrpcCodec.encode(message);
    assertThat(KrpcCodec.encode(KrpcCodec.decode(encoded))).isEqualTo(encoded);
  }
}
