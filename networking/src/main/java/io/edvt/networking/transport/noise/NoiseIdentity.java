package io.edvt.networking.transport.noise;

import io.edvt.networking.transport.crypto.PrivateKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

/**
 * What we present in every noise handshake: the identity key, a static X25519 key for this host's
 * lifetime, and the signed payload, encoded once (signing per handshake would halve handshakes/s).
 */
public final class NoiseIdentity {
  /** The prefix of the signed data, from the libp2p noise spec. */
  public static final byte[] SIGNATURE_PREFIX = "noise-libp2p-static-key:".getBytes(StandardCharsets.US_ASCII);

  private final PrivateKey identityKey;
  private final X25519KeyPair staticKey;
  private final byte[] payload;

  /** @param streamMuxers muxers to offer in the handshake (early negotiation); empty to leave it to multistream-select */
  public NoiseIdentity(PrivateKey identityKey, SecureRandom random, List<String> streamMuxers) {
    this.identityKey = identityKey;
    this.staticKey = X25519KeyPair.generate(random);
    byte[] sig = identityKey.sign(signedData(staticKey.publicKey()));
    this.payload = new NoiseHandshakePayload(identityKey.publicKey().toProtobuf(), sig, streamMuxers).encode();
  }

  static byte[] signedData(byte[] staticPublicKey) {
    byte[] out = new byte[SIGNATURE_PREFIX.length + staticPublicKey.length];
    System.arraycopy(SIGNATURE_PREFIX, 0, out, 0, SIGNATURE_PREFIX.length);
    System.arraycopy(staticPublicKey, 0, out, SIGNATURE_PREFIX.length, staticPublicKey.length);
    return out;
  }

  public PrivateKey identityKey() {
    return identityKey;
  }

  X25519KeyPair staticKey() {
    return staticKey;
  }

  byte[] payload() {
    return payload.clone();
  }
}
