package io.edvt.spec.logic.common;

import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsBatchVerifier;
import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.crypto.bls.BlsSignature;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;

/**
 * How the state transition checks signatures. {@link #SIMPLE} verifies each at once;
 * {@link #NONE} skips them (reference tests with {@code bls_setting: 2}); a {@link Batch}
 * accepts each signature provisionally and verifies them all together at the end of a block,
 * with one random-linear-combination check.
 */
public interface SignatureVerifier {

  /** {@code FastAggregateVerify(publicKeys, signingRoot, signature)} (a single key is the plain case). */
  boolean verify(List<BlsPublicKey> publicKeys, Bytes signingRoot, Bytes signature);

  default boolean verify(BlsPublicKey publicKey, Bytes signingRoot, Bytes signature) {
    return verify(List.of(publicKey), signingRoot, signature);
  }

  SignatureVerifier SIMPLE = (keys, root, sig) -> {
    BlsSignature s = BlsSignature.fromBytes(sig);
    return keys.size() == 1 ? Bls.verify(keys.get(0), root, s) : Bls.fastAggregateVerify(keys, root, s);
  };

  SignatureVerifier NONE = (keys, root, sig) -> true;

  /** Collects signatures; {@link #verifyAll()} checks them together. */
  final class Batch implements SignatureVerifier {
    private final BlsBatchVerifier batch = new BlsBatchVerifier();
    private boolean malformed;

    @Override
    public boolean verify(List<BlsPublicKey> publicKeys, Bytes signingRoot, Bytes signature) {
      if (publicKeys.isEmpty()) {
        return false;
      }
      BlsSignature s = BlsSignature.fromBytes(signature);
      if (!s.isValid() || publicKeys.stream().anyMatch(k -> !k.isValid())) {
        malformed = true;
        return false;
      }
      batch.add(publicKeys, signingRoot, s);
      return true;
    }

    /** Whether every signature collected so far is valid. */
    public boolean verifyAll() {
      return !malformed && batch.verifyAll();
    }

    public int size() {
      return batch.size();
    }
  }
}
