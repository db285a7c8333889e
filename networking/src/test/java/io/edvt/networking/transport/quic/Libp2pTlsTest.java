package io.edvt.networking.transport.quic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.networking.transport.crypto.Ed25519PrivateKey;
import io.edvt.networking.transport.crypto.PrivateKey;
import io.edvt.networking.transport.crypto.PublicKey;
import io.edvt.networking.transport.crypto.Secp256k1PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Libp2pTlsTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void aGeneratedCertificateCarriesTheSignedHostKeyAndVerifies() throws Exception {
    for (PrivateKey id : new PrivateKey[] {Secp256k1PrivateKey.generate(RANDOM), Ed25519PrivateKey.generate(RANDOM)}) {
      Libp2pTls.CertifiedKey ck = Libp2pTls.generate(id, RANDOM);
      X509Certificate cert = ck.certificate();
      assertThat(cert.getCriticalExtensionOIDs()).containsExactly(Libp2pTls.EXTENSION_OID);
      assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("EC");
      PublicKey key = Libp2pTls.verify(new X509Certificate[] {cert}, Instant.now());
      assertThat(key.peerId()).isEqualTo(id.peerId());
      assertThat(Libp2pTls.verify(cert.getEncoded(), Instant.now()).peerId()).isEqualTo(id.peerId());
    }
  }

  @Test
  void rejectsACertificateOutsideItsValidity() {
    X509Certificate cert = Libp2pTls.generate(Secp256k1PrivateKey.generate(RANDOM), RANDOM).certificate();
    assertThatThrownBy(() -> Libp2pTls.verify(new X509Certificate[] {cert}, Instant.now().plus(Duration.ofDays(400))))
        .isInstanceOf(Libp2pCertificateException.class).hasMessageContaining("not valid now");
    assertThatThrownBy(() -> Libp2pTls.verify(new X509Certificate[] {cert}, Instant.now().minus(Duration.ofDays(1))))
        .isInstanceOf(Libp2pCertificateException.class).hasMessageContaining("not valid now");
  }

  @Test
  void rejectsChainsOfOtherThanOneCertificate() {
    X509Certificate cert = Libp2pTls.generate(Secp256k1PrivateKey.generate(RANDOM), RANDOM).certificate();
    assertThatThrownBy(() -> Libp2pTls.verify(new X509Certificate[] {cert, cert}, Instant.now()))
        .hasMessageContaining("exactly one certificate, got 2");
    assertThatThrownBy(() -> Libp2pTls.verify(new X509Certificate[0], Instant.now()))
        .hasMessageContaining("exactly one certificate, got 0");
  }

  /** Any changed byte breaks the certificate: the self-signature, the extension or the encoding. */
  @Test
  void rejectsEveryTamperedByteOfTheExtensionAndTheKey() throws Exception {
    byte[] der = Libp2pTls.generate(Secp256k1PrivateKey.generate(RANDOM), RANDOM).certificate().getEncoded();
    String hex = HexFormat.of().formatHex(der);
    int ext = hex.indexOf("2b0601040183a25a0101") / 2; // the OID's encoding
    assertThat(ext).isPositive();
    for (int i = ext; i < Math.min(der.length, ext + 120); i++) {
      byte[] t = der.clone();
      t[i] ^= 0x01;
      assertThatThrownBy(() -> Libp2pTls.verify(t, Instant.now())).as("byte %d flipped", i)
          .isInstanceOf(Libp2pCertificateException.class);
    }
  }

  @Test
  void rejectsGarbageAndOversizedInputWithAReason() {
    assertThatThrownBy(() -> Libp2pTls.verify(new byte[] {0x30, 0x03, 1, 2, 3}, Instant.now()))
        .isInstanceOf(Libp2pCertificateException.class).hasMessageContaining("invalid certificate");
    assertThatThrownBy(() -> Libp2pTls.verify(new byte[Libp2pTls.MAX_CERTIFICATE_BYTES + 1], Instant.now()))
        .hasMessageContaining("exceeds");
  }
}
