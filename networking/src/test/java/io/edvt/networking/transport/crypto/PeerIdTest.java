package io.edvt.networking.transport.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.networking.transport.encoding.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Key and peer-id vectors: the protobuf keys are the libp2p peer-id spec's test vectors; the
 * expected peer ids and the signature were computed by js-libp2p ({@code @libp2p/peer-id} 6.0.15,
 * {@code @libp2p/crypto} 5.2.0), an independent implementation.
 */
class PeerIdTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final String SECP_PUB = "08021221037777e994e452c21604f91de093ce415f5432f701dd8cd1a7a6fea0e630bfca99";
  private static final String SECP_PRIV_RAW = "53DADF1D5A164D6B4ACDB15E24AA4C5B1D3461BDBD42ABEDB0A4404D56CED8FB";
  private static final String ED_PUB = "080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";

  @Test
  void secp256k1PublicKeyFromTheSpecGivesTheJsPeerId() {
    PublicKey key = PublicKey.fromProtobuf(HEX.parseHex(SECP_PUB));
    assertThat(key).isInstanceOf(Secp256k1PublicKey.class);
    assertThat(key.toProtobuf()).isEqualTo(HEX.parseHex(SECP_PUB));
    assertThat(key.peerId().toBase58()).isEqualTo("16Uiu2HAmLhLvBoYaoZfaMUKuibM6ac163GwKY74c5kiSLg5KvLpY");
  }

  @Test
  void ed25519PublicKeyFromTheSpecGivesTheJsPeerId() {
    PublicKey key = PublicKey.fromProtobuf(HEX.parseHex(ED_PUB));
    assertThat(key).isInstanceOf(Ed25519PublicKey.class);
    assertThat(key.peerId().toBase58()).isEqualTo("12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq");
  }

  @Test
  void secp256k1PrivateKeyFromTheSpecDerivesItsPublicKey() {
    Secp256k1PrivateKey key = Secp256k1PrivateKey.fromRaw(HEX.parseHex(SECP_PRIV_RAW));
    assertThat(key.publicKey().toProtobuf()).isEqualTo(HEX.parseHex(SECP_PUB));
    assertThat(key.raw()).isEqualTo(HEX.parseHex(SECP_PRIV_RAW));
  }

  @Test
  void secp256k1SignaturesAreDeterministicLowSAndEqualJsLibp2ps() {
    Secp256k1PrivateKey key = Secp256k1PrivateKey.fromRaw(HEX.parseHex(SECP_PRIV_RAW));
    byte[] message = "hello edvt".getBytes(StandardCharsets.UTF_8);
    byte[] sig = key.sign(message);
    assertThat(HEX.formatHex(sig)).isEqualTo("3045022100ed16235d986731d103618719c33c3fe9bbea9823f6459e71b4732b352cb0e4b5"
        + "022030184d81fae429939496f08895b0f11b29afafe6667eb36629558e40b32708f6");
    assertThat(key.publicKey().verify(message, sig)).isTrue();
    assertThat(key.publicKey().verify("hello edvT".getBytes(StandardCharsets.UTF_8), sig)).isFalse();
    sig[10] ^= 1;
    assertThat(key.publicKey().verify(message, sig)).isFalse();
  }

  @Test
  void ed25519SignAndVerify() {
    Ed25519PrivateKey key = Ed25519PrivateKey.generate(new SecureRandom());
    byte[] sig = key.sign(new byte[] {1, 2, 3});
    assertThat(key.publicKey().verify(new byte[] {1, 2, 3}, sig)).isTrue();
    assertThat(key.publicKey().verify(new byte[] {1, 2, 4}, sig)).isFalse();
    assertThat(key.peerId().toBase58()).startsWith("12D3KooW");
  }

  @Test
  void peerIdTextRoundTripsAndBadTextIsRefusedWithTheReason() {
    PeerId id = PeerId.fromBase58("16Uiu2HAmLhLvBoYaoZfaMUKuibM6ac163GwKY74c5kiSLg5KvLpY");
    assertThat(id.matches(PublicKey.fromProtobuf(HEX.parseHex(SECP_PUB)))).isTrue();
    assertThat(PeerId.fromBytes(id.toBytes())).isEqualTo(id);
    assertThatThrownBy(() -> PeerId.fromBase58("16Uiu2HAm0OIl")).hasMessageContaining("character '0'");
    assertThatThrownBy(() -> PeerId.fromBytes(new byte[] {0x13, 2, 1, 2})).isInstanceOf(WireFormatException.class)
        .hasMessageContaining("neither identity nor sha2-256");
  }

  @Test
  void unsupportedOrMalformedKeysAreRefusedWithTheReason() {
    assertThatThrownBy(() -> PublicKey.fromProtobuf(HEX.parseHex("0800120100")))
        .isInstanceOf(WireFormatException.class).hasMessageContaining("RSA identity keys are not supported");
    assertThatThrownBy(() -> PublicKey.fromProtobuf(HEX.parseHex("0802120401020304")))
        .isInstanceOf(WireFormatException.class).hasMessageContaining("33-byte compressed point");
    assertThatThrownBy(() -> PublicKey.fromProtobuf(HEX.parseHex("0802")))
        .isInstanceOf(WireFormatException.class).hasMessageContaining("missing Data");
  }
}
