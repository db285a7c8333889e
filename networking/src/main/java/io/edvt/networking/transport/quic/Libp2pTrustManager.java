package io.edvt.networking.transport.quic;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts exactly the certificates the libp2p TLS spec allows ({@link Libp2pTls#verify}), for
 * both sides: no certificate authorities, the identity is the host key in the extension. Which
 * peer that is gets checked once the handshake is done (against the dialled peer id).
 */
final class Libp2pTrustManager extends X509ExtendedTrustManager {
  private final Clock clock;

  Libp2pTrustManager(Clock clock) {
    this.clock = clock;
  }

  private void check(X509Certificate[] chain) throws CertificateException {
    Libp2pTls.verify(chain, clock.instant());
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    check(chain);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
