package io.edvt.networking.transport.noise;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The noise spec's SymmetricState for SHA-256: chaining key, handshake hash, and the cipher. */
final class SymmetricState {
  static final int HASH_LEN = 32;

  private byte[] ck;
  private byte[] h;
  private CipherState cipher;

  SymmetricState(String protocolName) {
    byte[] name = protocolName.getBytes(StandardCharsets.US_ASCII);
    h = name.length <= HASH_LEN ? Arrays.copyOf(name, HASH_LEN) : sha256(name);
    ck = h.clone();
  }

  void mixKey(byte[] inputKeyMaterial) {
    byte[][] out = hkdf(ck, inputKeyMaterial);
    ck = out[0];
    cipher = new CipherState(out[1]);
  }

  void mixHash(byte[] data) {
    MessageDigest d = digest();
    d.update(h);
    d.update(data);
    h = d.digest();
  }

  byte[] encryptAndHash(byte[] plaintext) {
    byte[] ct = cipher == null ? plaintext : cipher.encryptWithAd(h, plaintext);
    mixHash(ct);
    return ct;
  }

  byte[] decryptAndHash(byte[] ciphertext) {
    byte[] pt = cipher == null ? ciphertext : cipher.decryptWithAd(h, ciphertext);
    mixHash(ciphertext);
    return pt;
  }

  boolean hasKey() {
    return cipher != null;
  }

  byte[] handshakeHash() {
    return h.clone();
  }

  /** The two transport ciphers: the first for initiator to responder. */
  CipherState[] split() {
    byte[][] out = hkdf(ck, new byte[0]);
    return new CipherState[] {new CipherState(out[0]), new CipherState(out[1])};
  }

  /** HKDF of the noise spec with two outputs. */
  static byte[][] hkdf(byte[] chainingKey, byte[] ikm) {
    byte[] temp = hmac(chainingKey, ikm);
    byte[] out1 = hmac(temp, new byte[] {1});
    byte[] in2 = Arrays.copyOf(out1, HASH_LEN + 1);
    in2[HASH_LEN] = 2;
    byte[] out2 = hmac(temp, in2);
    return new byte[][] {out1, out2};
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK always has HmacSHA256", e);
    }
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  private static byte[] sha256(byte[] data) {
    return digest().digest(data);
  }
}
