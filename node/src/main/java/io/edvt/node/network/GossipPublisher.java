package io.edvt.node.network;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.ForkDigests;
import io.edvt.networking.eth2.topics.GossipTopics;
import io.edvt.networking.eth2.validation.SeenCaches;
import io.edvt.networking.gossip.Gossip;
import io.edvt.networking.gossip.PublishResult;
import io.edvt.node.chain.BlockImporter;
import io.edvt.node.chain.BlockSource;
import io.edvt.node.chain.ImportResult;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.operations.ProposerSlashing;
import io.edvt.spec.datastructures.operations.SignedBLSToExecutionChange;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import io.edvt.spec.datastructures.operations.SingleAttestation;
import io.edvt.spec.datastructures.validator.SignedAggregateAndProof;
import io.edvt.spec.datastructures.validator.SignedContributionAndProof;
import io.edvt.spec.datastructures.validator.SyncCommitteeMessage;
import io.edvt.spec.edvt.datastructures.blocks.BeaconBlockBodyEdvt;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupRegistration;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockProposal;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockSignoff;
import io.edvt.spec.edvt.datastructures.validator.GroupExitSignature;
import io.edvt.spec.edvt.datastructures.validator.GroupKeyChangeSignature;
import java.util.concurrent.CompletableFuture;

/**
 * What the node itself sends on gossip (the validator client's blocks, attestations and sync
 * committee messages): each
 * message on the topic of the fork of its slot. A block is imported first and published only if
 * the import took it (our own invalid block must not reach peers).
 */
public final class GossipPublisher {
  private final Gossip gossip;
  private final ForkDigests digests;
  private final BlockImporter importer;
  private final SeenCaches seen;

  public GossipPublisher(Gossip gossip, ForkDigests digests, BlockImporter importer, SeenCaches seen) {
    this.gossip = gossip;
    this.digests = digests;
    this.importer = importer;
    this.seen = seen;
  }

  /**
   * Publishes our own group proposal on {@code group_block_proposal}. Gossip does not hand it back
   * to us, so it is first recorded as seen, as validation would: the members' sign-offs for it then
   * pass our own validation ({@code validate_group_block_signoff_gossip} needs the proposal).
   */
  public CompletableFuture<PublishResult> publishGroupProposal(GroupBlockProposal proposal) {
    BeaconBlock block = proposal.block();
    long leader = ((BeaconBlockBodyEdvt) block.body()).randaoMemberIndex().longValue();
    SeenCaches.mark(seen.groupBlockProposalLeaders, new SeenCaches.Triple(block.slot().longValue(),
        block.proposerIndex().longValue(), leader));
    seen.groupBlockProposals.put(block.hashTreeRoot(), proposal);
    return publish(block.slot(), GossipTopics.GROUP_BLOCK_PROPOSAL, proposal.serialize());
  }

