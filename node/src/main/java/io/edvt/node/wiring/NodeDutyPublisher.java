package io.edvt.node.wiring;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.chain.AttestationIntake;
import io.edvt.node.chain.ImportResult;
import io.edvt.node.chain.SyncCommitteeIntake;
import io.edvt.node.network.GossipPublisher;
import io.edvt.node.network.NodeNetwork;
import io.edvt.node.validator.DutyPublisher;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.operations.SingleAttestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.validator.SignedAggregateAndProof;
import io.edvt.spec.datastructures.validator.SignedContributionAndProof;
import io.edvt.spec.datastructures.validator.SyncCommitteeMessage;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Where our validators' signed messages go. A block: {@link BlockPublication} (its sidecars
 * stored, imported, gossiped with p2p if imported); one log line each. A
 * single attestation: into our own {@link AttestationIntake} (pool and fork choice: gossip does not
 * hand a node its own messages back) and, with p2p, onto its subnet. An aggregate: onto gossip (its
 * content is in our pool already). A sync committee message: into our own
 * {@link SyncCommitteeIntake} and onto its subnet; a contribution onto gossip (made from our pool).
 * Attester duties and sync committee seats go to the {@link NodeNetwork}, which joins the subnets
 * of aggregators and seats ({@link io.edvt.node.network.SubnetSubscriptions}).
 */
final class NodeDutyPublisher implements DutyPublisher {
  private static final System.Logger LOG = System.getLogger(NodeDutyPublisher.class.getName());

  private final AttestationIntake intake;
  private final Optional<GossipPublisher> gossip;
  private final Supplier<BeaconState> headState;
  private final SyncCommitteeIntake syncCommittee;
  private final Optional<NodeNetwork> network;
  private final BlockPublication blocks;

  NodeDutyPublisher(AttestationIntake intake, SyncCommitteeIntake syncCommittee, Optional<NodeNetwork> network,
      Supplier<BeaconState> headState, BlockPublication blocks) {
    this.blocks = blocks;
    this.intake = intake;
    this.syncCommittee = syncCommittee;
    this.network = network;
    this.gossip = network.map(NodeNetwork::publisher);
    this.headState = headState;
  }

  @Override
  public void attestation(SingleAttestation attestation, int subnet) {
    if (intake.onSingleAttestation(attestation, headState.get()).isEmpty()) {
      LOG.log(System.Logger.Level.WARNING, "Our attestation of slot {0} by {1} is not in its committee on the head state",
          attestation.data().slot(), attestation.attesterIndex());
    }
    gossip.ifPresent(g -> g.publishAttestation(attestation, subnet).whenComplete((r, e) -> {
      if (e != null) {
        LOG.log(System.Logger.Level.DEBUG, "publishing an attestation on subnet {0} failed: {1}", subnet, e);
      }
    }));
  }

  @Override
  public void aggregate(SignedAggregateAndProof aggregate) {
    gossip.ifPresent(g -> g.publishAggregate(aggregate).whenComplete((r, e) -> {
      if (e != null) {
        LOG.log(System.Logger.Level.DEBUG, "publishing an aggregate failed: {0}", e);
      }
    }));
  }

  @Override
  public void syncCommitteeMessage(SyncCommitteeMessage message, int subnet) {
    if (!syncCommittee.onMessage(message, subnet, headState.get())) {
      LOG.log(System.Logger.Level.DEBUG, "Our sync committee message of slot {0} by {1} added nothing to the pool on subnet {2}",
          message.slot(), message.validatorIndex(), subnet);
    }
    gossip.ifPresent(g -> g.publishSyncCommitteeMessage(message, subnet).whenComplete((r, e) -> {
      if (e != null) {
        LOG.log(System.Logger.Level.DEBUG, "publishing a sync committee message on subnet {0} failed: {1}", subnet, e);
      }
    }));
  }

  @Override
  public void contribution(SignedContributionAndProof contribution) {
    gossip.ifPresent(g -> g.publishContribution(contribution).whenComplete((r, e) -> {
      if (e != null) {
        LOG.log(System.Logger.Level.DEBUG, "publishing a sync committee contribution failed: {0}", e);
      }
    }));
  }

  @Override
  public void syncSeats(Set<Integer> subnets, UInt64 untilEpoch) {
    network.ifPresent(n -> n.syncSeats(subnets, untilEpoch.longValue()));
  }

  @Override
  public void subscribe(int subnet, UInt64 slot, boolean aggregator) {
    network.ifPresent(n -> n.attesterDuty(subnet, slot.longValue(), aggregator));
  }

  @Override
  public void block(SignedBeaconBlock block) {
    CompletableFuture<ImportResult> result = blocks.publish(block);
    result.whenComplete((r, e) -> {
      var message = block.message();
      if (e != null || !(r instanceof ImportResult.Imported)) {
        LOG.log(System.Logger.Level.WARNING, "Proposed block slot {0} root {1} was not imported: {2}", message.slot(),
            message.hashTreeRoot(), e != null ? e : r);
      } else {
        LOG.log(System.Logger.Level.INFO, "Proposed block slot {0} root {1} proposer {2} atts {3} exits {4}", message.slot(),
            message.hashTreeRoot(), message.proposerIndex(), message.body().attestations().size(),
            message.body().voluntaryExits().size());
      }
    });
  }
}
