package swarmsync.net;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import swarmsync.record.DeviceId;

/**
 * An authenticated TLS connection to one peer device, after the handshake: who the peer is,
 * how the link is protected, and its byte streams.
 *
 * <p>The connection closes itself when its input ends or either stream fails, and then tells
 * its owner once, so the manager learns of the end whoever caused it.
 */
public final class PeerConnection implements AutoCloseable {
  /** Stream buffers: one TLS record's largest plaintext, so a flush fills whole records. */
  static final int BUFFER_BYTES = 16 * 1024;

  private final SSLSocket socket;
  private final boolean outbound;
  private final DeviceId peer;
  private final byte[] peerCertificateHash;
  private final byte[] localCertificateHash;
  private final InetSocketAddress remoteAddress;
  private final InetSocketAddress localAddress;
  private final String cipherSuite;
  private final String protocol;
  private final InputStream in;
  private final OutputStream out;
  private final Consumer<PeerConnection> onClose;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final long openedNanos = System.nanoTime();
  private final Optional<String> relay;

  private PeerConnection(SSLSocket socket, boolean outbound, byte[] peerCertificateHash,
      byte[] localCertificateHash, Consumer<PeerConnection> onClose, Optional<String> relay)
      throws IOException {
    this.relay = relay;
    SSLSession session = socket.getSession();
    this.socket = socket;
    this.outbound = outbound;
    this.peerCertificateHash = peerCertificateHash;
    this.peer = DeviceId.of(peerCertificateHash);
    this.localCertificateHash = localCertificateHash.clone();
    this.remoteAddress = (InetSocketAddress) socket.getRemoteSocketAddress();
    this.localAddress = (InetSocketAddress) socket.getLocalSocketAddress();
    this.cipherSuite = session.getCipherSuite();
    this.protocol = session.getProtocol();
    this.in = new EndWatchingInput(new BufferedInputStream(socket.getInputStream(),
        BUFFER_BYTES));
    this.out = new EndWatchingOutput(new BufferedOutputStream(socket.getOutputStream(),
        BUFFER_BYTES));
    this.onClose = onClose;
  }

  /**
   * Wraps a socket whose handshake has completed; {@code onClose} runs once when it closes.
   *
   * @throws IOException if the session has no peer certificate
   */
  static PeerConnection open(SSLSocket socket, boolean outbound, byte[] localCertificateHash,
      Consumer<PeerConnection> onClose) throws IOException {
    return open(socket, outbound, localCertificateHash, onClose, Optional.empty());
  }

  /** As {@link #open}, for a connection carried by {@code relay} (its URI) if present. */
  static PeerConnection open(SSLSocket socket, boolean outbound, byte[] localCertificateHash,
      Consumer<PeerConnection> onClose, Optional<String> relay) throws IOException {
    Certificate[] chain = socket.getSession().getPeerCertificates();
    return new PeerConnection(socket, outbound, sha256(chain[0]), localCertificateHash,
        onClose, relay);
  }

  /**
   * The relay ({@code relay://HOST:PORT}) this connection passes through, if it is relayed;
   * then {@link #remoteAddress()} is the relay's address, not the peer's.
   */
  public Optional<String> relay() {
    return relay;
  }

  /** Whether the connection passes through a relay. */
  public boolean relayed() {
    return relay.isPresent();
  }

  /** The peer's device id: SHA-256 of the certificate it proved it holds the key of. */
  public DeviceId peer() {
    return peer;
  }

  public byte[] peerCertificateHash() {
    return peerCertificateHash.clone();
  }

  public byte[] localCertificateHash() {
    return localCertificateHash.clone();
  }

  public InetSocketAddress remoteAddress() {
    return remoteAddress;
  }

  public InetSocketAddress localAddress() {
    return localAddress;
  }

  /** Whether this device dialed the connection. */
  public boolean outbound() {
    return outbound;
  }

  public String cipherSuite() {
    return cipherSuite;
  }

  public String protocol() {
    return protocol;
  }

  /** The peer's bytes, buffered; reaching its end or failing closes the connection. */
  public InputStream in() {
    return in;
  }

  /** Bytes to the peer, buffered: the caller frames its messages and flushes. */
  public OutputStream out() {
    return out;
  }

  /** How long the connection has been open. */
  Duration age() {
    return Duration.ofNanos(System.nanoTime() - openedNanos);
  }

  public boolean isClosed() {
    return closed.get() || socket.isClosed();
  }

  /**
   * Closes the socket (sending TLS close_notify; bytes not flushed are dropped) and tells the
   * owner; later calls do nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      socket.close();
    } catch (IOException e) {
      // Closing is all that is left to do; the socket is unusable either way.
    } finally {
      onClose.accept(this);
    }
  }

  @Override
  public String toString() {
    return "PeerConnection[" + peer.shortName() + (outbound ? " to " : " from ")
        + remoteAddress + relay.map(r -> " via " + r).orElse("") + "]";
  }

  private static byte[] sha256(Certificate certificate) throws IOException {
    try {
      return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IOException("hashing the peer certificate: " + e.getMessage(), e);
    }
  }

  /** Input that closes the connection at end of stream or on a read error. */
  private final class EndWatchingInput extends InputStream {
    private final InputStream delegate;

    EndWatchingInput(InputStream delegate) {
      this.delegate = delegate;
    }

    @Override
    public int read() throws IOException {
      try {
        return ended(delegate.read());
      } catch (IOException e) {
        PeerConnection.this.close();
        throw e;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return ended(delegate.read(b, off, len));
      } catch (IOException e) {
        PeerConnection.this.close();
        throw e;
      }
    }

    @Override
    public int available() throws IOException {
      return delegate.available();
    }

    @Override
    public void close() {
      PeerConnection.this.close();
    }

    private int ended(int result) {
      if (result < 0) {
        PeerConnection.this.close();
      }
      return result;
    }
  }

  /** Output that closes the connection on a write error. */
  private final class EndWatchingOutput extends OutputStream {
    private final OutputStream delegate;

    EndWatchingOutput(OutputStream delegate) {
      this.delegate = delegate;
    }

    @Override
    public void write(int b) throws IOException {
      try {
        delegate.write(b);
      } catch (IOException e) {
        PeerConnection.this.close();
        throw e;
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        delegate.write(b, off, len);
      } catch (IOException e) {
        PeerConnection.this.close();
        throw e;
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        delegate.flush();
      } catch (IOException e) {
        PeerConnection.this.close();
        throw e;
      }
    }

    @Override
    public void close() {
      PeerConnection.this.close();
    }
  }
}