  /** Publishes our own sign-off on {@code group_block_signoff} (marked seen for its member and slot). */
  public CompletableFuture<PublishResult> publishGroupSignoff(GroupBlockSignoff signoff) {
    GroupBlockProposal proposal = seen.groupBlockProposals.get(signoff.blockRoot());
    if (proposal == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("sign-off for a proposal never seen: " + signoff.blockRoot()));
    }
    BeaconBlock block = proposal.block();
    SeenCaches.mark(seen.groupBlockSignoffMembers, new SeenCaches.Triple(block.slot().longValue(),
        block.proposerIndex().longValue(), signoff.memberIndex().longValue()));
    return publish(block.slot(), GossipTopics.GROUP_BLOCK_SIGNOFF, signoff.serialize());
  }

  /** Publishes a member's exit signature on {@code group_exit_signature}, under the fork of {@code slot}. */
  public CompletableFuture<PublishResult> publishGroupExitSignature(GroupExitSignature signature, UInt64 slot) {
    return publish(slot, GossipTopics.GROUP_EXIT_SIGNATURE, signature.serialize());
  }

  /** Publishes a member's key change signature on {@code group_key_change_signature}, under the fork of {@code slot}. */
  public CompletableFuture<PublishResult> publishGroupKeyChangeSignature(GroupKeyChangeSignature signature, UInt64 slot) {
    return publish(slot, GossipTopics.GROUP_KEY_CHANGE_SIGNATURE, signature.serialize());
  }

  /** Publishes an assembled key change on {@code group_key_change}, under the fork of {@code slot}. */
  public CompletableFuture<PublishResult> publishGroupKeyChange(SignedGroupKeyChange change, UInt64 slot) {
    return publish(slot, GossipTopics.GROUP_KEY_CHANGE, change.serialize());
  }

  /** Publishes a group registration on {@code group_registration}, under the fork of {@code slot}. */
  public CompletableFuture<PublishResult> publishGroupRegistration(SignedGroupRegistration registration, UInt64 slot) {
    return publish(slot, GossipTopics.GROUP_REGISTRATION, registration.serialize());
  }

  /** Publishes a signed voluntary exit on {@code voluntary_exit}, under the fork of {@code slot}. */
  public CompletableFuture<PublishResult> publishVoluntaryExit(SignedVoluntaryExit exit, UInt64 slot) {
    return publish(slot, GossipTopics.VOLUNTARY_EXIT, exit.serialize());
  }

  /** Publishes a proposer slashing on {@code proposer_slashing}, under the fork of {@code slot}. */
  public CompletableFuture<PublishResult> publishProposerSlashing(ProposerSlashing slashing, UInt64 slot) {
    return publish(slot, GossipTopics.PROPOSER_SLASHING, slashing.serialize());
  }

  /** Publishes an attester slashing on {@code attester_slashing}, under the fork of {@code slot}. */
  public CompletableFuture<PublishResult> publishAttesterSlashing(AttesterSlashing slashing, UInt64 slot) {
    return publish(slot, GossipTopics.ATTESTER_SLASHING, slashing.serialize());
  }

  /** Publishes a BLS-to-execution change on {@code bls_to_execution_change}, under the fork of {@code slot}. */
  public CompletableFuture<PublishResult> publishBlsToExecutionChange(SignedBLSToExecutionChange change, UInt64 slot) {
    return publish(slot, GossipTopics.BLS_TO_EXECUTION_CHANGE, change.serialize());
  }

  /** Imports {@code block}, then publishes it if it was imported (or was already); completes with the import result. */
  public CompletableFuture<ImportResult> publishBlock(SignedBeaconBlock block) {
    return importer.importBlock(block, BlockSource.API).thenCompose(result -> switch (result) {
      case ImportResult.Imported i -> publish(block.message().slot(), GossipTopics.BEACON_BLOCK, block.serialize())
          .thenApply(p -> result);
      case ImportResult.AlreadyKnown k -> publish(block.message().slot(), GossipTopics.BEACON_BLOCK, block.serialize())
          .thenApply(p -> result);
      default -> CompletableFuture.completedFuture(result);
    });
  }

  /**
   * Publishes one of our blocks' data column sidecars on {@code data_column_sidecar_{subnet}},
   * marked seen for its proposer, slot and index as validation would.
   */
  public CompletableFuture<PublishResult> publishDataColumnSidecar(DataColumnSidecar sidecar, int subnet) {
    BeaconBlockHeader header = sidecar.signedBlockHeader().message();
    SeenCaches.mark(seen.dataColumnSidecarTuples, new SeenCaches.Triple(header.slot().longValue(),
        header.proposerIndex().longValue(), sidecar.index().longValue()));
    return publish(header.slot(), GossipTopics.DATA_COLUMN_SIDECAR_PREFIX + subnet, sidecar.serialize());
  }

  /** Publishes an attestation on {@code beacon_attestation_{subnet}}. */
  public CompletableFuture<PublishResult> publishAttestation(SingleAttestation attestation, int subnet) {
    return publish(attestation.data().slot(), GossipTopics.BEACON_ATTESTATION_PREFIX + subnet, attestation.serialize());
  }

  /** Publishes an aggregate on {@code beacon_aggregate_and_proof}. */
  public CompletableFuture<PublishResult> publishAggregate(SignedAggregateAndProof aggregate) {
    return publish(aggregate.message().aggregate().data().slot(), GossipTopics.BEACON_AGGREGATE_AND_PROOF,
        aggregate.serialize());
  }

  /** Publishes a sync committee message on {@code sync_committee_{subnet}}. */
  public CompletableFuture<PublishResult> publishSyncCommitteeMessage(SyncCommitteeMessage message, int subnet) {
    return publish(message.slot(), GossipTopics.SYNC_COMMITTEE_PREFIX + subnet, message.serialize());
  }

  /** Publishes a contribution on {@code sync_committee_contribution_and_proof}. */
  public CompletableFuture<PublishResult> publishContribution(SignedContributionAndProof contribution) {
    return publish(contribution.message().contribution().slot(), GossipTopics.SYNC_COMMITTEE_CONTRIBUTION_AND_PROOF,
        contribution.serialize());
  }

  private CompletableFuture<PublishResult> publish(UInt64 slot, String name, byte[] ssz) {
    String topic = GossipTopics.topic(digests.digestAtSlot(slot), name);
    return gossip.publish(topic, GossipPayloads.compress(ssz));
  }
}
