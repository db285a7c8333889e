package io.edvt.forkchoice.store;

import io.edvt.forkchoice.availability.DataAvailability;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.execution.ExecutionEngine;
import java.util.function.Supplier;

/**
 * What the store needs from outside the spec: how to check signatures (a fresh verifier per
 * block, so a batch can collect a block's signatures), the execution engine, data availability,
 * and from how many finalized-away nodes on the proto-array is pruned.
 *
 * @param blockSignatures a verifier per block ({@code state_transition})
 * @param attestationSignatures the verifier for {@code is_valid_indexed_attestation} of
 *     attestations and attester slashings
 * @param pruneThreshold prune once the finalized block's node index reaches this (0: at every
 *     finalization)
 */
public record ForkChoiceOptions(
    Supplier<SignatureVerifier> blockSignatures,
    SignatureVerifier attestationSignatures,
    ExecutionEngine executionEngine,
    DataAvailability dataAvailability,
    int pruneThreshold) {

  /** Real signatures (batched per block), the given engine and availability, pruning from 256 nodes. */
  public static ForkChoiceOptions verifying(ExecutionEngine engine, DataAvailability availability) {
    return new ForkChoiceOptions(SignatureVerifier.Batch::new, SignatureVerifier.SIMPLE, engine, availability, 256);
  }

  public ForkChoiceOptions withPruneThreshold(int threshold) {
    return new ForkChoiceOptions(blockSignatures, attestationSignatures, executionEngine, dataAvailability, threshold);
  }

  public ForkChoiceOptions withDataAvailability(DataAvailability availability) {
    return new ForkChoiceOptions(blockSignatures, attestationSignatures, executionEngine, availability, pruneThreshold);
  }
}
