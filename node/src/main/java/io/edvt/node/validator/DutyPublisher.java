package io.edvt.node.validator;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.operations.SingleAttestation;
import io.edvt.spec.datastructures.validator.SignedAggregateAndProof;
import io.edvt.spec.datastructures.validator.SignedContributionAndProof;
import io.edvt.spec.datastructures.validator.SyncCommitteeMessage;
import java.util.Set;

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

  /**
   * A sync committee contribution of a selected aggregator (the {@code sync_committee_contribution_and_proof}
   * topic). The default drops it: an implementation that publishes nothing of the sync committee's
   * need not care.
   */
  default void contribution(SignedContributionAndProof contribution) {}

  void block(SignedBeaconBlock block);

  /**
   * Held keys have sync committee seats in these subcommittees (= subnets) until {@code untilEpoch}
   * (exclusive): the node is to be on their topics until then.
   */
  default void syncSeats(Set<Integer> subnets, UInt64 untilEpoch) {}

  /**
   * An attester duty at {@code slot} on attestation {@code subnet}, told ahead of the slot;
   * {@code aggregator} when its selection proof selects it (then the node is to join the subnet).
   */
  default void subscribe(int subnet, UInt64 slot, boolean aggregator) {}
}
