package io.edvt.node.validator.chaos;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.validator.DutyPublisher;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.operations.SingleAttestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.validator.SignedAggregateAndProof;
import io.edvt.spec.datastructures.validator.SignedContributionAndProof;
import io.edvt.spec.datastructures.validator.SyncCommitteeMessage;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Testing only ({@code --Xchaos-equivocate}): the node's duty publisher with a double vote after
 * each attestation a held member key makes ({@link Equivocator#twin(SingleAttestation, BeaconState)}),
 * on the same subnet. Everything else passes through.
 */
public final class EquivocatingPublisher implements DutyPublisher {
  private final DutyPublisher inner;
  private final Equivocator equivocator;
  private final Supplier<BeaconState> head;

  /** @param head the head state (its fork gives the domain, its registry the member keys) */
  public EquivocatingPublisher(DutyPublisher inner, Equivocator equivocator, Supplier<BeaconState> head) {
    this.inner = inner;
    this.equivocator = equivocator;
    this.head = head;
  }

  @Override
  public void attestation(SingleAttestation attestation, int subnet) {
    inner.attestation(attestation, subnet);
    equivocator.twin(attestation, head.get()).ifPresent(twin -> inner.attestation(twin, subnet));
  }

  @Override
  public void aggregate(SignedAggregateAndProof aggregate) {
    inner.aggregate(aggregate);
  }

  @Override
  public void syncCommitteeMessage(SyncCommitteeMessage message, int subnet) {
    inner.syncCommitteeMessage(message, subnet);
  }

  @Override
  public void contribution(SignedContributionAndProof contribution) {
    inner.contribution(contribution);
  }

  @Override
  public void block(SignedBeaconBlock block) {
    inner.block(block);
  }

  @Override
  public void syncSeats(Set<Integer> subnets, UInt64 untilEpoch) {
    inner.syncSeats(subnets, untilEpoch);
  }

  @Override
  public void subscribe(int subnet, UInt64 slot, boolean aggregator) {
    inner.subscribe(subnet, slot, aggregator);
  }
}
