package io.edvt.node.network;

import io.edvt.networking.transport.crypto.Secp256k1PublicKey;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.jcajce.provider.digest.Keccak;

/** The discv5 node id of a secp256k1 key: {@code keccak256(x || y)} of the uncompressed point (for custody groups). */
public final class NodeIds {
  private NodeIds() {}

  public static BigInteger of(Secp256k1PublicKey key) {
    byte[] uncompressed = SECNamedCurves.getByName("secp256k1").getCurve().decodePoint(key.raw()).getEncoded(false);
    byte[] hash = new Keccak.Digest256().digest(Arrays.copyOfRange(uncompressed, 1, uncompressed.length));
    return new BigInteger(1, hash);
  }
}
