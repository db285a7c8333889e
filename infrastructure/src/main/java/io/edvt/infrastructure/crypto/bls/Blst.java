package io.edvt.infrastructure.crypto.bls;

import io.edvt.infrastructure.crypto.bls.InvalidBlsEncodingException.Kind;
import io.edvt.infrastructure.crypto.bls.InvalidBlsEncodingException.Reason;
import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import supranational.blst.P1_Affine;
import supranational.blst.P2_Affine;
import supranational.blst.blst;

/**
 * Package-private glue to the blst bindings: decoding with precise failure reasons, shared
 * constants and a per-thread CSPRNG.
 *
 * <p>Thread-safety rule for this package: a blst object that is shared between threads (cached
 * points in keys and signatures, the constants here) is only ever passed as a {@code const}
 * argument; the JNI layer copies such arrays and never writes them back. Every object that a blst
 * method mutates ({@code P1.add}, {@code Pairing.aggregate}, ...) is created by, and confined to,
 * the calling thread.
 */
final class Blst {
  private Blst() {}

  /** Order r of the G1/G2 subgroups; secret keys are scalars in {@code [1, r)}. */
  static final BigInteger GROUP_ORDER =
      new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);

  /** -G1, the negated G1 generator: the partner of a signature in the pairing product check. */
  static final P1_Affine NEG_G1 = blst.getBLS12_381_NEG_G1();

  private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(Blst::newRandom);

  private static SecureRandom newRandom() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }

  /** A uniformly random non-zero 64-bit scalar from a CSPRNG, as the positive BigInteger blst expects. */
  static BigInteger randomNonZeroScalar64() {
    SecureRandom random = RANDOM.get();
    byte[] bytes = new byte[8];
    while (true) {
      random.nextBytes(bytes);
      BigInteger scalar = new BigInteger(1, bytes);
      if (scalar.signum() != 0) {
        return scalar;
      }
    }
  }

  /**
   * Outcome of decoding a compressed point. {@code point} is set whenever the encoding is canonical
   * and the point lies in the subgroup (the point at infinity included); {@code failure} is null
   * when the value is fully acceptable for its role.
   */
  record Decoded<T>(T point, Reason failure) {
    boolean acceptable() {
      return failure == null;
    }
  }

  /** Decodes a 48-byte compressed G1 point and applies KeyValidate (infinity is a failure). */
  static Decoded<P1_Affine> decodePublicKey(byte[] bytes) {
    Reason early = checkFraming(bytes, Kind.PUBLIC_KEY);
    if (early != null) {
      return new Decoded<>(null, early);
    }
    P1_Affine point;
    try {
      point = new P1_Affine(bytes);
    } catch (RuntimeException e) {
      return new Decoded<>(null, mapNativeError(e));
    }
    if (point.is_inf()) {
      return new Decoded<>(point, Reason.INFINITY);
    }
    if (!point.in_group()) {
      return new Decoded<>(null, Reason.NOT_IN_SUBGROUP);
    }
    return new Decoded<>(point, null);
  }

  /** Decodes a 96-byte compressed G2 point and checks subgroup membership (infinity is accepted). */
  static Decoded<P2_Affine> decodeSignature(byte[] bytes) {
    Reason early = checkFraming(bytes, Kind.SIGNATURE);
    if (early != null) {
      return new Decoded<>(null, early);
    }
    P2_Affine point;
    try {
      point = new P2_Affine(bytes);
    } catch (RuntimeException e) {
      return new Decoded<>(null, mapNativeError(e));
    }
    if (!point.is_inf() && !point.in_group()) {
      return new Decoded<>(null, Reason.NOT_IN_SUBGROUP);
    }
    return new Decoded<>(point, null);
  }

  private static Reason checkFraming(byte[] bytes, Kind kind) {
    if (bytes.length != kind.size()) {
      return Reason.WRONG_LENGTH;
    }
    if ((bytes[0] & 0x80) == 0) {
      return Reason.NOT_COMPRESSED;
    }
    return null;
  }

  private static Reason mapNativeError(RuntimeException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("not on curve")) {
      return Reason.NOT_ON_CURVE;
    }
    if (message.contains("not in group")) {
      return Reason.NOT_IN_SUBGROUP;
    }
    return Reason.BAD_ENCODING;
  }

  static String hex(byte[] bytes) {
    return "0x" + java.util.HexFormat.of().formatHex(bytes);
  }
}
