package io.edvt.node.wiring;

import io.edvt.node.api.OperationPool;
import io.edvt.node.api.OperationPools;
import io.edvt.node.api.SubmitResult;
import io.edvt.node.chain.AttestationPool;
import io.edvt.node.network.GossipPublisher;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.operations.ProposerSlashing;
import io.edvt.spec.datastructures.operations.SignedBLSToExecutionChange;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import io.edvt.spec.datastructures.operations.SingleAttestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupRegistration;
import io.edvt.spec.edvt.datastructures.validator.GroupExitSignature;
import io.edvt.spec.edvt.datastructures.validator.GroupKeyChangeSignature;
import io.edvt.spec.edvt.logic.BlockProcessorEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.versions.fulu.BlockProcessorFulu;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The Beacon API's pools over the chain's. A submitted operation is checked by the rule a block
 * would apply to it, the milestone's own {@code process_*} with signatures, on a copy of the head
 * state, so the API refuses with the spec's reason what no block could include; then it is pooled.
 */
final class ApiPools implements OperationPools {
  private final SpecVersions versions;
  private final io.edvt.node.chain.OperationPool operations;
  private final AttestationPool attestations;
  private final Supplier<BeaconState> headState;
  private final java.util.function.Function<SingleAttestation, java.util.Optional<String>> singleAttestations;
  private final GroupOperationIntake<GroupExitSignature, ?, ?> groupExits;
  private final GroupOperationIntake<GroupKeyChangeSignature, ?, ?> groupKeyChanges;
  private final Optional<GossipPublisher> gossip;

  /**
   * @param singleAttestations checks, pools and publishes a submitted single attestation; the refusal's reason or empty
   * @param gossip where accepted group registrations and key changes are published
   */
  ApiPools(SpecVersions versions, io.edvt.node.chain.OperationPool operations, AttestationPool attestations,
      Supplier<BeaconState> headState, java.util.function.Function<SingleAttestation, java.util.Optional<String>> singleAttestations,
      GroupOperationIntake<GroupExitSignature, ?, ?> groupExits,
      GroupOperationIntake<GroupKeyChangeSignature, ?, ?> groupKeyChanges, Optional<GossipPublisher> gossip) {
    this.versions = versions;
    this.groupExits = groupExits;
    this.groupKeyChanges = groupKeyChanges;
    this.gossip = gossip;
    this.singleAttestations = singleAttestations;
    this.operations = operations;
    this.attestations = attestations;
    this.headState = headState;
  }

  @Override
  public OperationPool<Attestation, SingleAttestation> attestations() {
    return new OperationPool<>() {
      @Override
      public List<Attestation> contents() {
        return attestations.all();
      }

      @Override
      public SubmitResult submit(SingleAttestation attestation) {
        return singleAttestations.apply(attestation).<SubmitResult>map(SubmitResult.Rejected::new)
            .orElseGet(SubmitResult.Accepted::new);
      }
    };
  }

  // beacon-APIs: a pool submission is "stored in the pool and broadcast to the network", so a
  // slashing, exit or credential change a validator client hands to this node reaches other proposers

  /** Published on {@code attester_slashing} once pooled. */
  @Override
  public OperationPool<AttesterSlashing, AttesterSlashing> attesterSlashings() {
    return published(pool(operations::attesterSlashings,
        (p, s) -> p.processAttesterSlashing(s.state, s.op, SignatureVerifier.SIMPLE), operations::addAttesterSlashing),
        GossipPublisher::publishAttesterSlashing);
  }

  /** Published on {@code proposer_slashing} once pooled. */
  @Override
  public OperationPool<ProposerSlashing, ProposerSlashing> proposerSlashings() {
    return published(pool(operations::proposerSlashings,
        (p, s) -> p.processProposerSlashing(s.state, s.op, SignatureVerifier.SIMPLE), operations::addProposerSlashing),
        GossipPublisher::publishProposerSlashing);
  }

  /** Published on {@code voluntary_exit} once pooled. */
  @Override
  public OperationPool<SignedVoluntaryExit, SignedVoluntaryExit> voluntaryExits() {
    return published(voluntaryExits(versions, operations, headState), GossipPublisher::publishVoluntaryExit);
  }

  /** Published on {@code bls_to_execution_change} once pooled. */
  @Override
  public OperationPool<SignedBLSToExecutionChange, SignedBLSToExecutionChange> blsToExecutionChanges() {
    return published(pool(operations::blsToExecutionChanges,
        (p, s) -> p.processBlsToExecutionChange(s.state, s.op, SignatureVerifier.SIMPLE), operations::addBlsToExecutionChange),
        GossipPublisher::publishBlsToExecutionChange);
  }

