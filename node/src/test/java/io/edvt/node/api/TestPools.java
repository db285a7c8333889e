package io.edvt.node.api;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.operations.ProposerSlashing;
import io.edvt.spec.datastructures.operations.SignedBLSToExecutionChange;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import io.edvt.spec.datastructures.operations.SingleAttestation;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupRegistration;
import io.edvt.spec.edvt.datastructures.validator.GroupExitSignature;
import io.edvt.spec.edvt.datastructures.validator.GroupKeyChangeSignature;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Pools for the API tests: lists that accept an operation whose validator exists in the head
 * state (the one check the tests rely on to see a rejection travel back with its reason), and an
 * attestation pool that starts with the head block's attestations. Accepted exits are published
 * as {@code voluntary_exit} events, as the node's pool will.
 */
public final class TestPools implements OperationPools {
  private final ChainReader chain;
  private final EventHub events;
  private final ListPool<Attestation, SingleAttestation> attestations;
  private final ListPool<AttesterSlashing, AttesterSlashing> attesterSlashings;
  private final ListPool<ProposerSlashing, ProposerSlashing> proposerSlashings;
  private final ListPool<SignedVoluntaryExit, SignedVoluntaryExit> voluntaryExits;
  private final ListPool<SignedBLSToExecutionChange, SignedBLSToExecutionChange> blsChanges;
  private final ListPool<SignedGroupRegistration, SignedGroupRegistration> groupRegistrations;
  private final ListPool<GroupExitSignature, GroupExitSignature> groupExitSignatures;
  private final ListPool<SignedGroupKeyChange, SignedGroupKeyChange> groupKeyChanges;
  private final ListPool<GroupKeyChangeSignature, GroupKeyChangeSignature> groupKeyChangeSignatures;
  /** What was submitted as SingleAttestations (the pool itself holds aggregates). */
  final List<SingleAttestation> submittedAttestations = new CopyOnWriteArrayList<>();

  TestPools(ChainReader chain, EventHub events) {
    this.chain = chain;
    this.events = events;
    this.attestations = new ListPool<>(a -> {
      submittedAttestations.add(a);
      return null;
    }, SingleAttestation::attesterIndex);
    this.attesterSlashings = new ListPool<>(Function.identity(), s -> UInt64.ZERO);
    this.proposerSlashings = new ListPool<>(Function.identity(), s -> s.signedHeader1().message().proposerIndex());
    this.voluntaryExits = new ListPool<>(e -> {
      events.publish(new ApiEvent.VoluntaryExitReceived(e));
      return e;
    }, e -> e.message().validatorIndex());
    this.blsChanges = new ListPool<>(Function.identity(), c -> c.message().validatorIndex());
    this.groupRegistrations = new ListPool<>(Function.identity(), r -> r.message().validatorIndex());
    this.groupExitSignatures = new ListPool<>(Function.identity(), s -> s.message().validatorIndex());
    this.groupKeyChanges = new ListPool<>(Function.identity(), c -> c.message().validatorIndex());
    this.groupKeyChangeSignatures = new ListPool<>(Function.identity(), s -> s.message().validatorIndex());
  }

  /** Puts the head block's attestations into the attestation pool. */
  void fillAttestationsFromHead() {
    chain.block(chain.head().root()).orElseThrow().message().body().attestations().forEach(attestations.items::add);
  }

  @Override
  public ListPool<Attestation, SingleAttestation> attestations() {
    return attestations;
  }

  @Override
  public ListPool<AttesterSlashing, AttesterSlashing> attesterSlashings() {
    return attesterSlashings;
  }

  @Override
  public ListPool<ProposerSlashing, ProposerSlashing> proposerSlashings() {
    return proposerSlashings;
  }

  @Override
  public ListPool<SignedVoluntaryExit, SignedVoluntaryExit> voluntaryExits() {
    return voluntaryExits;
  }

  @Override
  public ListPool<SignedBLSToExecutionChange, SignedBLSToExecutionChange> blsToExecutionChanges() {
    return blsChanges;
  }

  @Override
  public ListPool<SignedGroupRegistration, SignedGroupRegistration> groupRegistrations() {
    return groupRegistrations;
  }

  @Override
  public ListPool<GroupExitSignature, GroupExitSignature> groupExitSignatures() {
    return groupExitSignatures;
  }

  @Override
  public ListPool<SignedGroupKeyChange, SignedGroupKeyChange> groupKeyChanges() {
    return groupKeyChanges;
  }

  @Override
  public ListPool<GroupKeyChangeSignature, GroupKeyChangeSignature> groupKeyChangeSignatures() {
    return groupKeyChangeSignatures;
  }

  /**
   * One pool: a list; a submission is accepted when the validator it names is in the head state.
   *
   * @param <T> what it holds
   * @param <S> what is submitted
   */
  final class ListPool<T, S> implements OperationPool<T, S> {
    final List<T> items = new CopyOnWriteArrayList<>();
    private final Function<S, T> accept;
    private final Function<S, UInt64> validator;

    ListPool(Function<S, T> accept, Function<S, UInt64> validator) {
      this.accept = accept;
      this.validator = validator;
    }

    @Override
    public List<T> contents() {
      return List.copyOf(items);
    }

    @Override
    public SubmitResult submit(S operation) {
      UInt64 index = validator.apply(operation);
      int count = chain.postState(chain.head().root()).orElseThrow().validators().size();
      if (!index.isLessThan(UInt64.valueOf(count))) {
        return SubmitResult.rejected("validator " + index + " is not in the head state (" + count + " validators)");
      }
      T held = accept.apply(operation);
      if (held != null) {
        items.add(held);
      }
      return SubmitResult.accepted();
    }
  }
}
