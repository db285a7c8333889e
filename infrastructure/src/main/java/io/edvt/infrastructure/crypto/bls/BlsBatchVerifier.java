package io.edvt.infrastructure.crypto.bls;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.apache.tuweni.bytes.Bytes;
import supranational.blst.BLST_ERROR;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;
import supranational.blst.Pairing;

/**
 * Collects (public keys, message, signature) triples and verifies them together with a random
 * linear combination: with fresh non-zero 64-bit scalars {@code r_i} from a CSPRNG it checks
 *
 * <pre>  prod_i e(r_i * pk_i, H(m_i)) == e(G1, sum_i r_i * sig_i)</pre>
 *
 * <p>which costs one Miller loop per triple plus a single final exponentiation. A triple may hold
 * several public keys; they are summed first (FastAggregateVerify). If the combined check fails,
 * {@link #verify()} re-verifies each triple on its own to name the invalid ones.
 *
 * <p>{@link #add} may be called from several threads; verification does not modify the collected
 * triples and may be repeated. Large batches are split across the common fork-join pool (each part
 * builds its own pairing context, and the parts are merged), unless the verifier was created with
 * {@link #singleThreaded()}.
 */
public final class BlsBatchVerifier {
  /** Below this many triples per part, splitting costs more than it saves. */
  private static final int MIN_TRIPLES_PER_PART = 4;

  private record Triple(List<BlsPublicKey> publicKeys, Bytes message, BlsSignature signature) {}

  /**
   * Outcome of {@link #verify()}: the indices (in order of {@link #add}) of the triples that fail
   * verification on their own; empty when the whole batch is valid.
   */
  public record Result(int size, List<Integer> invalidIndices) {
    public Result {
      invalidIndices = List.copyOf(invalidIndices);
    }

    public boolean isValid() {
      return invalidIndices.isEmpty();
    }
  }

  private final boolean parallel;
  private final List<Triple> triples = new ArrayList<>();

  /** A verifier that may use the common fork-join pool for large batches. */
  public BlsBatchVerifier() {
    this(true);
  }

  private BlsBatchVerifier(boolean parallel) {
    this.parallel = parallel;
  }

  /** A verifier that does all its work on the calling thread. */
  public static BlsBatchVerifier singleThreaded() {
    return new BlsBatchVerifier(false);
  }

  /** Adds a single-signer triple; returns its index. */
  public int add(BlsPublicKey publicKey, Bytes message, BlsSignature signature) {
    return add(List.of(publicKey), message, signature);
  }

  /**
   * Adds a triple whose signature is over {@code message} by all of {@code publicKeys} (a fast
   * aggregate); returns its index. An empty key list makes the triple invalid.
   */
  public synchronized int add(List<BlsPublicKey> publicKeys, Bytes message, BlsSignature signature) {
    triples.add(new Triple(List.copyOf(publicKeys), message.copy(), signature));
    return triples.size() - 1;
  }

  public synchronized int size() {
    return triples.size();
  }

  private synchronized List<Triple> snapshot() {
    return List.copyOf(triples);
  }

  /**
   * Only the combined check: true iff every triple is valid (except with probability about
   * 2^-64 per call for a forged batch). True for an empty batch.
   */
  public boolean verifyAll() {
    return combinedCheck(snapshot());
  }

  /**
   * The combined check, and if it fails, every triple individually so that the result names the
   * invalid ones.
   */
  public Result verify() {
    List<Triple> batch = snapshot();
    if (combinedCheck(batch)) {
      return new Result(batch.size(), List.of());
    }
    IntStream indices = IntStream.range(0, batch.size());
    if (parallel && batch.size() > 1) {
      indices = indices.parallel();
    }
    List<Integer> invalid = indices.filter(i -> !verifyAlone(batch.get(i))).boxed().toList();
    return new Result(batch.size(), invalid);
  }

  private static boolean verifyAlone(Triple t) {
    return Bls.fastAggregateVerify(t.publicKeys(), t.message(), t.signature());
  }

  private boolean combinedCheck(List<Triple> batch) {
    int n = batch.size();
    if (n == 0) {
      return true;
    }
    if (n == 1) {
      return verifyAlone(batch.get(0));
    }
    int parts = 1;
    if (parallel) {
      int workers = ForkJoinPool.getCommonPoolParallelism() + 1;
      parts = Math.max(1, Math.min(workers, n / MIN_TRIPLES_PER_PART));
    }
    if (parts == 1) {
      Partial only = accumulate(batch, 0, n);
      return only != null && finish(only.context(), only.signatureSum());
    }
    int count = parts;
    List<Partial> partials =
        IntStream.range(0, count)
            .parallel()
            .mapToObj(p -> accumulate(batch, Bls.sliceStart(n, p, count), Bls.sliceStart(n, p + 1, count)))
            .toList();
    Partial first = partials.get(0);
    if (first == null) {
      return false;
    }
    Pairing context = first.context();
    P2 signatureSum = first.signatureSum();
    for (int p = 1; p < partials.size(); p++) {
      Partial next = partials.get(p);
      if (next == null || context.merge(next.context()) != BLST_ERROR.BLST_SUCCESS) {
        return false;
      }
      if (next.signatureSum() != null) {
        if (signatureSum == null) {
          signatureSum = next.signatureSum();
        } else {
          signatureSum.add(next.signatureSum());
        }
      }
    }
    return finish(context, signatureSum);
  }

  /** A committed pairing context over a slice, and the slice's sum of scaled signatures. */
  private record Partial(Pairing context, P2 signatureSum) {}

  /**
   * Adds {@code e(r_i * pk_i, H(m_i))} of triples {@code [from, to)} to a new context and sums
   * {@code r_i * sig_i}. Null if any triple is structurally invalid (bad key, bad signature, no
   * keys, keys summing to infinity), which already decides the batch.
   */
  private static Partial accumulate(List<Triple> batch, int from, int to) {
    Pairing context = new Pairing(true, Bls.SIGNATURE_DST);
    P2 signatureSum = null;
    for (int i = from; i < to; i++) {
      Triple t = batch.get(i);
      P2_Affine signature = t.signature().pointOrNull();
      if (signature == null) {
        return null;
      }
      P1_Affine publicKey = Bls.aggregatedKeyOrNull(t.publicKeys());
      if (publicKey == null) {
        return null;
      }
      BigInteger r = Blst.randomNonZeroScalar64();
      // Scales the public key by r inside blst; the signature side is summed here so that the
      // already-done subgroup check of the signature is not repeated.
      if (context.mul_n_aggregate(publicKey, (P2_Affine) null, r, t.message().toArrayUnsafe())
          != BLST_ERROR.BLST_SUCCESS) {
        return null;
      }
      if (!signature.is_inf()) {
        P2 scaled = new P2(signature).mult(r);
        if (signatureSum == null) {
          signatureSum = scaled;
        } else {
          signatureSum.add(scaled);
        }
      }
    }
    context.commit();
    return new Partial(context, signatureSum);
  }

  private static boolean finish(Pairing context, P2 signatureSum) {
    if (signatureSum != null && !signatureSum.is_inf()) {
      context.raw_aggregate(signatureSum.to_affine(), Blst.NEG_G1);
    }
    context.commit();
    return context.finalverify();
  }
}
