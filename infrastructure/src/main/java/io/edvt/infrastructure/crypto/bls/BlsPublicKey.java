package io.edvt.infrastructure.crypto.bls;

import io.edvt.infrastructure.crypto.bls.InvalidBlsEncodingException.Kind;
import io.edvt.infrastructure.crypto.bls.InvalidBlsEncodingException.Reason;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes48;
import supranational.blst.P1;
import supranational.blst.P1_Affine;

/**
 * A BLS public key: 48 bytes, a compressed G1 point in the ZCash/Ethereum encoding.
 *
 * <p>Any 48 bytes are accepted at construction, because consensus objects (deposits, validator
 * records) may carry keys that are not valid. Decompression and KeyValidate (canonical encoding, on
 * the curve, in the subgroup, not the point at infinity) run at most once per object, on first use,
 * and their outcome is cached; afterwards the decompressed point is reused by every verification.
 * Instances are immutable and safe to share between threads.
 */
public final class BlsPublicKey {
  public static final int SIZE = 48;

  private final Bytes48 bytes;
  /** Cached outcome of decompression + KeyValidate; null until first needed. Benign race. */
  private volatile Blst.Decoded<P1_Affine> decoded;

  private BlsPublicKey(Bytes48 bytes, Blst.Decoded<P1_Affine> decoded) {
    this.bytes = bytes;
    this.decoded = decoded;
  }

  /**
   * Wraps 48 bytes without decompressing them.
   *
   * @throws InvalidBlsEncodingException with reason {@link Reason#WRONG_LENGTH} if not 48 bytes
   */
  public static BlsPublicKey fromBytes(Bytes bytes) {
    if (bytes.size() != SIZE) {
      throw new InvalidBlsEncodingException(
          Kind.PUBLIC_KEY, Reason.WRONG_LENGTH, bytes.size() + " bytes, expected " + SIZE);
    }
    return new BlsPublicKey(Bytes48.wrap(bytes.toArray()), null);
  }

  /** {@link #fromBytes} followed by {@link #validate()}: decompresses now and fails fast. */
  public static BlsPublicKey fromBytesValidated(Bytes bytes) {
    return fromBytes(bytes).validate();
  }

  /** From a point computed here (key derivation, aggregation); the encoding is derived from it. */
  static BlsPublicKey fromPoint(P1_Affine point) {
    byte[] compressed = point.compress();
    Blst.Decoded<P1_Affine> state =
        point.is_inf() ? new Blst.Decoded<>(point, Reason.INFINITY) : new Blst.Decoded<>(point, null);
    return new BlsPublicKey(Bytes48.wrap(compressed), state);
  }

  static BlsPublicKey fromPoint(P1 point) {
    return fromPoint(point.to_affine());
  }

  /** The 48-byte compressed encoding, exactly as given or computed. */
  public Bytes48 toBytes() {
    return bytes;
  }

  /** KeyValidate: a canonical compressed encoding of a non-infinity point of the G1 subgroup. */
  public boolean isValid() {
    return decoded().acceptable();
  }

  /**
   * Why KeyValidate fails, or empty when it passes. {@link Reason#INFINITY} means the bytes are a
   * well-formed encoding of the point at infinity, which decodes but is not a usable key.
   */
  public Optional<Reason> invalidReason() {
    return Optional.ofNullable(decoded().failure());
  }

  /** True when these are the canonical bytes of the G1 point at infinity ({@code 0xc0 00..00}). */
  public boolean isInfinity() {
    return decoded().failure() == Reason.INFINITY;
  }

  /**
   * Runs decompression and KeyValidate now (cached), so later verifications only do pairing work.
   *
   * @return this key
   * @throws InvalidBlsEncodingException naming the broken rule when the key is not valid
   */
  public BlsPublicKey validate() {
    Reason failure = decoded().failure();
    if (failure != null) {
      throw new InvalidBlsEncodingException(Kind.PUBLIC_KEY, failure, bytes.toHexString());
    }
    return this;
  }

  /** The decompressed, KeyValidated point, or null if the key is invalid. Never mutate it. */
  P1_Affine pointOrNull() {
    Blst.Decoded<P1_Affine> d = decoded();
    return d.acceptable() ? d.point() : null;
  }

  /** Like {@link #pointOrNull()} but throws the specific encoding exception. */
  P1_Affine pointOrThrow() {
    return validate().decoded().point();
  }

  private Blst.Decoded<P1_Affine> decoded() {
    Blst.Decoded<P1_Affine> d = decoded;
    if (d == null) {
      d = Blst.decodePublicKey(bytes.toArrayUnsafe());
      decoded = d;
    }
    return d;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlsPublicKey other && bytes.equals(other.bytes);
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
