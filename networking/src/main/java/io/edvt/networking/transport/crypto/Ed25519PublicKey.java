package io.edvt.networking.transport.crypto;

import io.edvt.networking.transport.encoding.WireFormatException;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** An Ed25519 public key (32 bytes); signatures are plain RFC 8032 Ed25519. */
public final class Ed25519PublicKey implements PublicKey {
  private final byte[] key;

  private Ed25519PublicKey(byte[] key) {
    this.key = key;
  }

  /** @throws WireFormatException if the bytes are not a valid 32-byte Ed25519 point */
  public static Ed25519PublicKey fromRaw(byte[] raw) {
    if (raw.length != Ed25519.PUBLIC_KEY_SIZE) {
      throw new WireFormatException("Ed25519 public key must be 32 bytes, got " + raw.length);
    }
    if (!Ed25519.validatePublicKeyFull(raw, 0)) {
      throw new WireFormatException("Ed25519 public key is not a valid point: " + HexFormat.of().formatHex(raw));
    }
    return new Ed25519PublicKey(raw.clone());
  }

  @Override
  public KeyType type() {
    return KeyType.ED25519;
  }

  @Override
  public byte[] raw() {
    return key.clone();
  }

  @Override
  public boolean verify(byte[] data, byte[] signature) {
    return signature.length == Ed25519.SIGNATURE_SIZE && Ed25519.verify(signature, 0, key, 0, data, 0, data.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ed25519PublicKey k && Arrays.equals(key, k.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return "ed25519:" + HexFormat.of().formatHex(key);
  }
}
