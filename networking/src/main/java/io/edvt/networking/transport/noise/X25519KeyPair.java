package io.edvt.networking.transport.noise;

import java.security.SecureRandom;
import org.bouncycastle.math.ec.rfc7748.X25519;

/** An X25519 key pair (raw 32-byte keys, as noise puts them on the wire). */
public record X25519KeyPair(byte[] privateKey, byte[] publicKey) {
  public static final int KEY_LENGTH = 32;

  public X25519KeyPair {
    privateKey = privateKey.clone();
    publicKey = publicKey.clone();
  }

  public static X25519KeyPair generate(SecureRandom random) {
    byte[] k = new byte[KEY_LENGTH];
    X25519.generatePrivateKey(random, k);
    return fromPrivate(k);
  }

  public static X25519KeyPair fromPrivate(byte[] privateKey) {
    byte[] pub = new byte[KEY_LENGTH];
    X25519.generatePublicKey(privateKey, 0, pub, 0);
    return new X25519KeyPair(privateKey, pub);
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** DH(this, remote); a low-order remote key (all-zero result) is refused, as the noise spec allows. */
  byte[] dh(byte[] remotePublic) {
    byte[] out = new byte[KEY_LENGTH];
    if (!X25519.calculateAgreement(privateKey, 0, remotePublic, 0, out, 0)) {
      throw new NoiseException("X25519 with the remote key gave the all-zero value (low-order point)");
    }
    return out;
  }
}
