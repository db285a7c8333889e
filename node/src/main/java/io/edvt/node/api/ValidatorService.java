package io.edvt.node.api;

import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.validator.SignedAggregateAndProof;
import io.edvt.spec.datastructures.validator.SignedContributionAndProof;
import io.edvt.spec.datastructures.validator.SyncCommitteeContribution;
import io.edvt.spec.datastructures.validator.SyncCommitteeMessage;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * What the {@code /eth/v*}{@code /validator/*} endpoints ask of the node, for a separate validator
 * client: duties, attestation data and blocks to sign, and where the signed results go. The wiring
 * implements it over the node's own duty calculation, block production and import; a request the
 * node cannot serve for a reason the client caused throws an {@link ApiException} (400) naming it.
 */
public interface ValidatorService {
  /** The attester duties of {@code indices} in {@code epoch}, with the root they depend on. */
  Duties<AttesterDuty> attesterDuties(UInt64 epoch, List<UInt64> indices);

  /**
   * EDVT: the attester duties of signing keys in {@code epoch}, found from the state
   * ({@code get_member_assignments}): a group member key's by its virtual index over the expanded
   * committees, a plain validator's own key's by its validator index; keys without a role have none.
   */
  Duties<AttesterDuty> attesterDutiesOfKeys(UInt64 epoch, List<Bytes48> pubkeys);

  /** EDVT: the sync committee seats of signing keys (member keys or validators' own keys) in {@code epoch}. */
  Duties<SyncDuty> syncDutiesOfKeys(UInt64 epoch, List<Bytes48> pubkeys);

  /** Every proposer of {@code epoch}, with the root they depend on. */
  Duties<ProposerDuty> proposerDuties(UInt64 epoch);

  /** The attestation data for {@code slot} on the current head; {@code committeeIndex} must exist at the slot. */
  AttestationData attestationData(UInt64 slot, UInt64 committeeIndex);

  /** An unsigned block for {@code slot} on the head, or empty with why (the engine did not answer, ...). */
  Produced produceBlock(UInt64 slot, Bytes randaoReveal, Optional<Bytes32> graffiti);

  /** Imports and gossips {@code block}; empty when imported, else why not. */
  Optional<String> publishBlock(SignedBeaconBlock block);

  /**
   * As {@link #publishBlock(SignedBeaconBlock)}, with the blobs and cell proofs of the block's
   * commitments ({@code SignedBlockContents}), from which its data column sidecars are built.
   */
  default Optional<String> publishBlock(SignedBeaconBlock block, List<Bytes> blobs, List<Bytes48> kzgProofs) {
    return blobs.isEmpty() && kzgProofs.isEmpty() ? publishBlock(block) : Optional.of("this node takes no blobs");
  }

  /** The pooled aggregate with the most signers for {@code dataRoot} in committee {@code committeeIndex}. */
  Optional<Attestation> aggregate(Bytes32 dataRoot, UInt64 slot, UInt64 committeeIndex);

  /** Checks, pools and gossips an aggregate; the refusal's reason, or empty when accepted. */
  Optional<String> publishAggregate(SignedAggregateAndProof aggregate);

  /** The sync committee seats of {@code indices} in {@code epoch} (of the committee that signs in that epoch). */
  Duties<SyncDuty> syncDuties(UInt64 epoch, List<UInt64> indices);

  /** Checks a sync committee message as gossip would, pools and gossips it; the refusal's reason, or empty when accepted. */
  Optional<String> publishSyncCommitteeMessage(SyncCommitteeMessage message);

  /** The pooled contribution with the most seats for {@code subcommitteeIndex} at {@code slot} over {@code blockRoot}. */
  Optional<SyncCommitteeContribution> syncContribution(UInt64 slot, UInt64 subcommitteeIndex, Bytes32 blockRoot);

  /** Checks a signed contribution as gossip would, pools and gossips it; the refusal's reason, or empty when accepted. */
  Optional<String> publishContribution(SignedContributionAndProof contribution);

  /** Sync committee seats ahead: their subnets to be joined until {@code untilEpoch}. */
  void subscribeSync(List<SyncSubscription> subscriptions);

  /** Attester duties ahead: the subnet of each to be joined until its slot. */
  void subscribe(List<Subscription> subscriptions);

  /** The fee recipient blocks proposed by {@code validatorIndex} pay. */
  void prepareProposer(UInt64 validatorIndex, Bytes feeRecipient);

  /** Whether each of {@code indices} was seen attesting in {@code epoch} (the current or the previous one). */
  List<Boolean> liveness(UInt64 epoch, List<UInt64> indices);

  /** Duties with {@code dependent_root} and {@code execution_optimistic}. */
  record Duties<T>(Bytes32 dependentRoot, boolean executionOptimistic, List<T> duties) {}

  /**
   * An attester duty of key {@code pubkey}, which signs as {@code virtualIndex} (EDVT's
   * {@code VirtualIndex}: the validator index for a validator without a group); the committee
   * counts signers (EDVT's expanded committee).
   */
  record AttesterDuty(Bytes48 pubkey, long virtualIndex, int committeeIndex, int committeeLength, int committeesAtSlot,
      int validatorCommitteeIndex, UInt64 slot) {
    /** The registry's validator the key signs for ({@code get_validator_index_of}). */
    public long validatorIndex() {
      return VirtualIndex.validatorIndexOf(virtualIndex);
    }

    /** The key's member index in the validator's key set (0 for a validator without a group). */
    public int memberIndex() {
      return (int) VirtualIndex.memberIndexOf(virtualIndex);
    }
  }

  record ProposerDuty(Bytes48 pubkey, long validatorIndex, UInt64 slot) {}

  /** A key's seats ({@code validator_sync_committee_indices}) in the sync committee; its messages carry {@code virtualIndex}. */
  record SyncDuty(Bytes48 pubkey, long virtualIndex, List<Integer> committeeIndices) {
    public long validatorIndex() {
      return VirtualIndex.validatorIndexOf(virtualIndex);
    }

    public int memberIndex() {
      return (int) VirtualIndex.memberIndexOf(virtualIndex);
    }
  }

  record SyncSubscription(UInt64 validatorIndex, List<UInt64> committeeIndices, UInt64 untilEpoch) {}

  record Subscription(UInt64 validatorIndex, UInt64 committeeIndex, UInt64 committeesAtSlot, UInt64 slot, boolean aggregator) {}

  /**
   * A produced block, or why there is none; with its blobs and their cell proofs (blob by blob,
   * {@code CELLS_PER_EXT_BLOB} each) when it commits to some.
   */
  record Produced(Optional<BeaconBlock> block, String failure, boolean executionOptimistic, List<Bytes> blobs,
      List<Bytes48> kzgProofs) {
    public Produced {
      blobs = List.copyOf(blobs);
      kzgProofs = List.copyOf(kzgProofs);
    }

    public Produced(Optional<BeaconBlock> block, String failure, boolean executionOptimistic) {
      this(block, failure, executionOptimistic, List.of(), List.of());
    }
  }
}
