package io.edvt.infrastructure.crypto.bls;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.apache.tuweni.bytes.Bytes;
import supranational.blst.BLST_ERROR;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;
import supranational.blst.Pairing;

/**
 * BLS signatures as the consensus spec uses them: the IETF proof-of-possession ciphersuite {@code
 * BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_}, public keys in G1 (48 bytes), signatures in G2 (96
 * bytes), backed by blst.
 *
 * <p>All methods are stateless and safe to call from any number of threads. Verification methods
 * return {@code false} for any invalid key, signature or list shape and never throw for them;
 * aggregation methods throw {@link BlsException} where the spec asserts.
 */
public final class Bls {
  /** Domain separation tag of signatures (Ethereum's ciphersuite). */
  public static final String SIGNATURE_DST = "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_";

  /** Domain separation tag of proofs of possession in the same ciphersuite. */
  public static final String POP_DST = "BLS_POP_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_";

  /**
   * From this many keys on, {@link #aggregatedKeyOrNull} sums slices on the common fork-join pool:
   * one G1 addition (JNI call included) takes about half a microsecond, so summing 512 keys costs a
   * quarter of a pairing check.
   */
  private static final int PARALLEL_SUM_THRESHOLD = 256;

  private static final int MIN_KEYS_PER_SLICE = 128;

  private Bls() {}

  /** Sign: {@code sk * hash_to_G2(message)}. */
  public static BlsSignature sign(BlsSecretKey secretKey, Bytes message) {
    return signWithDst(secretKey, message.toArrayUnsafe(), SIGNATURE_DST);
  }

  /** Verify: KeyValidate(pk), signature in G2, and {@code e(pk, H(m)) == e(G1, sig)}. */
  public static boolean verify(BlsPublicKey publicKey, Bytes message, BlsSignature signature) {
    P1_Affine pk = publicKey.pointOrNull();
    P2_Affine sig = signature.pointOrNull();
    if (pk == null || sig == null) {
      return false;
    }
    return coreVerify(pk, message.toArrayUnsafe(), sig, SIGNATURE_DST);
  }

  /**
   * Aggregate: the sum of the signatures.
   *
   * @throws BlsException if the list is empty
   * @throws InvalidBlsEncodingException if a signature does not decode to a G2 subgroup point
   */
  public static BlsSignature aggregate(List<BlsSignature> signatures) {
    if (signatures.isEmpty()) {
      throw new BlsException("cannot aggregate an empty list of signatures");
    }
    if (signatures.size() == 1) {
      return signatures.get(0).validate();
    }
    P2 sum = new P2(signatures.get(0).pointOrThrow());
    for (int i = 1; i < signatures.size(); i++) {
      sum.add(signatures.get(i).pointOrThrow());
    }
    return BlsSignature.fromPoint(sum);
  }

  /**
   * The sum of the public keys, each of which must pass KeyValidate. The result may be the point at
   * infinity (then {@link BlsPublicKey#isValid()} is false on it).
   *
   * @throws BlsException if the list is empty
   * @throws InvalidBlsEncodingException if a key fails KeyValidate
   */
  public static BlsPublicKey aggregatePublicKeys(List<BlsPublicKey> publicKeys) {
    if (publicKeys.isEmpty()) {
      throw new BlsException("cannot aggregate an empty list of public keys");
    }
    if (publicKeys.size() == 1) {
      return publicKeys.get(0).validate();
    }
    P1 sum = new P1(publicKeys.get(0).pointOrThrow());
    for (int i = 1; i < publicKeys.size(); i++) {
      sum.add(publicKeys.get(i).pointOrThrow());
    }
    return BlsPublicKey.fromPoint(sum);
  }

  /** Altair's {@code eth_aggregate_pubkeys}: non-empty, every key KeyValidated, then summed. */
  public static BlsPublicKey ethAggregatePubkeys(List<BlsPublicKey> publicKeys) {
    return aggregatePublicKeys(publicKeys);
  }

  /**
   * FastAggregateVerify: every key valid, their sum not infinity, and the signature verifies for
   * the sum. False for an empty key list.
   */
  public static boolean fastAggregateVerify(
      List<BlsPublicKey> publicKeys, Bytes message, BlsSignature signature) {
    P2_Affine sig = signature.pointOrNull();
    if (sig == null) {
      return false;
    }
    P1_Affine pk = aggregatedKeyOrNull(publicKeys);
    if (pk == null) {
      return false;
    }
    return coreVerify(pk, message.toArrayUnsafe(), sig, SIGNATURE_DST);
  }

  /**
   * Altair's {@code eth_fast_aggregate_verify}: true for no keys with the infinity signature,
   * otherwise {@link #fastAggregateVerify}.
   */
  public static boolean ethFastAggregateVerify(
      List<BlsPublicKey> publicKeys, Bytes message, BlsSignature signature) {
    if (publicKeys.isEmpty() && signature.isInfinity()) {
      return true;
    }
    return fastAggregateVerify(publicKeys, message, signature);
  }

  /**
   * AggregateVerify (PoP scheme, messages need not be distinct): {@code prod e(pk_i, H(m_i)) ==
   * e(G1, sig)}. False for empty or mismatched lists or any invalid key.
   */
  public static boolean aggregateVerify(
      List<BlsPublicKey> publicKeys, List<? extends Bytes> messages, BlsSignature signature) {
    int n = publicKeys.size();
    if (n == 0 || n != messages.size()) {
      return false;
    }
    P2_Affine sig = signature.pointOrNull();
    if (sig == null) {
      return false;
    }
    Pairing ctx = new Pairing(true, SIGNATURE_DST);
    for (int i = 0; i < n; i++) {
      P1_Affine pk = publicKeys.get(i).pointOrNull();
      if (pk == null
          || ctx.aggregate(pk, (P2_Affine) null, messages.get(i).toArrayUnsafe())
              != BLST_ERROR.BLST_SUCCESS) {
        return false;
      }
    }
    return finish(ctx, sig);
  }

