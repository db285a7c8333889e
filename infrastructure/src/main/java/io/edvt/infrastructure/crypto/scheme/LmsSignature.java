package io.edvt.infrastructure.crypto.scheme;

import org.apache.tuweni.bytes.Bytes;

/**
 * An encoded LMS signature (RFC 8554 section 5.4): {@code u32 q || lmots_signature || u32
 * lms_type || path}. Not parsed at construction; the scheme checks the layout when verifying.
 * Immutable; equality is on the bytes.
 */
public final class LmsSignature {
  private final Bytes bytes;

  LmsSignature(Bytes bytes) {
    this.bytes = Bytes.wrap(bytes.toArray());
  }

  public Bytes toBytes() {
    return bytes;
  }

  /**
   * The leaf (one-time key index {@code q}) this signature claims to use, read from its first four
   * bytes; meaningful only for a signature that verifies.
   */
  public long leafIndex() {
    return Integer.toUnsignedLong(bytes.getInt(0));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LmsSignature other && bytes.equals(other.bytes);
  }

  @Override
  public int hashCode() {
    return bytes.hashCode();
  }

  @Override
  public String toString() {
    return "LmsSignature[q=" + leafIndex() + ", " + bytes.size() + " bytes]";
  }
}
