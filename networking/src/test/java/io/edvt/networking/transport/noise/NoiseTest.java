package io.edvt.networking.transport.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.networking.transport.crypto.Secp256k1PrivateKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoiseTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** RFC 7748 section 6.1: Alice's and Bob's X25519 keys and their shared secret. */
  @Test
  void x25519Rfc7748Vector() {
    X25519KeyPair alice = X25519KeyPair.fromPrivate(
        HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
    assertThat(HEX.formatHex(alice.publicKey())).isEqualTo("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    byte[] bobPublic = HEX.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    assertThat(HEX.formatHex(alice.dh(bobPublic)))
        .isEqualTo("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
  }

  /** RFC 5869 test case 3 (empty salt and info) is the noise HKDF with a zero chaining key. */
  @Test
  void hkdfRfc5869Vector() {
    byte[][] out = SymmetricState.hkdf(new byte[32], HEX.parseHex("0b".repeat(22)));
    assertThat(HEX.formatHex(out[0])).isEqualTo("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d");
    assertThat(HEX.formatHex(out[1])).startsWith("9d201395faa4b61a96c8");
  }

  @Test
  void protocolNameIsExactlyOneHashLong() {
    assertThat(XxHandshake.PROTOCOL_NAME).hasSize(32);
  }

  @Test
  void xxHandshakeAgreesOnKeysAndCarriesPayloads() {
    X25519KeyPair si = X25519KeyPair.generate(RANDOM);
    X25519KeyPair sr = X25519KeyPair.generate(RANDOM);
    XxHandshake i = new XxHandshake(true, si, X25519KeyPair.generate(RANDOM), new byte[0]);
    XxHandshake r = new XxHandshake(false, sr, X25519KeyPair.generate(RANDOM), new byte[0]);
    byte[] m1 = i.writeMessage(new byte[0]);
    assertThat(m1).hasSize(32);
    assertThat(r.readMessage(m1)).isEmpty();
    byte[] m2 = r.writeMessage("responder".getBytes());
    assertThat(m2).hasSize(32 + 48 + 9 + 16);
    assertThat(i.readMessage(m2)).isEqualTo("responder".getBytes());
    assertThat(i.remoteStaticKey()).isEqualTo(sr.publicKey());
    byte[] m3 = i.writeMessage("initiator".getBytes());
    assertThat(r.readMessage(m3)).isEqualTo("initiator".getBytes());
    assertThat(r.remoteStaticKey()).isEqualTo(si.publicKey());
    assertThat(i.handshakeHash()).isEqualTo(r.handshakeHash());
    CipherState[] ic = i.split();
    CipherState[] rc = r.split();
    for (int n = 0; n < 3; n++) {
      byte[] ct = ic[0].encryptWithAd(null, new byte[] {(byte) n});
      assertThat(rc[1].decryptWithAd(null, ct)).containsExactly((byte) n);
      byte[] back = rc[0].encryptWithAd(null, new byte[] {(byte) (n + 10)});
      assertThat(ic[1].decryptWithAd(null, back)).containsExactly((byte) (n + 10));
    }
  }

  @Test
  void aTamperedHandshakeMessageFailsAuthentication() {
    XxHandshake i = new XxHandshake(true, X25519KeyPair.generate(RANDOM), X25519KeyPair.generate(RANDOM), new byte[0]);
    XxHandshake r = new XxHandshake(false, X25519KeyPair.generate(RANDOM), X25519KeyPair.generate(RANDOM), new byte[0]);
    r.readMessage(i.writeMessage(new byte[0]));
    byte[] m2 = r.writeMessage(new byte[0]);
    m2[40] ^= 1;
    assertThatThrownBy(() -> i.readMessage(m2)).isInstanceOf(NoiseException.class).hasMessageContaining("bad MAC");
    XxHandshake short1 = new XxHandshake(false, X25519KeyPair.generate(RANDOM), X25519KeyPair.generate(RANDOM), new byte[0]);
    assertThatThrownBy(() -> short1.readMessage(new byte[5])).hasMessageContaining("at least 32 needed");
  }

  @Test
  void libp2pPayloadIsVerifiedAgainstTheStaticKeyAndTheExpectedPeer() {
    Secp256k1PrivateKey id = Secp256k1PrivateKey.generate(RANDOM);
    NoiseIdentity identity = new NoiseIdentity(id, RANDOM, List.of("/yamux/1.0.0"));
    byte[] payload = identity.payload();
    byte[] staticKey = identity.staticKey().publicKey();
    NoiseRemoteIdentity remote = NoiseRemoteIdentity.verify(payload, staticKey, id.peerId());
    assertThat(remote.peerId()).isEqualTo(id.peerId());
    assertThat(remote.streamMuxers()).containsExactly("/yamux/1.0.0");
    byte[] otherStatic = X25519KeyPair.generate(RANDOM).publicKey();
    assertThatThrownBy(() -> NoiseRemoteIdentity.verify(payload, otherStatic, null))
        .isInstanceOf(NoiseException.class).hasMessageContaining("does not cover the remote's noise static key");
    var other = Secp256k1PrivateKey.generate(RANDOM).peerId();
    assertThatThrownBy(() -> NoiseRemoteIdentity.verify(payload, staticKey, other))
        .isInstanceOf(NoiseException.class).hasMessageContaining("dialled " + other + " but the remote is " + id.peerId());
    byte[] broken = Arrays.copyOf(payload, payload.length - 3);
    assertThatThrownBy(() -> NoiseRemoteIdentity.verify(broken, staticKey, null))
        .isInstanceOf(NoiseException.class).hasMessageContaining("bad handshake payload");
  }

  @Test
  void payloadProtobufRoundTripsWithExtensions() {
    NoiseHandshakePayload p = new NoiseHandshakePayload(new byte[] {1, 2}, new byte[] {3}, List.of("/yamux/1.0.0", "/mplex/6.7.0"));
    byte[] bytes = p.encode();
    // identity_key (1), identity_sig (2), extensions (4) holding stream_muxers (2)
    assertThat(HEX.formatHex(bytes)).startsWith("0a020102" + "120103" + "22");
    assertThat(NoiseHandshakePayload.decode(bytes)).isEqualTo(p);
  }
}
