package io.edvt.node.validator;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.time.SlotClock;
import io.edvt.node.validator.duties.Duties;
import io.edvt.node.validator.duties.DutyCalculator;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.operations.SingleAttestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.validator.AggregateAndProof;
import io.edvt.spec.datastructures.validator.SignedAggregateAndProof;
import io.edvt.spec.datastructures.validator.SignedContributionAndProof;
import io.edvt.spec.datastructures.validator.SyncCommitteeContribution;
import io.edvt.spec.datastructures.validator.SyncCommitteeMessage;
import io.edvt.spec.edvt.MultiForkStateTransition;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;

/**
 * Performs the held keys' duties slot by slot: at each slot start (the {@link SlotClock}'s ticker
 * calls {@link #onSlot}) the proposal; at one third of the slot, or earlier when the slot's block
 * becomes head ({@link #onHead}), one single attestation per attester duty and the sync committee
 * messages; at two thirds the aggregates and the sync committee contributions of the duties whose
 * selection proof selects them (a member's by its own key and virtual index). The sync committee
 * seats signing at a slot are those of the committee of the next slot's epoch
 * ({@link SyncCommitteeDuty#committeeEpoch}). Each epoch's duties are computed ahead, during the
 * epoch before, and their aggregator subnets and sync seats told to the publisher
 * ({@link DutyPublisher#subscribe}, {@link DutyPublisher#syncSeats}). Signed
 * messages go to the {@link DutyPublisher}; a slot proposed by a held member key's group goes to
 * the {@link GroupProposalSeam}.
 *
 * <p>Duties of an epoch are computed once from the head state advanced to the epoch (member keys
 * found from the state, {@link DutyCalculator}); {@link #attest}, {@link #aggregate} and
 * {@link #propose} are public so a test can run a slot's duties without waiting.
 */
public final class ValidatorDuties {
  private static final System.Logger LOG = System.getLogger(ValidatorDuties.class.getName());

  /** The chain head the duties build on. */
  public record Head(Bytes32 root, BeaconState state) {}

  /** The best aggregate the node holds for {@code data} in committee {@code committeeIndex} (the attestation pool). */
  @FunctionalInterface
  public interface AggregateSource {
    Optional<Attestation> aggregate(AttestationData data, int committeeIndex);
  }

  /**
   * The best sync committee contribution the node holds for {@code subcommittee} at {@code slot} over
   * {@code blockRoot} (the sync committee pool).
   */
  @FunctionalInterface
  public interface ContributionSource {
    ContributionSource NONE = (slot, blockRoot, subcommittee) -> Optional.empty();

    Optional<SyncCommitteeContribution> contribution(UInt64 slot, Bytes32 blockRoot, int subcommittee);
  }

  /**
   * Builds an unsigned block for {@code slot} on {@code head} with {@code randaoReveal} (the wiring:
   * {@code BlockProductionInputs} and an execution payload from {@code PayloadPreparation}).
   */
  @FunctionalInterface
  public interface BlockProducer {
    Optional<BeaconBlock> produce(Head head, UInt64 slot, Bytes randaoReveal, long proposerIndex);
  }

  private final SpecVersions versions;
  private final MultiForkStateTransition transition;
  private final DutyCalculator calculator;
  private final Signer signer;
  private final Supplier<Head> head;
  private final DutyPublisher publisher;
  private final AggregateSource aggregates;
  private final BlockProducer blocks;
  private final GroupProposalSeam groupProposals;
  private final ContributionSource contributions;
  private final SyncCommitteeDuty sync;
  private final Set<UInt64> attested = ConcurrentHashMap.newKeySet();
  /** The block root our sync committee messages of a slot signed: the contributions aggregate over it. */
  private final Map<UInt64, Bytes32> syncRoots = new ConcurrentHashMap<>();
  private final Map<UInt64, Duties> duties = new ConcurrentHashMap<>();
  /** The last head state advanced to a slot: the epoch transition is done once, ahead of the epoch. */
  private volatile Advanced advanced;

  private record Advanced(Bytes32 headRoot, UInt64 slot, BeaconState state) {}
  private final AttestationDataBuilder attestationData;

