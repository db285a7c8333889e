package io.edvt.node.wiring;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.chain.AttestationIntake;
import io.edvt.node.network.GossipPublisher;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.SingleAttestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.validator.SignedAggregateAndProof;
import io.edvt.spec.edvt.MultiForkStateTransition;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Attestations a validator client submits through the Beacon API: each is checked by the rule a
 * block would apply to it ({@code process_attestation} with its signature, on the head state
 * advanced to the first slot that could include it), then given to the {@link AttestationIntake}
 * (pool and fork choice) and, with p2p, published on its gossip topic. The advanced state is kept
 * for the next submission of the same head and slot: a slot's attestations share it.
 *
 * <p>An aggregate's selection proof and outer signature are not checked here (the peers' gossip
 * validation does); its attestation is.
 */
final class OwnAttestations {
  private static final System.Logger LOG = System.getLogger(OwnAttestations.class.getName());

  private final SpecVersions versions;
  private final MultiForkStateTransition transition;
  private final AttestationIntake intake;
  private final Optional<GossipPublisher> gossip;
  private final Supplier<BeaconState> headState;
  private volatile Advanced advanced;

  private record Advanced(BeaconState from, UInt64 slot, BeaconState state) {}

  OwnAttestations(SpecVersions versions, AttestationIntake intake, Optional<GossipPublisher> gossip,
      Supplier<BeaconState> headState) {
    this.versions = versions;
    this.transition = new MultiForkStateTransition(versions);
    this.intake = intake;
    this.gossip = gossip;
    this.headState = headState;
  }

  /** A single attestation: checked, pooled, published on its subnet; the refusal's reason or empty. */
  Optional<String> submit(SingleAttestation single) {
    BeaconState head = headState.get();
    Optional<Attestation> attestation;
    try {
      attestation = intake.toAttestation(single, head);
    } catch (RuntimeException e) {
      return Optional.of("cannot place the attestation in a committee: " + e.getMessage());
    }
    if (attestation.isEmpty()) {
      return Optional.of("committee " + single.committeeIndex() + " at slot " + single.data().slot()
          + " does not exist or does not hold attester_index " + single.attesterIndex());
    }
    Optional<String> refused = check(head, attestation.get());
    if (refused.isPresent()) {
      return refused;
    }
    intake.onAttestation(attestation.get());
    int subnet = subnet(advanced.state(), single);
    gossip.ifPresent(g -> g.publishAttestation(single, subnet).whenComplete((r, e) -> {
      if (e != null) {
        LOG.log(System.Logger.Level.DEBUG, "publishing an API attestation failed: {0}", e);
      }
    }));
    return Optional.empty();
  }

  /** An aggregate: its attestation checked, pooled, the aggregate published; the refusal's reason or empty. */
  Optional<String> submit(SignedAggregateAndProof aggregate) {
    Attestation attestation = aggregate.message().aggregate();
    Optional<String> refused = check(headState.get(), attestation);
    if (refused.isPresent()) {
      return refused;
    }
    intake.onAttestation(attestation);
    gossip.ifPresent(g -> g.publishAggregate(aggregate).whenComplete((r, e) -> {
      if (e != null) {
        LOG.log(System.Logger.Level.DEBUG, "publishing an API aggregate failed: {0}", e);
      }
    }));
    return Optional.empty();
  }

  /** {@code process_attestation} with signatures on a copy of the head state at the attestation's slot + 1. */
  private Optional<String> check(BeaconState head, Attestation attestation) {
    UInt64 slot = attestation.data().slot().plus(1);
    Advanced a = advanced;
    if (a == null || a.from() != head || !a.slot().equals(slot)) {
      BeaconState state = head.slot().isLessThan(slot) ? transition.processSlots(head, slot) : head;
      a = new Advanced(head, slot, state);
      advanced = a;
    }
    SpecFulu spec = versions.forState(a.state());
    try {
      spec.blockProcessor().processAttestation(new MutableBeaconState(a.state()), attestation, SignatureVerifier.SIMPLE);
      return Optional.empty();
    } catch (StateTransitionException | IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** {@code compute_subnet_for_attestation}, from {@code state} (the checked one: at the attestation's slot + 1). */
  private int subnet(BeaconState state, SingleAttestation single) {
    SpecFulu spec = versions.forSlot(single.data().slot());
    UInt64 epoch = spec.misc().computeEpochAtSlot(single.data().slot());
    UInt64 start = spec.misc().computeStartSlotAtEpoch(epoch);
    long committees = spec.accessors().getCommitteeCountPerSlot(new MutableBeaconState(state), epoch);
    long sinceStart = single.data().slot().longValue() - start.longValue();
    return (int) ((committees * sinceStart + single.committeeIndex().longValue()) % spec.config().attestationSubnetCount());
  }
}
