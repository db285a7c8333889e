package io.edvt.networking.transport.quic;

import java.security.cert.CertificateException;

/**
 * A peer's TLS certificate that breaks the libp2p TLS rules (not exactly one certificate, not
 * valid now, bad self-signature, missing or malformed public-key extension, bad host-key
 * signature, an unknown critical extension). The message names the rule and the numbers. It is a
 * {@link CertificateException} so the TLS stack aborts the handshake with it.
 */
public final class Libp2pCertificateException extends CertificateException {
  public Libp2pCertificateException(String message) {
    super(message);
  }

  public Libp2pCertificateException(String message, Throwable cause) {
    super(message, cause);
  }
}