  /** KeyValidate. */
  public static boolean keyValidate(BlsPublicKey publicKey) {
    return publicKey.isValid();
  }

  /** KeyValidate on raw bytes of any length (false unless exactly 48 bytes of a valid key). */
  public static boolean keyValidate(Bytes publicKey) {
    return publicKey.size() == BlsPublicKey.SIZE && BlsPublicKey.fromBytes(publicKey).isValid();
  }

  /** PopProve: a signature over the compressed public key under {@link #POP_DST}. */
  public static BlsSignature popProve(BlsSecretKey secretKey) {
    return signWithDst(secretKey, secretKey.publicKey().toBytes().toArrayUnsafe(), POP_DST);
  }

  /** PopVerify: KeyValidate(pk) and the proof verifies over the key's bytes under {@link #POP_DST}. */
  public static boolean popVerify(BlsPublicKey publicKey, BlsSignature proof) {
    P1_Affine pk = publicKey.pointOrNull();
    P2_Affine sig = proof.pointOrNull();
    if (pk == null || sig == null) {
      return false;
    }
    return coreVerify(pk, publicKey.toBytes().toArrayUnsafe(), sig, POP_DST);
  }

  /** Batch verification of (pk, message, signature) triples; see {@link BlsBatchVerifier}. */
  public static boolean batchVerify(
      List<BlsPublicKey> publicKeys, List<? extends Bytes> messages, List<BlsSignature> signatures) {
    int n = publicKeys.size();
    if (n != messages.size() || n != signatures.size()) {
      return false;
    }
    BlsBatchVerifier verifier = new BlsBatchVerifier();
    for (int i = 0; i < n; i++) {
      verifier.add(publicKeys.get(i), messages.get(i), signatures.get(i));
    }
    return verifier.verifyAll();
  }

  /**
   * hash_to_curve for G2 ({@code _XMD:SHA-256_SSWU_RO_}) with an explicit DST, as 192 uncompressed
   * bytes in the ZCash layout: {@code x.c1 || x.c0 || y.c1 || y.c0}, each 48 bytes big-endian (the
   * imaginary part first).
   */
  public static Bytes hashToG2Uncompressed(Bytes message, String dst) {
    P2 point = new P2().hash_to(message.toArrayUnsafe(), dst);
    return Bytes.wrap(point.to_affine().serialize());
  }

  // ---------------------------------------------------------------------------------------------

  private static BlsSignature signWithDst(BlsSecretKey secretKey, byte[] message, String dst) {
    P2 point = new P2().hash_to(message, dst);
    point.sign_with(secretKey.blst());
    return BlsSignature.fromPoint(point);
  }

  /**
   * The sum of the KeyValidated points of {@code publicKeys}, or null if the list is empty, a key is
   * invalid or the sum is the point at infinity.
   */
  static P1_Affine aggregatedKeyOrNull(List<BlsPublicKey> publicKeys) {
    int n = publicKeys.size();
    if (n == 0) {
      return null;
    }
    if (n == 1) {
      return publicKeys.get(0).pointOrNull();
    }
    P1 sum;
    int workers = ForkJoinPool.getCommonPoolParallelism() + 1;
    int slices = Math.min(workers, n / MIN_KEYS_PER_SLICE);
    if (n < PARALLEL_SUM_THRESHOLD || slices < 2) {
      sum = sumOrNull(publicKeys, 0, n);
    } else {
      List<P1> partial =
          IntStream.range(0, slices)
              .parallel()
              .mapToObj(s -> sumOrNull(publicKeys, sliceStart(n, s, slices), sliceStart(n, s + 1, slices)))
              .toList();
      sum = partial.get(0);
      for (int s = 1; s < slices && sum != null; s++) {
        P1 next = partial.get(s);
        sum = next == null ? null : sum.add(next);
      }
    }
    if (sum == null || sum.is_inf()) {
      return null;
    }
    return sum.to_affine();
  }

  static int sliceStart(int n, int slice, int slices) {
    return (int) ((long) n * slice / slices);
  }

  /** Sum of keys {@code [from, to)} (non-empty range), or null if one fails KeyValidate. */
  private static P1 sumOrNull(List<BlsPublicKey> publicKeys, int from, int to) {
    P1_Affine first = publicKeys.get(from).pointOrNull();
    if (first == null) {
      return null;
    }
    P1 sum = new P1(first);
    for (int i = from + 1; i < to; i++) {
      P1_Affine next = publicKeys.get(i).pointOrNull();
      if (next == null) {
        return null;
      }
      sum.add(next);
    }
    return sum;
  }

  /**
   * {@code e(pk, H(msg)) * e(-G1, sig) == 1} for already validated points, in one Miller loop over
   * both pairs and one final exponentiation. The points' validity checks are not repeated.
   */
  static boolean coreVerify(P1_Affine pk, byte[] message, P2_Affine sig, String dst) {
    Pairing ctx = new Pairing(true, dst);
    if (ctx.aggregate(pk, (P2_Affine) null, message) != BLST_ERROR.BLST_SUCCESS) {
      return false;
    }
    return finish(ctx, sig);
  }

  /** Adds the (sig, -G1) pair (none for the infinity signature), then the final check. */
  private static boolean finish(Pairing ctx, P2_Affine sig) {
    if (!sig.is_inf()) {
      ctx.raw_aggregate(sig, Blst.NEG_G1);
    }
    ctx.commit();
    return ctx.finalverify();
  }
}