  /** Without a sync committee pool: no contributions are made. */
  public ValidatorDuties(SpecVersions versions, Signer signer, Supplier<Head> head, DutyPublisher publisher,
      AggregateSource aggregates, BlockProducer blocks, GroupProposalSeam groupProposals) {
    this(versions, signer, head, publisher, aggregates, blocks, groupProposals, ContributionSource.NONE);
  }

  public ValidatorDuties(SpecVersions versions, Signer signer, Supplier<Head> head, DutyPublisher publisher,
      AggregateSource aggregates, BlockProducer blocks, GroupProposalSeam groupProposals, ContributionSource contributions) {
    this.contributions = contributions;
    this.sync = new SyncCommitteeDuty(versions, signer);
    this.versions = versions;
    this.transition = new MultiForkStateTransition(versions);
    this.calculator = new DutyCalculator(versions);
    this.attestationData = new AttestationDataBuilder(versions);
    this.signer = signer;
    this.head = head;
    this.publisher = publisher;
    this.aggregates = aggregates;
    this.blocks = blocks;
    this.groupProposals = groupProposals;
  }

  public DutyCalculator calculator() {
    return calculator;
  }

  /**
   * The slot ticker's hook: propose now, attest at 1/3 (unless {@link #onHead} came first), aggregate
   * and contribute at 2/3, then compute the next epoch's duties if not yet done (their subnets are
   * joined ahead: the first slot's at least the rest of this epoch before).
   */
  public void onSlot(UInt64 slot, SlotClock clock, ScheduledExecutorService scheduler) {
    long third = clock.slotDurationMs() / 3;
    propose(slot);
    scheduler.schedule(() -> attest(slot), third, TimeUnit.MILLISECONDS);
    scheduler.schedule(() -> {
      aggregate(slot);
      contribute(slot);
      UInt64 next = versions.forSlot(slot).misc().computeEpochAtSlot(slot).plus(1);
      if (!duties.containsKey(next)) {
        // off the duty thread: an epoch transition and a selection proof per duty must not delay the next slot's proposal
        Thread.ofVirtual().name("duties-ahead").start(() -> {
          try {
            dutiesOfEpoch(next);
          } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "duties of epoch {0} not computed ahead: {1}", next, e.toString());
          }
        });
      }
      UInt64 nextSlot = slot.plus(1);
      if (nextSlot.mod(versions.config().slotsPerEpoch()).isZero()) {
        // the epoch transition of the head for the first slot's proposal and group ranking, ahead: at
        // the epoch's first slot it took up to half a second at load on a devnet's 2 s slots, longer
        // than a group leader's turn (the group's block at that slot was missed in every run)
        stateAt(head.get(), nextSlot);
      }
    }, 2 * third, TimeUnit.MILLISECONDS);
  }

  /** A new head: when it is the block of the current slot, attest now instead of waiting for 1/3 of the slot. */
  public void onHead(UInt64 headSlot, UInt64 currentSlot) {
    if (headSlot.equals(currentSlot)) {
      attest(currentSlot);
    }
  }

  /** The duties of {@code slot}'s epoch, computed once per epoch. */
  public Duties dutiesFor(UInt64 slot) {
    return dutiesOfEpoch(versions.forSlot(slot).misc().computeEpochAtSlot(slot));
  }

  /**
   * The duties of {@code epoch}, computed once from the head state advanced to the epoch's start;
   * computing them tells the publisher what to subscribe to ({@link #subscribeAhead}). The last three
   * epochs' are kept (the current, the next one computed ahead, and the previous one for its last
   * slot's late work).
   */
  public Duties dutiesOfEpoch(UInt64 epoch) {
    Duties cached = duties.get(epoch);
    if (cached != null) {
      return cached;
    }
    synchronized (duties) {
      cached = duties.get(epoch);
      if (cached != null) {
        return cached;
      }
      SpecFulu spec = versions.forEpoch(epoch);
      BeaconState state = stateAt(head.get(), spec.misc().computeStartSlotAtEpoch(epoch));
      Duties fresh = calculator.duties(state, epoch, signer.publicKeys());
      duties.put(epoch, fresh);
      duties.keySet().removeIf(e -> e.plus(2).isLessThan(epoch));
      LOG.log(System.Logger.Level.INFO, "Epoch {0} duties: {1} attestations, {2} proposals, {3} group proposals, {4} sync members",
          epoch, fresh.attesters().size(), fresh.proposers().size(), fresh.groupProposers().size(), fresh.syncMembers().size());
      subscribeAhead(fresh, state);
      return fresh;
    }
  }

  /**
   * Tells the publisher of each attester duty of {@code fresh} (aggregator or not, by the duty's
   * selection proof: its subnet is joined only for an aggregator) and of the sync committee
   * subnets of the held seats until their period ends.
   */
  private void subscribeAhead(Duties fresh, BeaconState state) {
    for (Duties.Attester duty : fresh.attesters()) {
      boolean aggregator = DutyCalculator.isAggregator(duty.committeeLength(), signer.selectionProof(duty.key(), state, duty.slot()));
      publisher.subscribe(subnet(duty, duty.slot()), duty.slot(), aggregator);
    }
    Set<Integer> seats = fresh.syncMembers().stream().flatMap(m -> syncSubnets(m).stream()).collect(Collectors.toSet());
    if (!seats.isEmpty()) {
      publisher.syncSeats(seats, sync.periodEnd(fresh.epoch()));
    }
  }

  /** The held keys' sync committee seats that sign at {@code slot}: those of the committee of {@code slot + 1}'s epoch. */
  private List<Duties.SyncMember> syncMembersAt(UInt64 slot) {
    return dutiesOfEpoch(sync.committeeEpoch(slot)).syncMembers();
  }

  /**
   * The head's state advanced to {@code slot} (the head state itself when it is at or past it); the
   * last one advanced is kept, so the epoch transition computed ahead with the next epoch's duties
   * serves the epoch's first slot too while the head is the same.
   */
  private BeaconState stateAt(Head h, UInt64 slot) {
    if (!h.state().slot().isLessThan(slot)) {
      return h.state();
    }
    Advanced last = advanced;
    if (last != null && last.headRoot().equals(h.root()) && last.slot().equals(slot)) {
      return last.state();
    }
    BeaconState state = transition.processSlots(h.state(), slot);
    advanced = new Advanced(h.root(), slot, state);
    return state;
  }

  /** The attestation data for {@code slot} on the current head ({@code get_attestation_data} of the guide). */
  public AttestationData attestationData(Head current, UInt64 slot) {
    return attestationData.build(current, slot);
  }

  /** Signs and publishes the single attestations and sync committee messages of {@code slot} (once per slot). */
  public List<SingleAttestation> attest(UInt64 slot) {
    if (!attested.add(slot)) {
      return List.of();
    }
    Duties d = dutiesFor(slot);
    Head current = head.get();
    BeaconState state = stateAt(current, slot);
    List<SingleAttestation> out = new ArrayList<>();
    AttestationData data = null;
    for (Duties.Attester duty : d.attesters()) {
      if (!duty.slot().equals(slot)) {
        continue;
      }
      if (data == null) {
        data = attestationData(current, slot);
      }
      Optional<Bytes> signature = signer.attestation(duty.key(), state, data);
      if (signature.isEmpty()) {
        continue;
      }
      SingleAttestation attestation = SingleAttestation.create(UInt64.valueOf(duty.committeeIndex()), UInt64.valueOf(duty.virtualIndex()),
          data, signature.get());
      publisher.attestation(attestation, subnet(duty, slot));
      out.add(attestation);
    }
    List<Duties.SyncMember> seats = syncMembersAt(slot);
    if (!seats.isEmpty()) {
      syncRoots.put(slot, current.root());
    }
    for (Duties.SyncMember member : seats) {
      SyncCommitteeMessage message = sync.message(member.key(), member.virtualIndex(), state, slot, current.root());
      syncSubnets(member).forEach(subnet -> publisher.syncCommitteeMessage(message, subnet));
    }
    attested.removeIf(s -> s.plus(64).isLessThan(slot));
    syncRoots.keySet().removeIf(s -> s.plus(64).isLessThan(slot));
    return out;
  }

  /** The subcommittees (= subnets) of a held key's seats. */
  private List<Integer> syncSubnets(Duties.SyncMember member) {
    return sync.subnets(member.positions());
  }

  /**
   * Publishes a contribution for each subcommittee of a held seat whose selection proof
   * ({@code get_sync_committee_selection_proof}, by the seat holder's own key) makes it an
   * aggregator ({@code is_sync_committee_aggregator}): the best the pool holds over the root our
   * messages of {@code slot} signed, under the holder's (virtual) index. Nothing when we sent no
   * messages in {@code slot}.
   */
  public List<SignedContributionAndProof> contribute(UInt64 slot) {
    Bytes32 root = syncRoots.get(slot);
    if (root == null) {
      return List.of();
    }
    BeaconState state = stateAt(head.get(), slot);
    List<SignedContributionAndProof> out = new ArrayList<>();
    for (Duties.SyncMember member : syncMembersAt(slot)) {
      for (Map.Entry<Integer, Bytes> selected : sync.aggregatorSubnets(member.key(), state, slot, member.positions()).entrySet()) {
        Optional<SyncCommitteeContribution> contribution = contributions.contribution(slot, root, selected.getKey());
        if (contribution.isEmpty()) {
          continue;
        }
        SignedContributionAndProof signed = sync.contribution(member.key(), member.virtualIndex(), state, contribution.get(),
            selected.getValue());
        publisher.contribution(signed);
        out.add(signed);
      }
    }
    return out;
  }

  /** {@code compute_subnet_for_attestation}. */
  int subnet(Duties.Attester duty, UInt64 slot) {
    long slotsSinceEpochStart = slot.longValue() % versions.config().slotsPerEpoch();
    long committeesSinceEpochStart = (long) duty.committeesAtSlot() * slotsSinceEpochStart;
    return (int) ((committeesSinceEpochStart + duty.committeeIndex()) % versions.config().attestationSubnetCount());
  }

  /** Publishes an aggregate for each duty of {@code slot} whose selection proof makes it an aggregator. */
  public List<SignedAggregateAndProof> aggregate(UInt64 slot) {
    Duties d = dutiesFor(slot);
    Head current = head.get();
    BeaconState state = stateAt(current, slot);
    SpecFulu spec = versions.forState(state);
    List<SignedAggregateAndProof> out = new ArrayList<>();
    for (Duties.Attester duty : d.attesters()) {
      if (!duty.slot().equals(slot)) {
        continue;
      }
      Bytes proof = signer.selectionProof(duty.key(), state, slot);
      if (!DutyCalculator.isAggregator(duty.committeeLength(), proof)) {
        continue;
      }
      Optional<Attestation> aggregate = aggregates.aggregate(attestationData(current, slot), duty.committeeIndex());
      if (aggregate.isEmpty()) {
        continue;
      }
      AggregateAndProof message = AggregateAndProof.create(spec.schemas().aggregateAndProof(), UInt64.valueOf(duty.virtualIndex()),
          aggregate.get(), proof);
      SignedAggregateAndProof signed = SignedAggregateAndProof.create(spec.schemas().signedAggregateAndProof(), message,
          signer.aggregateAndProof(duty.key(), state, message));
      publisher.aggregate(signed);
      out.add(signed);
    }
    return out;
  }

  /** Proposes {@code slot} if a held plain key is its proposer; hands a held member's group slot to the seam. */
  public Optional<SignedBeaconBlock> propose(UInt64 slot) {
    Duties d = dutiesFor(slot);
    Head current = head.get();
    for (Duties.GroupProposer group : d.groupProposers()) {
      if (group.slot().equals(slot)) {
        groupProposals.groupProposalDue(group, stateAt(current, slot));
      }
    }
    for (Duties.Proposer duty : d.proposers()) {
      if (!duty.slot().equals(slot)) {
        continue;
      }
      BeaconState state = stateAt(current, slot);
      SpecFulu spec = versions.forState(state);
      Bytes randao = signer.randaoReveal(duty.key(), state, spec.misc().computeEpochAtSlot(slot));
      Optional<BeaconBlock> block = blocks.produce(current, slot, randao, duty.validatorIndex());
      if (block.isEmpty()) {
        LOG.log(System.Logger.Level.WARNING, "No block produced for slot {0}", slot);
        return Optional.empty();
      }
      Optional<Bytes> signature = signer.block(duty.key(), state, block.get());
      if (signature.isEmpty()) {
        return Optional.empty();
      }
      SignedBeaconBlock signed = SignedBlocks.plain(versions, state, block.get(), signature.get());
      publisher.block(signed);
      return Optional.of(signed);
    }
    return Optional.empty();
  }
}
