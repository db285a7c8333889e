package io.edvt.infrastructure.crypto.scheme;

import java.io.IOException;
import org.apache.tuweni.bytes.Bytes;
import org.bouncycastle.pqc.crypto.lms.LMSPublicKeyParameters;

/**
 * An LMS public key: 56 bytes, {@code u32 lms_type || u32 lmots_type || I (16) || T[1] (32)}
 * (RFC 8554 section 5.3). Any 56 bytes are accepted at construction; parsing runs once, on first
 * use. Immutable; equality is on the bytes.
 */
public final class LmsPublicKey {
  public static final int SIZE = 4 + 4 + LmsScheme.IDENTIFIER_SIZE + 32;

  private final Bytes bytes;
  /** Parsed key, or null before the first use and when the bytes do not parse. Benign race. */
  private volatile LMSPublicKeyParameters parsed;
  private volatile boolean parseAttempted;

  private LmsPublicKey(Bytes bytes, LMSPublicKeyParameters parsed) {
    this.bytes = bytes;
    this.parsed = parsed;
    this.parseAttempted = parsed != null;
  }

  /**
   * Wraps 56 bytes without parsing them.
   *
   * @throws IllegalArgumentException if not 56 bytes
   */
  public static LmsPublicKey fromBytes(Bytes bytes) {
    if (bytes.size() != SIZE) {
      throw new IllegalArgumentException(
          "LMS public key must be " + SIZE + " bytes, got " + bytes.size());
    }
    return new LmsPublicKey(Bytes.wrap(bytes.toArray()), null);
  }

  static LmsPublicKey fromParameters(LMSPublicKeyParameters key) {
    try {
      return new LmsPublicKey(Bytes.wrap(key.getEncoded()), key);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode LMS public key", e);
    }
  }

  public Bytes toBytes() {
    return bytes;
  }

  LMSPublicKeyParameters parsedOrNull() {
    if (!parseAttempted) {
      try {
        parsed = LMSPublicKeyParameters.getInstance(bytes.toArray());
      } catch (IOException | RuntimeException e) {
        parsed = null;
      }
      parseAttempted = true;
    }
    return parsed;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LmsPublicKey other && bytes.equals(other.bytes);
  }

  @Override
  public int hashCode() {
    return bytes.hashCode();
  }

  @Override
  public String toString() {
    return bytes.toHexString();
  }
}
