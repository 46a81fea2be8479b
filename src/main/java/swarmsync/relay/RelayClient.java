package swarmsync.relay;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import swarmsync.util.Hex;

/**
 * The client side of the relay protocol: TLS connections to a relay (ALPN {@code bep-relay},
 * our device certificate as client certificate) for permanent mode, connect requests and
 * folder lookups, and the plain session connections that become relayed byte streams.
 */
public final class RelayClient {
  /** The ALPN protocol id of relay protocol connections. */
  public static final String ALPN = "bep-relay";

  private final SSLContext tls;
  private final Duration timeout;

  /**
   * A client presenting the certificate of {@code tls}; {@code timeout} bounds each connect,
   * handshake and answer.
   */
  public RelayClient(SSLContext tls, Duration timeout) {
    this.tls = tls;
    this.timeout = timeout;
  }

  /** Joins {@code relay} in permanent mode, to receive session invitations. */
  public PermanentSession join(RelayUri relay) throws IOException {
    SSLSocket socket = open(relay);
    try {
      send(socket.getOutputStream(), new RelayMessage.JoinRelayRequest());
      RelayMessage answer = RelayCodec.read(socket.getInputStream());
      if (!(answer instanceof RelayMessage.Response r) || !r.ok()) {
        throw new IOException("relay " + relay + " refused to join: " + describe(answer));
      }
      boolean rendezvous = r.message().contains(RelayServer.RENDEZVOUS_TAG);
      return new PermanentSession(relay, socket, relayId(socket), rendezvous);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /**
   * Asks {@code relay} for a session with the permanent client {@code deviceId}; the relay
   * invites that device too.
   *
   * @throws IOException if the relay does not know the device ("not found") or fails
   */
  public RelayMessage.SessionInvitation connect(RelayUri relay, byte[] deviceId)
      throws IOException {
    try (SSLSocket socket = open(relay)) {
      send(socket.getOutputStream(), new RelayMessage.ConnectRequest(deviceId));
      while (true) {
        RelayMessage answer = RelayCodec.read(socket.getInputStream());
        if (answer instanceof RelayMessage.SessionInvitation invitation) {
          return invitation;
        }
        if (!(answer instanceof RelayMessage.Ping)) {
          throw new IOException("relay " + relay + " has no session for "
              + Hex.encode(deviceId).substring(0, 12) + ": " + describe(answer));
        }
      }
    }
  }

  /**
   * The device ids that serve each of {@code discoveryIds} at {@code relay} (our rendezvous
   * extension; only for relays whose join answer announced it), without repeats.
   */
  public List<byte[]> lookup(RelayUri relay, List<byte[]> discoveryIds) throws IOException {
    List<byte[]> found = new ArrayList<>();
    try (SSLSocket socket = open(relay)) {
      byte[] relayId = relayId(socket);
      for (byte[] discoveryId : discoveryIds) {
        send(socket.getOutputStream(),
            new RelayMessage.LookupFolder(RendezvousToken.of(discoveryId, relayId)));
        RelayMessage answer = RelayCodec.read(socket.getInputStream());
        if (!(answer instanceof RelayMessage.LookupResult result)) {
          throw new IOException("relay " + relay + " answered a lookup with "
              + describe(answer));
        }
        for (byte[] id : result.deviceIds()) {
          if (found.stream().noneMatch(f -> Arrays.equals(f, id))) {
            found.add(id);
          }
        }
      }
    }
    return found;
  }

  /**
   * Joins the session of {@code invitation} over plain TCP; returns the socket, now a byte
   * stream to the other device (nothing read past the relay's answer).
   */
  public Socket joinSession(RelayUri relay, RelayMessage.SessionInvitation invitation)
      throws IOException {
    InetSocketAddress target = new InetSocketAddress(sessionHost(relay, invitation.address()),
        invitation.port());
    Socket socket = new Socket();
    try {
      socket.connect(target, millis());
      socket.setSoTimeout(millis());
      socket.setTcpNoDelay(true);
      send(socket.getOutputStream(), new RelayMessage.JoinSessionRequest(invitation.key()));
      RelayMessage answer = RelayCodec.read(socket.getInputStream());
      if (!(answer instanceof RelayMessage.Response r) || !r.ok()) {
        throw new IOException("relay " + relay + " refused the session: " + describe(answer));
      }
      socket.setSoTimeout(0);
      return socket;
    } catch (IOException e) {
      socket.close();
      throw new IOException("joining a session at " + target + ": " + e.getMessage(), e);
    }
  }

  /** The invitation's address, or the relay's host when it is empty or unspecified. */
  static InetAddress sessionHost(RelayUri relay, byte[] address) throws UnknownHostException {
    if (address.length == 4 || address.length == 16) {
      InetAddress given = InetAddress.getByAddress(address);
      if (!given.isAnyLocalAddress()) {
        return given;
      }
    }
    return InetAddress.getByName(relay.host());
  }

  private SSLSocket open(RelayUri relay) throws IOException {
    Socket raw = new Socket();
    try {
      raw.connect(relay.address(), millis());
      raw.setTcpNoDelay(true);
      SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(raw, relay.host(),
          relay.port(), true);
      socket.setUseClientMode(true);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setApplicationProtocols(new String[] {ALPN});
      socket.setSSLParameters(parameters);
      socket.setSoTimeout(millis());
      socket.startHandshake();
      if (!ALPN.equals(socket.getApplicationProtocol())) {
        socket.close();
        throw new IOException("no " + ALPN + " protocol (ALPN '" + socket.getApplicationProtocol()
            + "')");
      }
      byte[] id = relayId(socket);
      if (relay.id().isPresent() && !Arrays.equals(relay.id().get(), id)) {
        socket.close();
        throw new IOException("its certificate is not the id the URI names");
      }
      return socket;
    } catch (IOException e) {
      raw.close();
      throw new IOException("relay " + relay + ": " + e.getMessage(), e);
    }
  }

  /** SHA-256 of the relay's certificate: its device id. */
  static byte[] relayId(SSLSocket socket) throws IOException {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(socket.getSession().getPeerCertificates()[0].getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IOException("hashing the relay certificate: " + e.getMessage(), e);
    }
  }

  static void send(OutputStream out, RelayMessage message) throws IOException {
    out.write(RelayCodec.encode(message));
    out.flush();
  }

  static String describe(RelayMessage message) {
    if (message instanceof RelayMessage.Response r) {
      return "code " + r.code() + " (" + r.message() + ")";
    }
    return message.getClass().getSimpleName();
  }

  private int millis() {
    return Math.toIntExact(timeout.toMillis());
  }
}
