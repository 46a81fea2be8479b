package swarmsync.discovery;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import swarmsync.record.DeviceId;
import swarmsync.util.Hex;

/**
 * One LAN announcement: a device, its TCP port and some of its discovery ids, with the codec.
 *
 * <pre>
 *   0       4     5                 37     39      41
 *   +-------+-----+-----------------+------+-------+------------------------+
 *   | magic | ver | device id       | port | count | count x discovery id   |
 *   +-------+-----+-----------------+------+-------+------------------------+
 *   magic  = "SSLA" (53 53 4c 41)     ver = 1
 *   device id = 32 bytes               port = u16 big-endian, 1..65535
 *   count = u16 big-endian, 0..MAX_IDS  discovery id = 20 bytes each
 *   packet = exactly 41 + 20 * count bytes, nothing after
 * </pre>
 *
 * Only discovery ids are carried, never a key. Decoding checks every field and the total length
 * against the count before allocating anything for the ids.
 *
 * @param deviceId     the announcing device
 * @param port         the TCP port it accepts connections on
 * @param discoveryIds lower-case hex of 20-byte discovery ids, at most {@link #MAX_IDS}
 */
record LanPacket(DeviceId deviceId, int port, List<String> discoveryIds) {
  /** "SSLA": swarmsync LAN announcement. */
  public static final int MAGIC = 0x53534c41;
  public static final int VERSION = 1;
  public static final int ID_BYTES = 20;
  public static final int HEADER_BYTES = 4 + 1 + DeviceId.LENGTH + 2 + 2;
  /** Ids per packet, so a packet (1,321 bytes) fits one Ethernet datagram under 1,400 bytes. */
  public static final int MAX_IDS = 64;
  public static final int MAX_BYTES = HEADER_BYTES + MAX_IDS * ID_BYTES;

  LanPacket {
    if (port < 1 || port > 0xffff) {
      throw new IllegalArgumentException("port must be 1..65535, got " + port);
    }
    if (discoveryIds.size() > MAX_IDS) {
      throw new IllegalArgumentException(discoveryIds.size() + " discovery ids exceed MAX_IDS "
          + MAX_IDS + "; use LanPacket.split");
    }
    discoveryIds = List.copyOf(discoveryIds);
    for (String id : discoveryIds) {
      checkId(id);
    }
  }

  /** The packets announcing all {@code ids}, sorted, {@link #MAX_IDS} per packet. */
  public static List<LanPacket> split(DeviceId deviceId, int port, Collection<String> ids) {
    List<String> sorted = new ArrayList<>(new TreeSet<>(ids));
    List<LanPacket> packets = new ArrayList<>();
    for (int from = 0; from < sorted.size(); from += MAX_IDS) {
      int to = Math.min(sorted.size(), from + MAX_IDS);
      packets.add(new LanPacket(deviceId, port, sorted.subList(from, to)));
    }
    return packets;
  }

  /** Throws IllegalArgumentException unless {@code id} is lower-case hex of 20 bytes. */
  public static String checkId(String id) {
    if (id.length() != 2 * ID_BYTES || !id.equals(id.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("discovery id must be 40 lower-case hex characters: "
          + id);
    }
    Hex.decode(id);
    return id;
  }

  public byte[] encode() {
    ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + discoveryIds.size() * ID_BYTES);
    out.putInt(MAGIC).put((byte) VERSION).put(deviceId.bytes())
        .putShort((short) port).putShort((short) discoveryIds.size());
    for (String id : discoveryIds) {
      out.put(Hex.decode(id));
    }
    return out.array();
  }

  /** Decodes one whole datagram: the buffer's remaining bytes. */
  public static LanPacket decode(ByteBuffer in) throws LanPacketException {
    ByteBuffer b = in.slice();
    if (b.remaining() < HEADER_BYTES) {
      throw new LanPacketException("packet of " + b.remaining() + " bytes is shorter than the "
          + HEADER_BYTES + "-byte header");
    }
    int magic = b.getInt();
    if (magic != MAGIC) {
      throw new LanPacketException("magic is " + Integer.toHexString(magic) + ", not "
          + Integer.toHexString(MAGIC));
    }
    int version = b.get() & 0xff;
    if (version != VERSION) {
      throw new LanPacketException("version is " + version + ", not " + VERSION);
    }
    byte[] device = new byte[DeviceId.LENGTH];
    b.get(device);
    int port = b.getShort() & 0xffff;
    if (port == 0) {
      throw new LanPacketException("port is 0");
    }
    int count = b.getShort() & 0xffff;
    if (count > MAX_IDS) {
      throw new LanPacketException("count " + count + " exceeds MAX_IDS " + MAX_IDS);
    }
    if (b.remaining() != count * ID_BYTES) {
      throw new LanPacketException("count " + count + " needs " + count * ID_BYTES
          + " id bytes, packet has " + b.remaining());
    }
    Set<String> ids = new TreeSet<>();
    byte[] id = new byte[ID_BYTES];
    for (int i = 0; i < count; i++) {
      b.get(id);
      ids.add(Hex.encode(id));
    }
    return new LanPacket(DeviceId.of(device), port, new ArrayList<>(ids));
  }
}
