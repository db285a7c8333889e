package io.edvt.networking.transport.quic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * A certificate exactly as js-libp2p's QUIC transport (rust-libp2p's libp2p-tls inside
 * {@code @chainsafe/libp2p-quic}) sent it in the interop test: empty issuer and subject names,
 * valid 1975-4096, the extension marked critical. The JDK's certificate factory refuses the empty
 * names; our parser must not.
 */
class RustLibp2pCertificateTest {
  static final String CERT = RustLibp2pCertificateTestVector.CERT;

  @Test
  void acceptsARustLibp2pCertificateWithEmptyNames() throws Exception {
    var key = Libp2pTls.verify(HexFormat.of().parseHex(CERT), Instant.parse("2026-12-07T00:00:00Z"));
    assertThat(key.peerId().toString()).startsWith("16Uiu2");
    assertThat(HexFormat.of().formatHex(key.raw()))
        .isEqualTo("03accdd9562f647bd1955e071efe7b8e0bae0c8db35d4988abff771c1fc7442d7e");
  }

  @Test
  void refusesItWhenNonCanonicalOrTampered() {
    byte[] der = HexFormat.of().parseHex(CERT);
    int critical = CERT.indexOf("0101ff") / 2 + 2; // the extension's critical BOOLEAN, 0xff in DER
    der[critical] = (byte) 0x01; // still TRUE in BER, not DER: the signed bytes would differ
    assertThatThrownBy(() -> Libp2pTls.verify(der, Instant.parse("2026-12-07T00:00:00Z")))
        .isInstanceOf(Libp2pCertificateException.class);
  }
}
