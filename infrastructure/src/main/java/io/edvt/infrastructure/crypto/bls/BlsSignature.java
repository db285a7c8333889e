package io.edvt.infrastructure.crypto.bls;

import io.edvt.infrastructure.crypto.bls.InvalidBlsEncodingException.Kind;
import io.edvt.infrastructure.crypto.bls.InvalidBlsEncodingException.Reason;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import supranational.blst.P2;
import supranational.blst.P2_Affine;

/**
 * A BLS signature: 96 bytes, a compressed G2 point. The point at infinity ({@code 0xc0 00..00}) is a
 * valid encoding (it is, for example, the aggregate of no signatures in Altair sync aggregates).
 *
 * <p>Like {@link BlsPublicKey}, any 96 bytes are accepted at construction; decompression and the
 * subgroup check run once, on first use, and are cached. Immutable and thread-safe.
 */
public final class BlsSignature {
  public static final int SIZE = 96;

  private static final byte[] INFINITY_BYTES = infinityBytes();

  /** The point at infinity, {@code 0xc0} followed by 95 zero bytes. */
  public static final BlsSignature INFINITY = fromBytes(Bytes.wrap(INFINITY_BYTES));

  private final Bytes bytes;
  private volatile Blst.Decoded<P2_Affine> decoded;

  private BlsSignature(Bytes bytes, Blst.Decoded<P2_Affine> decoded) {
    this.bytes = bytes;
    this.decoded = decoded;
  }

  private static byte[] infinityBytes() {
    byte[] b = new byte[SIZE];
    b[0] = (byte) 0xc0;
    return b;
  }

  /**
   * Wraps 96 bytes without decompressing them.
   *
   * @throws InvalidBlsEncodingException with reason {@link Reason#WRONG_LENGTH} if not 96 bytes
   */
  public static BlsSignature fromBytes(Bytes bytes) {
    if (bytes.size() != SIZE) {
      throw new InvalidBlsEncodingException(
          Kind.SIGNATURE, Reason.WRONG_LENGTH, bytes.size() + " bytes, expected " + SIZE);
    }
    return new BlsSignature(Bytes.wrap(bytes.toArray()), null);
  }

  /** {@link #fromBytes} followed by {@link #validate()}. */
  public static BlsSignature fromBytesValidated(Bytes bytes) {
    return fromBytes(bytes).validate();
  }

  static BlsSignature fromPoint(P2_Affine point) {
    return new BlsSignature(Bytes.wrap(point.compress()), new Blst.Decoded<>(point, null));
  }

  static BlsSignature fromPoint(P2 point) {
    return fromPoint(point.to_affine());
  }

  /** The 96-byte compressed encoding. */
  public Bytes toBytes() {
    return bytes;
  }

  /** The bytes decode to a point of the G2 subgroup (the point at infinity included). */
  public boolean isValid() {
    return decoded().acceptable();
  }

  /** Why the bytes are not a G2 subgroup point, or empty when they are. */
  public Optional<Reason> invalidReason() {
    return Optional.ofNullable(decoded().failure());
  }

  /** True for the canonical encoding of the point at infinity. */
  public boolean isInfinity() {
    return bytes.equals(INFINITY.bytes);
  }

  /**
   * Decompresses and subgroup-checks now (cached).
   *
   * @return this signature
   * @throws InvalidBlsEncodingException naming the broken rule
   */
  public BlsSignature validate() {
    Reason failure = decoded().failure();
    if (failure != null) {
      throw new InvalidBlsEncodingException(Kind.SIGNATURE, failure, bytes.toHexString());
    }
    return this;
  }

  /** The subgroup-checked point, or null when the encoding is invalid. Never mutate it. */
  P2_Affine pointOrNull() {
    Blst.Decoded<P2_Affine> d = decoded();
    return d.acceptable() ? d.point() : null;
  }

  P2_Affine pointOrThrow() {
    return validate().decoded().point();
  }

  private Blst.Decoded<P2_Affine> decoded() {
    Blst.Decoded<P2_Affine> d = decoded;
    if (d == null) {
      d = Blst.decodeSignature(bytes.toArrayUnsafe());
      decoded = d;
    }
    return d;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlsSignature other && bytes.equals(other.bytes);
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
