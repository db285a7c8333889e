package io.edvt.node.validator;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.operations.SingleAttestation;
import io.edvt.spec.datastructures.validator.SignedAggregateAndProof;
import io.edvt.spec.datastructures.validator.SyncCommitteeMessage;

/**
 * Where signed duties go: the network wiring implements it (gossip on the right subnet, the local
 * pools, the block importer); tests record. Called from the duty threads; implementations must not
 * block for long.
 */
public interface DutyPublisher {
  /** A single attestation for attestation subnet {@code subnet} ({@code compute_subnet_for_attestation}). */
  void attestation(SingleAttestation attestation, int subnet);

  void aggregate(SignedAggregateAndProof aggregate);

  void syncCommitteeMessage(SyncCommitteeMessage message, int subnet);

  void block(SignedBeaconBlock block);

  /** Subnets to join for attester duties in {@code slot} (ahead of the duty). */
  default void subscribe(int subnet, UInt64 slot, boolean aggregator) {}
}
