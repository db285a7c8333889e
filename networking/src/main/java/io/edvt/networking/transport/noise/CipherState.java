package io.edvt.networking.transport.noise;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The noise spec's CipherState with ChaChaPoly (the JDK's ChaCha20-Poly1305, which has CPU
 * intrinsics): a key and a 64-bit message counter used as the nonce (4 zero bytes, then the
 * counter little-endian). Not thread safe: one per direction, used on one event loop.
 */
public final class CipherState {
  public static final int TAG_LENGTH = 16;
  private static final long MAX_NONCE = -1L; // 2^64 - 1 is reserved by the spec

  private final SecretKeySpec key;
  private final Cipher cipher;
  private final byte[] iv = new byte[12];
  private long nonce;

  public CipherState(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("ChaChaPoly key must be 32 bytes");
    }
    this.key = new SecretKeySpec(key, "ChaCha20");
    try {
      this.cipher = Cipher.getInstance("ChaCha20-Poly1305");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no ChaCha20-Poly1305", e);
    }
  }

  public byte[] encryptWithAd(byte[] ad, byte[] plaintext) {
    byte[] out = new byte[plaintext.length + TAG_LENGTH];
    encrypt(ad, ByteBuffer.wrap(plaintext), ByteBuffer.wrap(out));
    return out;
  }

  public byte[] decryptWithAd(byte[] ad, byte[] ciphertext) {
    if (ciphertext.length < TAG_LENGTH) {
      throw new NoiseException("ciphertext of " + ciphertext.length + " bytes is shorter than the 16-byte tag");
    }
    byte[] out = new byte[ciphertext.length - TAG_LENGTH];
    decrypt(ad, ByteBuffer.wrap(ciphertext), ByteBuffer.wrap(out));
    return out;
  }

  /** Encrypts all of {@code in} into {@code out} (which gets in.remaining() + 16 bytes). */
  public void encrypt(byte[] ad, ByteBuffer in, ByteBuffer out) {
    try {
      cipher.init(Cipher.ENCRYPT_MODE, key, nextIv());
      if (ad != null && ad.length > 0) {
        cipher.updateAAD(ad);
      }
      cipher.doFinal(in, out);
    } catch (GeneralSecurityException e) {
      throw new NoiseException("ChaChaPoly encryption failed: " + e.getMessage(), e);
    }
  }

  /**
   * Encrypts {@code len} bytes at {@code off} in place; the 16-byte tag follows them (the array
   * must have room). Arrays are the JDK cipher's fast path: direct buffers cost a third more.
   */
  public void encryptInPlace(byte[] buf, int off, int len) {
    try {
      cipher.init(Cipher.ENCRYPT_MODE, key, nextIv());
      cipher.doFinal(buf, off, len, buf, off);
    } catch (GeneralSecurityException e) {
      throw new NoiseException("ChaChaPoly encryption failed: " + e.getMessage(), e);
    }
  }

  /** Decrypts {@code len} bytes (ciphertext and tag) at {@code off} in place; returns the plaintext length. */
  public int decryptInPlace(byte[] buf, int off, int len) {
    if (len < TAG_LENGTH) {
      throw new NoiseException("ciphertext of " + len + " bytes is shorter than the 16-byte tag");
    }
    try {
      cipher.init(Cipher.DECRYPT_MODE, key, nextIv());
      return cipher.doFinal(buf, off, len, buf, off);
    } catch (AEADBadTagException e) {
      throw new NoiseException("noise message failed authentication (bad MAC) at nonce " + (nonce - 1));
    } catch (GeneralSecurityException e) {
      throw new NoiseException("ChaChaPoly decryption failed: " + e.getMessage(), e);
    }
  }

  /** Decrypts all of {@code in} into {@code out}; a bad tag is a {@link NoiseException}. */
  public void decrypt(byte[] ad, ByteBuffer in, ByteBuffer out) {
    try {
      cipher.init(Cipher.DECRYPT_MODE, key, nextIv());
      if (ad != null && ad.length > 0) {
        cipher.updateAAD(ad);
      }
      cipher.doFinal(in, out);
    } catch (AEADBadTagException e) {
      throw new NoiseException("noise message failed authentication (bad MAC) at nonce " + (nonce - 1));
    } catch (GeneralSecurityException e) {
      throw new NoiseException("ChaChaPoly decryption failed: " + e.getMessage(), e);
    }
  }

  private IvParameterSpec nextIv() {
    if (nonce == MAX_NONCE) {
      throw new NoiseException("noise nonce exhausted (2^64 - 1 messages)");
    }
    long n = nonce++;
    for (int i = 0; i < 8; i++) {
      iv[4 + i] = (byte) (n >>> (8 * i));
    }
    return new IvParameterSpec(iv);
  }
}