  /** Refused before the EDVT fork: only an EDVT block can carry one. Published on {@code group_registration} once pooled. */
  @Override
  public OperationPool<SignedGroupRegistration, SignedGroupRegistration> groupRegistrations() {
    return published(pool(operations::groupRegistrations, (p, s) -> edvt(p, "a group registration")
        .processGroupRegistration(s.state, s.op, SignatureVerifier.SIMPLE), operations::addGroupRegistration),
        GossipPublisher::publishGroupRegistration);
  }

  /** Published on {@code group_key_change} once pooled. */
  @Override
  public OperationPool<SignedGroupKeyChange, SignedGroupKeyChange> groupKeyChanges() {
    return published(groupKeyChanges(versions, operations, headState), GossipPublisher::publishGroupKeyChange);
  }

  @Override
  public OperationPool<GroupExitSignature, GroupExitSignature> groupExitSignatures() {
    return intake(groupExits);
  }

  @Override
  public OperationPool<GroupKeyChangeSignature, GroupKeyChangeSignature> groupKeyChangeSignatures() {
    return intake(groupKeyChanges);
  }

  private static <S extends io.edvt.infrastructure.ssz.SszContainer> OperationPool<S, S> intake(
      GroupOperationIntake<S, ?, ?> intake) {
    return new OperationPool<>() {
      @Override
      public List<S> contents() {
        return intake.collector().signatures();
      }

      @Override
      public SubmitResult submit(S signature) {
        return intake.submit(signature);
      }
    };
  }

  /** {@code pool}, with what it accepts published on gossip (when the node has p2p) under the head's fork. */
  private <T> OperationPool<T, T> published(OperationPool<T, T> pool, Publish<T> publish) {
    return new OperationPool<>() {
      @Override
      public List<T> contents() {
        return pool.contents();
      }

      @Override
      public SubmitResult submit(T operation) {
        SubmitResult r = pool.submit(operation);
        if (r instanceof SubmitResult.Accepted) {
          gossip.ifPresent(g -> publish.to(g, operation, headState.get().slot()));
        }
        return r;
      }
    };
  }

  private interface Publish<T> {
    void to(GossipPublisher gossip, T operation, io.edvt.infrastructure.unsigned.UInt64 slot);
  }

  private static BlockProcessorEdvt edvt(BlockProcessorFulu processor, String what) {
    if (!(processor instanceof BlockProcessorEdvt edvt)) {
      throw new IllegalArgumentException("the head state is before the EDVT fork: no block can include " + what + " yet");
    }
    return edvt;
  }

  /** An operation on a working copy of the head state. */
  private record Trial<T>(MutableBeaconState state, T op) {}

  private <T> OperationPool<T, T> pool(Supplier<List<T>> contents, BiConsumer<BlockProcessorFulu, Trial<T>> rule,
      Predicate<T> add) {
    return pool(versions, headState, contents, rule, add);
  }

  /** The voluntary exit pool alone (for the group exits assembled in the node, which the API's pools hold too). */
  static OperationPool<SignedVoluntaryExit, SignedVoluntaryExit> voluntaryExits(SpecVersions versions,
      io.edvt.node.chain.OperationPool operations, Supplier<BeaconState> headState) {
    return pool(versions, headState, operations::voluntaryExits,
        (p, s) -> p.processVoluntaryExit(s.state, s.op, SignatureVerifier.SIMPLE), operations::addVoluntaryExit);
  }

  /** The group key change pool alone (for the key changes assembled in the node, which the API's pools hold too). */
  static OperationPool<SignedGroupKeyChange, SignedGroupKeyChange> groupKeyChanges(SpecVersions versions,
      io.edvt.node.chain.OperationPool operations, Supplier<BeaconState> headState) {
    return pool(versions, headState, operations::groupKeyChanges, (p, s) -> edvt(p, "a group key change")
        .processGroupKeyChange(s.state, s.op, SignatureVerifier.SIMPLE), operations::addGroupKeyChange);
  }

  private static <T> OperationPool<T, T> pool(SpecVersions versions, Supplier<BeaconState> headState,
      Supplier<List<T>> contents, BiConsumer<BlockProcessorFulu, Trial<T>> rule, Predicate<T> add) {
    return new OperationPool<>() {
      @Override
      public List<T> contents() {
        return contents.get();
      }

      @Override
      public SubmitResult submit(T operation) {
        BeaconState head = headState.get();
        try {
          rule.accept(versions.forSlot(head.slot()).blockProcessor(), new Trial<>(new MutableBeaconState(head), operation));
        } catch (StateTransitionException | IllegalArgumentException e) {
          return new SubmitResult.Rejected(e.getMessage());
        }
        return add.test(operation) ? new SubmitResult.Accepted()
            : new SubmitResult.Rejected("already in the pool (one per validator, or the same slashing)");
      }
    };
  }
}
