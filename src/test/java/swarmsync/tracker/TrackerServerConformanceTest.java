package swarmsync.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import swarmsync.bencode.BDict;
import swarmsync.bencode.BList;
import swarmsync.bencode.BencodeReader;

/**
 * Our tracker against packets and requests built by hand from the texts of BEP 3, 15 and 23,
 * over real loopback sockets.
 */
class TrackerServerConformanceTest {
  private static final HexFormat HEX = HexFormat.of();
  /** An info_hash with a zero byte and bytes that are not UTF-8. */
  private static final String HASH_HEX = "00ffe9c1c2c3c4c5c6c7c8c9cacbcccdcecfd000";
  private static final String HASH_QUERY =
      "%00%FF%E9%C1%C2%C3%C4%C5%C6%C7%C8%C9%CA%CB%CC%CD%CE%CF%D0%00";
  private static final String PEER_A = "-XX0001-aaaaaaaaaaaa";
  private static final String PEER_B = "-XX0001-bbbbbbbbbbbb";

  private TrackerServer server;
  private InetSocketAddress address;
  private DatagramSocket udp;

  @BeforeEach
  void start() throws IOException {
    server = new TrackerServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        Duration.ofSeconds(120), Clock.systemUTC());
    address = server.start();
    udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    udp.setSoTimeout(2000);
  }

  @AfterEach
  void stop() {
    udp.close();
    server.close();
  }

  private ByteBuffer exchange(String hex) throws IOException {
    byte[] request = HEX.parseHex(hex);
    udp.send(new DatagramPacket(request, request.length, address));
    byte[] buffer = new byte[2048];
    DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
    udp.receive(reply);
    return ByteBuffer.wrap(buffer, 0, reply.getLength()).slice();
  }

  private String connectionId() throws IOException {
    ByteBuffer reply = exchange("0000041727101980" + "00000000" + "cafebabe");
    assertThat(reply.remaining()).isEqualTo(16);
    assertThat(reply.getInt()).isEqualTo(0);
    assertThat(reply.getInt()).isEqualTo(0xcafebabe);
    return String.format("%016x", reply.getLong());
  }

  private static String announce(String connectionId, String peerId, int port, int event) {
    return connectionId + "00000001" + "00000042" + HASH_HEX
        + HEX.formatHex(peerId.getBytes(StandardCharsets.US_ASCII))
        + "0000000000000000" + "0000000000000000" + "0000000000000000"
        + String.format("%08x", event) + "00000000" + "12345678" + "ffffffff"
        + String.format("%04x", port);
  }

  @Test
  void udpConnectAnnounceAndScrapeFollowBep15ByteLayouts() throws IOException {
    String id = connectionId();
    ByteBuffer first = exchange(announce(id, PEER_A, 40001, 2));
    assertThat(HEX.formatHex(first.array(), 0, first.limit()))
        .isEqualTo("00000001" + "00000042" + "00000078" + "00000000" + "00000001");
    ByteBuffer second = exchange(announce(id, PEER_B, 40002, 2));
    assertThat(HEX.formatHex(second.array(), 0, second.limit()))
        .isEqualTo("00000001" + "00000042" + "00000078" + "00000000" + "00000002"
            + "7f000001" + "9c41");
    ByteBuffer scrape = exchange(id + "00000002" + "00000043" + HASH_HEX + "11".repeat(20));
    assertThat(HEX.formatHex(scrape.array(), 0, scrape.limit()))
        .isEqualTo("00000002" + "00000043" + "00000002" + "00000000" + "00000000"
            + "00000000" + "00000000" + "00000000");
  }

  @Test
  void udpStoppedRemovesThePeer() throws IOException {
    String id = connectionId();
    exchange(announce(id, PEER_A, 40001, 2));
    exchange(announce(id, PEER_A, 40001, 3));
    ByteBuffer reply = exchange(announce(id, PEER_B, 40002, 2));
    assertThat(reply.limit()).isEqualTo(20);
  }

  @Test
  void udpMalformedRequestsGetErrorPackets() throws IOException {
    assertError(exchange("0000000000000001" + "00000000" + "00000005"), 5, "protocol_id");
    assertError(exchange(announce("0123456789abcdef", PEER_A, 40001, 2)), 0x42,
        "unknown or expired connection id");
    String id = connectionId();
    assertError(exchange(id + "00000009" + "00000006"), 6, "unknown action 9");
    assertError(exchange(announce(id, PEER_A, 40001, 2).substring(0, 120)), 0x42,
        "announce of 60 bytes, want 98");
    assertError(exchange(announce(id, PEER_A, 40001, 7)), 0x42, "unknown event 7");
    assertError(exchange(announce(id, PEER_A, 0, 2)), 0x42, "port 0");
    assertError(exchange(id + "00000002" + "00000007" + "1122"), 7, "scrape of 18 bytes");
    assertError(exchange(id + "00000002" + "00000007"), 7, "scrape of 16 bytes");
  }

  @Test
  void udpPacketsShorterThanSixteenBytesAreIgnored() throws IOException {
    byte[] tiny = HEX.parseHex("000004172710198000000000");
    udp.send(new DatagramPacket(tiny, tiny.length, address));
    udp.setSoTimeout(300);
    DatagramPacket reply = new DatagramPacket(new byte[64], 64);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> udp.receive(reply))
        .isInstanceOf(SocketTimeoutException.class);
    udp.setSoTimeout(2000);
    connectionId();
  }

  private static void assertError(ByteBuffer reply, int transaction, String message) {
    assertThat(reply.getInt()).as("action").isEqualTo(3);
    assertThat(reply.getInt()).as("transaction id").isEqualTo(transaction);
    byte[] text = new byte[reply.remaining()];
    reply.get(text);
    assertThat(new String(text, StandardCharsets.UTF_8)).contains(message);
  }

  /** Status line and body of one raw HTTP exchange. */
  private record Http(String status, byte[] body) {
    BDict dict() throws IOException {
      return BencodeReader.decodeDict(body);
    }

    String failure() throws IOException {
      return dict().require("failure reason").asBytes("failure").text();
    }
  }

  private Http get(String requestHead) throws IOException {
    try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
      socket.setSoTimeout(2000);
      socket.getOutputStream().write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = socket.getInputStream();
      byte[] all = in.readNBytes(1 << 16);
      String text = new String(all, StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.write(all, end + 4, all.length - end - 4);
      assertThat(text).contains("Content-Length: " + body.size() + "\r\n");
      return new Http(text.substring(0, text.indexOf("\r\n")), body.toByteArray());
    }
  }

  private Http announce(String query) throws IOException {
    return get("GET /announce?" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  }

  @Test
  void httpAnnounceReadsRawInfoHashBytesAndAnswersCompactOrNot() throws IOException {
    Http first = announce("info_hash=" + HASH_QUERY + "&peer_id=" + PEER_A
        + "&port=40001&uploaded=0&downloaded=0&left=0&event=started&compact=1");
    assertThat(first.status()).isEqualTo("HTTP/1.1 200 OK");
    assertThat(new String(first.body(), StandardCharsets.ISO_8859_1)).isEqualTo(
        "d8:completei1e10:incompletei0e8:intervali120e12:min intervali60e5:peers0:e");
    Http other = announce("info_hash=" + HASH_QUERY.replace("%00%FF", "%01%FF")
        + "&peer_id=" + PEER_B + "&port=40003&compact=1");
    assertThat(other.dict().require("peers").asBytes("peers").length()).isZero();
    Http second = announce("info_hash=" + HASH_QUERY + "&peer_id=" + PEER_B
        + "&port=40002&compact=0&left=5");
    BList peers = second.dict().require("peers").asList("peers");
    assertThat(peers.values()).hasSize(1);
    BDict peer = peers.values().get(0).asDict("peer");
    assertThat(peer.require("ip").asBytes("ip").text()).isEqualTo("127.0.0.1");
    assertThat(peer.require("port").asInt("port").value()).isEqualTo(40001);
    assertThat(peer.require("peer id").asBytes("peer id").text()).isEqualTo(PEER_A);
    Http udpView = announce("info_hash=" + HASH_QUERY + "&peer_id=" + PEER_A
        + "&port=40001&compact=1");
    assertThat(udpView.dict().require("peers").asBytes("peers").bytes())
        .isEqualTo(HEX.parseHex("7f0000019c42"));
    assertThat(udpView.dict().require("incomplete").asInt("incomplete").value()).isEqualTo(1);
  }

  @Test
  void httpMalformedAnnouncesGetABencodedFailureReason() throws IOException {
    String good = "&peer_id=" + PEER_A + "&port=40001";
    assertThat(announce("peer_id=" + PEER_A + "&port=1").failure())
        .isEqualTo("missing info_hash");
    assertThat(announce("info_hash=%00%01" + good).failure())
        .isEqualTo("info_hash must be 20 bytes, got 2");
    assertThat(announce("info_hash=" + HASH_QUERY + "&peer_id=x&port=1").failure())
        .isEqualTo("peer_id must be 20 bytes, got 1");
    assertThat(announce("info_hash=" + HASH_QUERY + "&peer_id=" + PEER_A + "&port=0").failure())
        .isEqualTo("port must be in [1, 65535], got 0");
    assertThat(announce("info_hash=" + HASH_QUERY + "&peer_id=" + PEER_A + "&port=x").failure())
        .startsWith("port must be a decimal");
    assertThat(announce("info_hash=%G0" + good).failure()).startsWith("bad %-escape");
    assertThat(announce("info_hash=" + HASH_QUERY + good + "&event=paused").failure())
        .isEqualTo("unknown event 'paused'");
    assertThat(announce("info_hash=" + HASH_QUERY + good + "&numwant=-1").failure())
        .startsWith("numwant must be a decimal");
  }

  @Test
  void httpBadRequestsGetAStatusAndABencodedFailure() throws IOException {
    Http garbage = get("BLAH\r\n\r\n");
    assertThat(garbage.status()).isEqualTo("HTTP/1.1 400 Bad Request");
    assertThat(garbage.failure()).isEqualTo("malformed request line");
    assertThat(get("POST /announce HTTP/1.1\r\n\r\n").status()).contains("405");
    assertThat(get("GET /scrape HTTP/1.1\r\n\r\n").status()).contains("404");
    Http huge = get("GET /announce?" + "a".repeat(9000) + " HTTP/1.1\r\n\r\n");
    assertThat(huge.status()).contains("400");
    assertThat(huge.failure()).contains("over 8192 bytes");
    assertThat(get("GET /announce HTTP/1.1\r\n\r\n").failure()).isEqualTo("missing info_hash");
  }
}
