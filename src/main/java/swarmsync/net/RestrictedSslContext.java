package swarmsync.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An SSLContext that applies fixed SSLParameters (protocols, cipher suites, client
 * authentication) to every socket, server socket and engine its delegate makes.
 */
final class RestrictedSslContext extends SSLContext {
  RestrictedSslContext(SSLContext delegate, Supplier<SSLParameters> parameters) {
    super(new Spi(delegate, parameters), delegate.getProvider(), delegate.getProtocol());
  }

  private static final class Spi extends SSLContextSpi {
    private final SSLContext delegate;
    private final Supplier<SSLParameters> parameters;

    Spi(SSLContext delegate, Supplier<SSLParameters> parameters) {
      this.delegate = delegate;
      this.parameters = parameters;
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random)
        throws KeyManagementException {
      delegate.init(km, tm, random);
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      return new Sockets(delegate.getSocketFactory(), parameters);
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      return new ServerSockets(delegate.getServerSocketFactory(), parameters);
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      SSLEngine engine = delegate.createSSLEngine();
      engine.setSSLParameters(parameters.get());
      return engine;
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      SSLEngine engine = delegate.createSSLEngine(host, port);
      engine.setSSLParameters(parameters.get());
      return engine;
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      return delegate.getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      return delegate.getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
      return parameters.get();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
      return parameters.get();
    }
  }

  /** Client (and layered) sockets with the parameters applied before any handshake. */
  private static final class Sockets extends SSLSocketFactory {
    private final SSLSocketFactory delegate;
    private final Supplier<SSLParameters> parameters;

    Sockets(SSLSocketFactory delegate, Supplier<SSLParameters> parameters) {
      this.delegate = delegate;
      this.parameters = parameters;
    }

    private Socket restrict(Socket socket) {
      ((SSLSocket) socket).setSSLParameters(parameters.get());
      return socket;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return parameters.get().getCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return parameters.get().getCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
      return restrict(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose)
        throws IOException {
      return restrict(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket(Socket s, InputStream consumed, boolean autoClose)
        throws IOException {
      return restrict(delegate.createSocket(s, consumed, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return restrict(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
        throws IOException {
      return restrict(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return restrict(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress,
        int localPort) throws IOException {
      return restrict(delegate.createSocket(address, port, localAddress, localPort));
    }
  }

  /** Server sockets whose accepted sockets inherit the parameters. */
  private static final class ServerSockets extends SSLServerSocketFactory {
    private final SSLServerSocketFactory delegate;
    private final Supplier<SSLParameters> parameters;

    ServerSockets(SSLServerSocketFactory delegate, Supplier<SSLParameters> parameters) {
      this.delegate = delegate;
      this.parameters = parameters;
    }

    private ServerSocket restrict(ServerSocket socket) {
      ((SSLServerSocket) socket).setSSLParameters(parameters.get());
      return socket;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return parameters.get().getCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return parameters.get().getCipherSuites();
    }

    @Override
    public ServerSocket createServerSocket() throws IOException {
      return restrict(delegate.createServerSocket());
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      return restrict(delegate.createServerSocket(port));
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
      return restrict(delegate.createServerSocket(port, backlog));
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address)
        throws IOException {
      return restrict(delegate.createServerSocket(port, backlog, address));
    }
  }
}
