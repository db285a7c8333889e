package io.edvt.networking.transport.crypto;

import java.security.SecureRandom;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** An Ed25519 private key (the 32-byte seed): for tests and for peers that are not Ethereum nodes. */
public final class Ed25519PrivateKey implements PrivateKey {
  private final byte[] seed;
  private final Ed25519PublicKey publicKey;

  private Ed25519PrivateKey(byte[] seed) {
    this.seed = seed;
    byte[] pub = new byte[Ed25519.PUBLIC_KEY_SIZE];
    Ed25519.generatePublicKey(seed, 0, pub, 0);
    this.publicKey = Ed25519PublicKey.fromRaw(pub);
  }

  public static Ed25519PrivateKey generate(SecureRandom random) {
    byte[] seed = new byte[Ed25519.SECRET_KEY_SIZE];
    random.nextBytes(seed);
    return new Ed25519PrivateKey(seed);
  }

  public static Ed25519PrivateKey fromSeed(byte[] seed) {
    if (seed.length != Ed25519.SECRET_KEY_SIZE) {
      throw new IllegalArgumentException("Ed25519 seed must be 32 bytes, got " + seed.length);
    }
    return new Ed25519PrivateKey(seed.clone());
  }

  @Override
  public Ed25519PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public byte[] sign(byte[] data) {
    byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
    Ed25519.sign(seed, 0, data, 0, data.length, sig, 0);
    return sig;
  }
}
