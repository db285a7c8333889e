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
  static final String CERT = "3082018d30820133a003020102021413d4df740d08b9adf73b0ffe1c407db4c7350b9d300a06082a8648ce3d"
      + "04030230003020170d3735303130313030303030305a180f34303936303130313030303030305a30003059301306072a8648ce3d02"
      + "0106082a8648ce3d030107034200048f842466e60664506f51aae7cf0a981f7bf005e18629bcef6719efc20c2eca1754057bbc8c49"
      + "82e46b2788f5f5c5ef3e1078ae4201eb39f618580115271ff9afa38188308185308182060a2b0601040183a25a01010101ff047130"
      + "6f04250802122103accdd9562f647bd1955e071efe7b8e0bae0c8db35d4988abff771c1fc7442d7e0446304402200581788d8e2acb"
      + "4aab97012e237b4cfcd731daf3be7e843884307a539ac7744d022017ef6a8f186b08023b9ad6da27db0edc981ca87098706100e386"
      + "3f1fe59aced2300a06082a8648ce3d0403020348003045022100efc613b507e7012f2705e094fe702ee5b6d8ada4d88aafb5056840"
      + "65f53ab91c022071f98b8d6ab92b0d8275f1ab06b1ef3504b6d6c122a8a1a2081d9c429613fcdc";

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
