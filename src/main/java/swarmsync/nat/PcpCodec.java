package swarmsync.nat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;

/**
 * PCP (RFC 6887) MAP messages, big-endian. IPv4 addresses travel IPv4-mapped
 * ({@code ::ffff:a.b.c.d}).
 *
 * <pre>
 * request  &lt;version:u8=2&gt;&lt;R=0|opcode:u8=1 MAP&gt;&lt;reserved:u16&gt;&lt;lifetime s:u32&gt;
 *          &lt;client address:16&gt;
 *          &lt;nonce:12&gt;&lt;protocol:u8 6=TCP 17=UDP&gt;&lt;reserved:3&gt;&lt;internal port:u16&gt;
 *          &lt;suggested external port:u16&gt;&lt;suggested external address:16&gt;
 * answer   &lt;2&gt;&lt;R=1|opcode:u8=0x81&gt;&lt;reserved:u8&gt;&lt;result:u8&gt;&lt;lifetime s:u32&gt;
 *          &lt;epoch:u32&gt;&lt;reserved:12&gt;
 *          &lt;nonce:12&gt;&lt;protocol:u8&gt;&lt;reserved:3&gt;&lt;internal port:u16&gt;
 *          &lt;assigned external port:u16&gt;&lt;assigned external address:16&gt;
 * </pre>
 *
 * A delete is a MAP with lifetime 0 and the nonce of the mapping (RFC 6887 §15); a server that
 * speaks only NAT-PMP answers with version 0 (§9). Pure: bytes in, values out.
 */
final class PcpCodec {
  static final int VERSION = 2;
  static final int OP_MAP = 1;
  static final int ANSWER_BIT = 0x80;
  static final int HEADER_BYTES = 24;
  static final int MAP_BYTES = 36;
  static final int NONCE_BYTES = 12;
  /** Result code names, RFC 6887 §7.4. */
  private static final String[] RESULTS = {"SUCCESS", "UNSUPP_VERSION", "NOT_AUTHORIZED",
      "MALFORMED_REQUEST", "UNSUPP_OPCODE", "UNSUPP_OPTION", "MALFORMED_OPTION",
      "NETWORK_FAILURE", "NO_RESOURCES", "UNSUPP_PROTOCOL", "USER_EX_QUOTA",
      "CANNOT_PROVIDE_EXTERNAL", "ADDRESS_MISMATCH", "EXCESSIVE_REMOTE_PEERS"};

  /** What a MAP answer granted. */
  record MapAnswer(int internalPort, InetAddress externalAddress, int externalPort,
      Duration lifetime, long epoch) {}

  private PcpCodec() {}

  static byte[] mapRequest(byte[] nonce, Transport transport, InetAddress client,
      int internalPort, int suggestedExternalPort, Duration lifetime) {
    if (nonce.length != NONCE_BYTES) {
      throw new IllegalArgumentException("PCP nonce must be 12 bytes, not " + nonce.length);
    }
    return ByteBuffer.allocate(HEADER_BYTES + MAP_BYTES).put((byte) VERSION)
        .put((byte) OP_MAP).putShort((short) 0)
        .putInt((int) NatPmpCodec.lifetimeSeconds(lifetime)).put(mapped(client))
        .put(nonce).put((byte) transport.ianaNumber).put(new byte[3])
        .putShort((short) NatPmpCodec.checkPort(internalPort, "internal port"))
        .putShort((short) NatPmpCodec.checkPort(suggestedExternalPort,
            "suggested external port"))
        .put(mapped(null)).array();
  }

  /** Parses a MAP answer to the request made with {@code nonce} for {@code transport}. */
  static MapAnswer mapAnswer(byte[] answer, byte[] nonce, Transport transport)
      throws PortMappingException {
    if (answer.length >= 2 && answer[0] == NatPmpCodec.VERSION) {
      throw new PortMappingException("the gateway speaks NAT-PMP (version 0), not PCP");
    }
    if (answer.length < HEADER_BYTES) {
      throw new PortMappingException("PCP answer of " + answer.length
          + " bytes is shorter than its 24-byte header");
    }
    ByteBuffer b = ByteBuffer.wrap(answer);
    int version = Byte.toUnsignedInt(b.get(0));
    int op = Byte.toUnsignedInt(b.get(1));
    int result = Byte.toUnsignedInt(b.get(3));
    if (version != VERSION) {
      throw new PortMappingException("PCP answer has version " + version + ", not 2");
    }
    if (op != (ANSWER_BIT | OP_MAP)) {
      throw new PortMappingException("PCP answer has opcode 0x" + Integer.toHexString(op)
          + ", expected 0x81 (MAP answer)");
    }
    if (result != 0) {
      throw new PortMappingException("PCP MAP refused: " + resultName(result));
    }
    if (answer.length < HEADER_BYTES + MAP_BYTES) {
      throw new PortMappingException("PCP MAP answer of " + answer.length
          + " bytes, expected at least " + (HEADER_BYTES + MAP_BYTES));
    }
    if (!Arrays.equals(Arrays.copyOfRange(answer, 24, 36), nonce)) {
      throw new PortMappingException("PCP MAP answer carries another nonce");
    }
    if (Byte.toUnsignedInt(b.get(36)) != transport.ianaNumber) {
      throw new PortMappingException("PCP MAP answer is for protocol " + b.get(36)
          + ", expected " + transport.ianaNumber);
    }
    return new MapAnswer(Short.toUnsignedInt(b.getShort(40)),
        unmapped(Arrays.copyOfRange(answer, 44, 60)), Short.toUnsignedInt(b.getShort(42)),
        Duration.ofSeconds(Integer.toUnsignedLong(b.getInt(4))),
        Integer.toUnsignedLong(b.getInt(8)));
  }

  static String resultName(int result) {
    return (result < RESULTS.length ? RESULTS[result] : "UNKNOWN") + " (" + result + ")";
  }

  /** 16 bytes: an IPv6 address as is, IPv4 as {@code ::ffff:a.b.c.d}, null as ::ffff:0.0.0.0. */
  static byte[] mapped(InetAddress address) {
    byte[] out = new byte[16];
    if (address == null || address instanceof Inet4Address) {
      out[10] = (byte) 0xff;
      out[11] = (byte) 0xff;
      if (address != null) {
        System.arraycopy(address.getAddress(), 0, out, 12, 4);
      }
      return out;
    }
    return address.getAddress();
  }

  private static InetAddress unmapped(byte[] sixteen) {
    try {
      return InetAddress.getByAddress(sixteen); // the JDK turns ::ffff:a.b.c.d into IPv4
    } catch (UnknownHostException e) {
      throw new IllegalStateException("16 bytes are always an IPv6 address", e);
    }
  }
}
