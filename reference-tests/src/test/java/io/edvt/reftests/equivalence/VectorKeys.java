package io.edvt.reftests.equivalence;

import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.testing.ValidatorKeys;
import java.math.BigInteger;

/**
 * The secret keys of the consensus-spec-tests vectors: the pyspec test keys, secret key
 * {@code i + 1} for validator {@code i} of the generated states (deposits add validators with later
 * keys of the same list, 32 * 256 in all). Derived as needed, kept for later cases.
 */
final class VectorKeys {
  private static final int COUNT = 32 * 256;
  private final ValidatorKeys keys = new ValidatorKeys();
  private int derived;

  /** Keys for every validator of {@code state} (a validator whose key is none of the list has none). */
  synchronized ValidatorKeys covering(BeaconState state) {
    int validators = state.validators().size();
    deriveUpTo(Math.min(COUNT, validators));
    for (Validator v : state.validators()) {
      while (keys.find(v.pubkey()).isEmpty() && derived < COUNT) {
        deriveUpTo(Math.min(COUNT, derived + 64));
      }
    }
    return keys;
  }

  private void deriveUpTo(int count) {
    while (derived < count) {
      keys.add(BlsSecretKey.fromBigInteger(BigInteger.valueOf(derived + 1L)));
      derived++;
    }
  }
}
