package io.edvt.networking.transport.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * A secp256k1 private key (the identity of Ethereum nodes: the same key signs the ENR). Signatures
 * are deterministic (RFC 6979) and low-S, because noble-secp256k1 (js-libp2p) rejects high-S ones.
 */
public final class Secp256k1PrivateKey implements PrivateKey {
  private final BigInteger d;
  private final Secp256k1PublicKey publicKey;

  private Secp256k1PrivateKey(BigInteger d) {
    this.d = d;
    this.publicKey = Secp256k1PublicKey.of(Secp256k1.PARAMS.getG().multiply(d));
  }

  public static Secp256k1PrivateKey generate(SecureRandom random) {
    BigInteger n = Secp256k1.PARAMS.getN();
    BigInteger d;
    do {
      d = new BigInteger(256, random);
    } while (d.signum() == 0 || d.compareTo(n) >= 0);
    return new Secp256k1PrivateKey(d);
  }

  /** @throws IllegalArgumentException unless {@code raw} is 32 bytes encoding a scalar in [1, n) */
  public static Secp256k1PrivateKey fromRaw(byte[] raw) {
    if (raw.length != 32) {
      throw new IllegalArgumentException("secp256k1 private key must be 32 bytes, got " + raw.length);
    }
    BigInteger d = new BigInteger(1, raw);
    if (d.signum() == 0 || d.compareTo(Secp256k1.PARAMS.getN()) >= 0) {
      throw new IllegalArgumentException("secp256k1 private key is outside [1, n)");
    }
    return new Secp256k1PrivateKey(d);
  }

  /** The 32-byte big-endian scalar. */
  public byte[] raw() {
    byte[] b = d.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(32, b.length);
    System.arraycopy(b, b.length - copy, out, 32 - copy, copy);
    return out;
  }

  @Override
  public Secp256k1PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public byte[] sign(byte[] data) {
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, new ECPrivateKeyParameters(d, Secp256k1.DOMAIN));
    BigInteger[] rs = signer.generateSignature(Secp256k1PublicKey.sha256(data));
    BigInteger s = rs[1].compareTo(Secp256k1.HALF_N) > 0 ? Secp256k1.PARAMS.getN().subtract(rs[1]) : rs[1];
    ASN1EncodableVector v = new ASN1EncodableVector();
    v.add(new ASN1Integer(rs[0]));
    v.add(new ASN1Integer(s));
    try {
      return new DERSequence(v).getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new UncheckedIOException("DER encoding of an ECDSA signature", e);
    }
  }

  @Override
  public String toString() {
    return "Secp256k1PrivateKey(" + publicKey.peerId() + ")";
  }
}
