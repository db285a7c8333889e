package io.edvt.networking.transport.crypto;

import io.edvt.networking.transport.encoding.WireFormatException;
import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A secp256k1 public key (33-byte compressed point). Signatures are ECDSA over SHA-256 of the data,
 * DER-encoded, as the peer-id spec says (Bitcoin's encoding).
 */
public final class Secp256k1PublicKey implements PublicKey {
  private final byte[] compressed;
  private final ECPoint point;

  private Secp256k1PublicKey(byte[] compressed, ECPoint point) {
    this.compressed = compressed;
    this.point = point;
  }

  /** @throws WireFormatException if the bytes are not a compressed point on the curve */
  public static Secp256k1PublicKey fromRaw(byte[] raw) {
    if (raw.length != 33 || (raw[0] != 2 && raw[0] != 3)) {
      throw new WireFormatException("secp256k1 public key must be a 33-byte compressed point (02/03 prefix), got "
          + raw.length + " bytes" + (raw.length > 0 ? " starting 0x" + HexFormat.of().toHexDigits(raw[0]) : ""));
    }
    try {
      ECPoint p = Secp256k1.PARAMS.getCurve().decodePoint(raw);
      return new Secp256k1PublicKey(raw.clone(), p);
    } catch (IllegalArgumentException e) {
      throw new WireFormatException("secp256k1 public key is not a point on the curve: " + e.getMessage());
    }
  }

  static Secp256k1PublicKey of(ECPoint point) {
    ECPoint normalized = point.normalize();
    return new Secp256k1PublicKey(normalized.getEncoded(true), normalized);
  }

  @Override
  public KeyType type() {
    return KeyType.SECP256K1;
  }

  @Override
  public byte[] raw() {
    return compressed.clone();
  }

  @Override
  public boolean verify(byte[] data, byte[] signature) {
    BigInteger[] rs = decodeDer(signature);
    if (rs == null) {
      return false;
    }
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, new ECPublicKeyParameters(point, Secp256k1.DOMAIN));
    return verifier.verifySignature(sha256(data), rs[0], rs[1]);
  }

  /** (r, s) of a strict DER ECDSA signature, or null if it is not one. */
  private static BigInteger[] decodeDer(byte[] der) {
    if (der.length < 8 || der.length > 72) {
      return null;
    }
    try {
      ASN1Primitive prim = ASN1Primitive.fromByteArray(der);
      if (!(prim instanceof ASN1Sequence seq) || seq.size() != 2
          || !(seq.getObjectAt(0) instanceof ASN1Integer r) || !(seq.getObjectAt(1) instanceof ASN1Integer s)
          || !Arrays.equals(prim.getEncoded(ASN1Encoding.DER), der)) {
        return null;
      }
      BigInteger rv = r.getPositiveValue();
      BigInteger sv = s.getPositiveValue();
      if (rv.signum() <= 0 || sv.signum() <= 0) {
        return null;
      }
      return new BigInteger[] {rv, sv};
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secp256k1PublicKey k && Arrays.equals(compressed, k.compressed);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(compressed);
  }

  @Override
  public String toString() {
    return "secp256k1:" + HexFormat.of().formatHex(compressed);
  }
}
