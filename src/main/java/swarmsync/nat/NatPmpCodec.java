package swarmsync.nat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;

/**
 * NAT-PMP (RFC 6886) messages, big-endian:
 *
 * <pre>
 * external address request  &lt;version:u8=0&gt;&lt;opcode:u8=0&gt;
 * external address answer   &lt;0&gt;&lt;128&gt;&lt;result:u16&gt;&lt;epoch:u32&gt;&lt;address:4&gt;
 * map request               &lt;0&gt;&lt;op:u8 1=UDP 2=TCP&gt;&lt;reserved:u16&gt;&lt;internal port:u16&gt;
 *                           &lt;suggested external port:u16&gt;&lt;lifetime s:u32&gt;
 * map answer                &lt;0&gt;&lt;128+op&gt;&lt;result:u16&gt;&lt;epoch:u32&gt;&lt;internal port:u16&gt;
 *                           &lt;external port:u16&gt;&lt;lifetime s:u32&gt;
 * </pre>
 *
 * A refusal may come as just the first 8 bytes. A delete is a map request with lifetime 0 and
 * external port 0. Pure: bytes in, values out.
 */
final class NatPmpCodec {
  static final int VERSION = 0;
  static final int OP_EXTERNAL_ADDRESS = 0;
  static final int ANSWER_BIT = 128;
  static final int HEADER_BYTES = 8;
  static final int EXTERNAL_ANSWER_BYTES = 12;
  static final int MAP_REQUEST_BYTES = 12;
  static final int MAP_ANSWER_BYTES = 16;
  /** Result code names, RFC 6886 §3.5. */
  private static final String[] RESULTS = {"SUCCESS", "UNSUPPORTED_VERSION",
      "NOT_AUTHORIZED", "NETWORK_FAILURE", "OUT_OF_RESOURCES", "UNSUPPORTED_OPCODE"};

  /** What a map answer granted. */
  record MapAnswer(int internalPort, int externalPort, Duration lifetime, long epoch) {}

  private NatPmpCodec() {}

  static byte[] externalAddressRequest() {
    return new byte[] {VERSION, OP_EXTERNAL_ADDRESS};
  }

  static byte[] mapRequest(Transport transport, int internalPort, int suggestedExternalPort,
      Duration lifetime) {
    return ByteBuffer.allocate(MAP_REQUEST_BYTES).put((byte) VERSION)
        .put((byte) transport.natPmpOpcode).putShort((short) 0)
        .putShort((short) checkPort(internalPort, "internal port"))
        .putShort((short) checkPort(suggestedExternalPort, "suggested external port"))
        .putInt((int) lifetimeSeconds(lifetime)).array();
  }

  static InetAddress externalAddressAnswer(byte[] answer) throws PortMappingException {
    ByteBuffer b = header(answer, OP_EXTERNAL_ADDRESS, EXTERNAL_ANSWER_BYTES);
    try {
      return InetAddress.getByAddress(Arrays.copyOfRange(answer, 8, 12));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 bytes are always an IPv4 address", e);
    }
  }

  static MapAnswer mapAnswer(byte[] answer, Transport transport) throws PortMappingException {
    ByteBuffer b = header(answer, transport.natPmpOpcode, MAP_ANSWER_BYTES);
    long epoch = Integer.toUnsignedLong(b.getInt(4));
    int internal = Short.toUnsignedInt(b.getShort(8));
    int external = Short.toUnsignedInt(b.getShort(10));
    long lifetime = Integer.toUnsignedLong(b.getInt(12));
    return new MapAnswer(internal, external, Duration.ofSeconds(lifetime), epoch);
  }

  /** Checks version, opcode and result; the answer must then be {@code fullLength} long. */
  private static ByteBuffer header(byte[] answer, int opcode, int fullLength)
      throws PortMappingException {
    if (answer.length < HEADER_BYTES) {
      throw new PortMappingException("NAT-PMP answer of " + answer.length
          + " bytes is shorter than its 8-byte header");
    }
    ByteBuffer b = ByteBuffer.wrap(answer);
    int version = Byte.toUnsignedInt(b.get(0));
    int op = Byte.toUnsignedInt(b.get(1));
    int result = Short.toUnsignedInt(b.getShort(2));
    if (version != VERSION) {
      throw new PortMappingException("NAT-PMP answer has version " + version + ", not 0");
    }
    if (op != ANSWER_BIT + opcode) {
      throw new PortMappingException("NAT-PMP answer has opcode " + op + ", expected "
          + (ANSWER_BIT + opcode));
    }
    if (result != 0) {
      throw new PortMappingException("NAT-PMP refused: " + resultName(result));
    }
    if (answer.length < fullLength) {
      throw new PortMappingException("NAT-PMP answer of " + answer.length + " bytes, expected "
          + fullLength);
    }
    return b;
  }

  static String resultName(int result) {
    return (result < RESULTS.length ? RESULTS[result] : "UNKNOWN") + " (" + result + ")";
  }

  static int checkPort(int port, String what) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(what + " " + port + " is not a port number");
    }
    return port;
  }

  static long lifetimeSeconds(Duration lifetime) {
    long s = lifetime.toSeconds();
    if (s < 0 || s > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("lifetime " + lifetime + " does not fit 32 bits");
    }
    return s;
  }
}
