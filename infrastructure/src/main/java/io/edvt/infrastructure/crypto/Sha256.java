package io.edvt.infrastructure.crypto;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 through the JDK (which uses the CPU's SHA extensions where present), one reused
 * {@link MessageDigest} per thread so hot paths such as merkleisation allocate nothing.
 */
public final class Sha256 {
  private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Sha256::newDigest);

  private Sha256() {}

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** The digest of {@code data}. */
  public static byte[] hash(byte[] data) {
    return DIGEST.get().digest(data);
  }

  /** The digest of {@code data[offset, offset+length)}. */
  public static byte[] hash(byte[] data, int offset, int length) {
    MessageDigest md = DIGEST.get();
    md.update(data, offset, length);
    return md.digest();
  }

  /**
   * The digest of {@code data[offset, offset+length)} into {@code out[outOffset..+32)}, without
   * allocating (for loops of many small hashes, such as the shuffle's source bits).
   */
  public static void hash(byte[] data, int offset, int length, byte[] out, int outOffset) {
    MessageDigest md = DIGEST.get();
    md.update(data, offset, length);
    try {
      md.digest(out, outOffset, 32);
    } catch (DigestException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The digest of the concatenation {@code a || b}. */
  public static byte[] hash(byte[] a, byte[] b) {
    MessageDigest md = DIGEST.get();
    md.update(a);
    md.update(b);
    return md.digest();
  }

  /** Hashes two 32-byte chunks, {@code sha256(left || right)}, into {@code out[outOffset..+32)}. */
  public static void hashPair(byte[] left, byte[] right, byte[] out, int outOffset) {
    MessageDigest md = DIGEST.get();
    md.update(left, 0, 32);
    md.update(right, 0, 32);
    try {
      md.digest(out, outOffset, 32);
    } catch (DigestException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Hashes the 64 bytes at {@code in[inOffset..+64)} into {@code out[outOffset..+32)}. Input and
   * output may overlap: the input is consumed before the digest is written.
   */
  public static void hash64(byte[] in, int inOffset, byte[] out, int outOffset) {
    MessageDigest md = DIGEST.get();
    md.update(in, inOffset, 64);
    try {
      md.digest(out, outOffset, 32);
    } catch (DigestException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Hashes {@code a[aOffset..+32) || b[0..32)} into {@code out[outOffset..+32)} (may overlap {@code a}). */
  public static void hashWith(byte[] a, int aOffset, byte[] b, byte[] out, int outOffset) {
    MessageDigest md = DIGEST.get();
    md.update(a, aOffset, 32);
    md.update(b, 0, 32);
    try {
      md.digest(out, outOffset, 32);
    } catch (DigestException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code sha256(left || right)} for two 32-byte chunks, as a new array. */
  public static byte[] hashPair(byte[] left, byte[] right) {
    byte[] out = new byte[32];
    hashPair(left, right, out, 0);
    return out;
  }
}
