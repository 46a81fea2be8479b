package swarmsync.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;

/**
 * This device's permanent-mode connection to one relay: it waits for session invitations,
 * answers the relay's pings, and (at relays with our rendezvous extension) registers the
 * folders this device serves.
 *
 * <p>One thread calls {@link #awaitInvitation}; any thread may {@link #register} or close.
 */
public final class PermanentSession implements AutoCloseable {
  /**
   * Silence after which we ping the relay (60 s, strelaysrv's own ping interval); a second
   * silence as long without a word from it declares the relay dead.
   */
  public static final Duration PING_INTERVAL = Duration.ofSeconds(60);

  private final RelayUri relay;
  private final SSLSocket socket;
  private final byte[] relayId;
  private final boolean rendezvous;
  private final InputStream in;
  private final OutputStream out;

  PermanentSession(RelayUri relay, SSLSocket socket, byte[] relayId, boolean rendezvous)
      throws IOException {
    this.relay = relay;
    this.socket = socket;
    this.relayId = relayId;
    this.rendezvous = rendezvous;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    socket.setSoTimeout(Math.toIntExact(PING_INTERVAL.toMillis()));
  }

  public RelayUri relay() {
    return relay;
  }

  /** Whether the relay speaks our rendezvous extension (folder registration and lookup). */
  public boolean rendezvous() {
    return rendezvous;
  }

  /** The relay's id: SHA-256 of its certificate. */
  public byte[] relayId() {
    return relayId.clone();
  }

  /**
   * Registers this device under the tokens of {@code discoveryIds} (at most
   * {@link RelayCodec#MAX_TOKENS}), replacing earlier ones; nothing at relays without the
   * extension.
   */
  public void register(List<byte[]> discoveryIds) throws IOException {
    if (!rendezvous) {
      return;
    }
    List<byte[]> tokens = new ArrayList<>();
    for (byte[] id : discoveryIds.subList(0, Math.min(discoveryIds.size(),
        RelayCodec.MAX_TOKENS))) {
      tokens.add(RendezvousToken.of(id, relayId));
    }
    write(new RelayMessage.RegisterFolders(tokens));
  }

  /** The next invitation; answers pings meanwhile. Fails when the relay goes away. */
  public RelayMessage.SessionInvitation awaitInvitation() throws IOException {
    boolean pinged = false;
    while (true) {
      RelayMessage message;
      try {
        message = RelayCodec.read(in);
      } catch (SocketTimeoutException e) {
        if (pinged) {
          throw new IOException("relay " + relay + " silent for "
              + PING_INTERVAL.multipliedBy(2).toSeconds() + " s");
        }
        write(new RelayMessage.Ping());
        pinged = true;
        continue;
      }
      pinged = false;
      if (message instanceof RelayMessage.SessionInvitation invitation) {
        return invitation;
      } else if (message instanceof RelayMessage.Ping) {
        write(new RelayMessage.Pong());
      } else if (message instanceof RelayMessage.RelayFull) {
        throw new IOException("relay " + relay + " is full");
      } else if (!(message instanceof RelayMessage.Pong)
          && !(message instanceof RelayMessage.Response)) {
        throw new RelayProtocolException("relay " + relay + " sent an unexpected "
            + message.getClass().getSimpleName());
      }
    }
  }

  private synchronized void write(RelayMessage message) throws IOException {
    RelayClient.send(out, message);
  }

  public boolean isClosed() {
    return socket.isClosed();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Gone either way.
    }
  }
}
