package io.edvt.node.wiring;

import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.api.ApiException;
import io.edvt.node.api.ValidatorService;
import io.edvt.node.chain.AttestationIntake;
import io.edvt.node.chain.Chain;
import io.edvt.node.chain.ImportResult;
import io.edvt.node.execution.BlobsBundle;
import io.edvt.node.sync.DutyReadiness;
import io.edvt.node.time.SlotClock;
import io.edvt.node.validator.AttestationDataBuilder;
import io.edvt.node.validator.ParticipationLiveness;
import io.edvt.node.validator.ValidatorDuties;
import io.edvt.node.validator.duties.DutyCalculator;
import io.edvt.node.validator.production.EngineBlockProducer;
import io.edvt.spec.datastructures.SpecTypes;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.operations.SingleAttestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.validator.SignedAggregateAndProof;
import io.edvt.spec.datastructures.validator.SignedContributionAndProof;
import io.edvt.spec.datastructures.validator.SyncCommitteeContribution;
import io.edvt.spec.datastructures.validator.SyncCommitteeMessage;
import io.edvt.spec.edvt.MultiForkStateTransition;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * The node's side of a separate validator client: the Beacon API's validator endpoints answered
 * with the same parts the in-process validators use ({@link DutyCalculator},
 * {@link AttestationDataBuilder}, {@link EngineBlockProducer}, the importer and gossip), on the
 * fork-choice head. Duties are served for the current epoch and the next (from the head state
 * advanced to the epoch); a past epoch the head state has left is a 400.
 */
final class NodeValidatorService implements ValidatorService {
  private static final System.Logger LOG = System.getLogger(NodeValidatorService.class.getName());
  private static final long PUBLISH_SECONDS = 12;

  private final SpecVersions versions;
  private final MultiForkStateTransition transition;
  private final DutyCalculator calculator;
  private final AttestationDataBuilder attestationData;
  private final Chain chain;
  private final SlotClock clock;
  private final Supplier<ValidatorDuties.Head> head;
  private final EngineBlockProducer producer;
  private final AttestationIntake intake;
  private final OwnAttestations attestations;
  private final OwnSyncCommittee syncCommittee;
  private final Predicate<Bytes32> optimistic;
  private final Supplier<DutyReadiness.Verdict> readiness;
  private final Bytes defaultFeeRecipient;
  private final Map<Long, Bytes> feeRecipients = new ConcurrentHashMap<>();
  private final ApiSubnetSubscriptions subnets;
  private volatile EpochState epochState;

  /** The head state advanced to an epoch's start, kept while the head stays the same. */
  private record EpochState(Bytes32 headRoot, UInt64 epoch, BeaconState state) {}

  private final BlockPublication blocks;

  NodeValidatorService(SpecVersions versions, Chain chain, SlotClock clock, Supplier<ValidatorDuties.Head> head,
      EngineBlockProducer producer, AttestationIntake intake, OwnAttestations attestations, OwnSyncCommittee syncCommittee,
      Predicate<Bytes32> optimistic, Supplier<DutyReadiness.Verdict> readiness, Bytes defaultFeeRecipient,
      ApiSubnetSubscriptions subnets, BlockPublication blocks) {
    this.blocks = blocks;
    this.subnets = subnets;
    this.readiness = readiness;
    this.versions = versions;
    this.transition = new MultiForkStateTransition(versions);
    this.calculator = new DutyCalculator(versions);
    this.attestationData = new AttestationDataBuilder(versions);
    this.chain = chain;
    this.clock = clock;
    this.head = head;
    this.producer = producer;
    this.intake = intake;
    this.attestations = attestations;
    this.syncCommittee = syncCommittee;
    this.optimistic = optimistic;
    this.defaultFeeRecipient = defaultFeeRecipient;
  }

  /**
   * Duties, attestation data and blocks are served only on a current head (the beacon-APIs' 503
   * "beacon node is currently syncing"): signed on a stale one they would be rejected by the network
   * or fork the chain.
   */
  private void requireCurrent() {
    DutyReadiness.Verdict v = readiness.get();
    if (!v.ready()) {
      throw new ApiException(503, "beacon node is not ready to serve duties: " + v.reason());
    }
  }

  /** The head state at {@code epoch}'s start (or the head state itself when it is in the epoch already). */
  private EpochState atEpoch(UInt64 epoch) {
    requireCurrent();
    UInt64 current = UInt64.valueOf(clock.currentEpoch());
    if (epoch.isGreaterThan(current.plus(1))) {
      throw ApiException.badRequest("epoch " + epoch + " is more than one epoch ahead of the current epoch " + current);
    }
    ValidatorDuties.Head h = head.get();
    EpochState cached = epochState;
    if (cached != null && cached.headRoot().equals(h.root()) && cached.epoch().equals(epoch)) {
      return cached;
    }
    SpecFulu spec = versions.forEpoch(epoch);
    UInt64 headEpoch = spec.misc().computeEpochAtSlot(h.state().slot());
    if (epoch.isLessThan(headEpoch)) {
      throw ApiException.badRequest("epoch " + epoch + " is before the head's epoch " + headEpoch + ": past duties are not served");
    }
    UInt64 start = spec.misc().computeStartSlotAtEpoch(epoch);
    BeaconState state = h.state().slot().isLessThan(start) ? transition.processSlots(h.state(), start) : h.state();
    EpochState fresh = new EpochState(h.root(), epoch, state);
    epochState = fresh;
    return fresh;
  }

  /** {@code get_block_root_at_slot(state, compute_start_slot_at_epoch(epoch - 1) - 1)}, the genesis block's root before that. */
  private Bytes32 dependentRoot(EpochState s) {
    SpecFulu spec = versions.forState(s.state());
    if (s.epoch().longValue() < 2) {
      return s.state().slot().isZero() ? s.headRoot() : spec.accessors().getBlockRootAtSlot(new MutableBeaconState(s.state()), UInt64.ZERO);
    }
    UInt64 slot = spec.misc().computeStartSlotAtEpoch(s.epoch().minus(1)).minus(1);
    return spec.accessors().getBlockRootAtSlot(new MutableBeaconState(s.state()), slot);
  }

  @Override
  public Duties<AttesterDuty> attesterDuties(UInt64 epoch, List<UInt64> indices) {
    EpochState s = atEpoch(epoch);
    // only the validators' own signing roles: a registry key that is also a group's member key signs for that group
    // through the EDVT endpoint, which names it by its key
    Set<Long> asked = indices.stream().map(UInt64::longValue).collect(Collectors.toSet());
    return attesterDuties(s, epoch, registryKeys(s, indices), d -> asked.contains(d.virtualIndex()));
  }

  @Override
  public Duties<AttesterDuty> attesterDutiesOfKeys(UInt64 epoch, List<Bytes48> pubkeys) {
    EpochState s = atEpoch(epoch);
    return attesterDuties(s, epoch, keys(pubkeys), d -> true);
  }

  private Duties<AttesterDuty> attesterDuties(EpochState s, UInt64 epoch, Collection<BlsPublicKey> keys, Predicate<AttesterDuty> wanted) {
    io.edvt.node.validator.duties.Duties found = calculator.duties(s.state(), epoch, keys);
    List<AttesterDuty> out = new ArrayList<>();
    for (io.edvt.node.validator.duties.Duties.Attester a : found.attesters()) {
      AttesterDuty d = new AttesterDuty(a.key().toBytes(), a.virtualIndex(), a.committeeIndex(), a.committeeLength(),
          a.committeesAtSlot(), a.positionInCommittee(), a.slot());
      if (wanted.test(d)) {
        out.add(d);
      }
    }
    out.sort(Comparator.comparing((AttesterDuty d) -> d.slot()).thenComparingLong(AttesterDuty::virtualIndex));
    return new Duties<>(dependentRoot(s), optimistic.test(s.headRoot()), out);
  }

  /** The distinct keys of {@code pubkeys}, in order (a key is decompressed only if it has a role, so a bad point is no error). */
  private static Collection<BlsPublicKey> keys(List<Bytes48> pubkeys) {
    Set<BlsPublicKey> out = new LinkedHashSet<>();
    pubkeys.forEach(k -> out.add(BlsPublicKey.fromBytes(k)));
    return out;
  }

  /** The keys of {@code indices}; an index outside the registry is a 400 naming its place in the body. */
  private static List<BlsPublicKey> registryKeys(EpochState s, List<UInt64> indices) {
    var registry = s.state().validators();
    List<BlsPublicKey> keys = new ArrayList<>();
    for (int i = 0; i < indices.size(); i++) {
      UInt64 index = indices.get(i);
      if (!index.isLessThan(UInt64.valueOf(registry.size()))) {
        throw ApiException.badRequest("body[" + i + "]: validator index " + index + " is not in the registry (" + registry.size()
            + " validators)");
      }
      keys.add(BlsPublicKey.fromBytes(registry.get(index.intValue()).pubkey()));
    }
    return keys;
  }

  @Override
  public Duties<ProposerDuty> proposerDuties(UInt64 epoch) {
    EpochState s = atEpoch(epoch);
    long[] proposers = calculator.proposerIndices(s.state(), epoch);
    UInt64 start = versions.forEpoch(epoch).misc().computeStartSlotAtEpoch(epoch);
    List<ProposerDuty> out = new ArrayList<>();
    for (int i = 0; i < proposers.length; i++) {
      out.add(new ProposerDuty(s.state().validators().get((int) proposers[i]).pubkey(), proposers[i], start.plus(i)));
    }
    return new Duties<>(dependentRoot(s), optimistic.test(s.headRoot()), out);
  }

  @Override
  public AttestationData attestationData(UInt64 slot, UInt64 committeeIndex) {
    UInt64 latest = UInt64.valueOf(clock.currentSlot() + (clock.millisToNextSlot() < 1000 ? 1 : 0));
    if (slot.isGreaterThan(latest)) {
      throw ApiException.badRequest("slot " + slot + " is in the future (current slot " + clock.currentSlot() + ")");
    }
    ValidatorDuties.Head h = head.get();
    if (h.state().slot().isGreaterThan(slot)) {
      throw ApiException.badRequest("slot " + slot + " is before the head block's slot " + h.state().slot());
    }
    SpecFulu spec = versions.forSlot(slot);
    UInt64 epoch = spec.misc().computeEpochAtSlot(slot);
    int committees = spec.accessors().getCommitteeCountPerSlot(new MutableBeaconState(atEpoch(epoch).state()), epoch);
    if (!committeeIndex.isLessThan(UInt64.valueOf(committees))) {
      throw ApiException.badRequest("committee_index " + committeeIndex + " does not exist: slot " + slot + " has " + committees
          + " committees");
    }
    return attestationData.build(h, slot);
  }

  @Override
  public Produced produceBlock(UInt64 slot, Bytes randaoReveal, Optional<Bytes32> graffiti) {
    ValidatorDuties.Head h = head.get();
    if (!h.state().slot().isLessThan(slot)) {
      throw ApiException.badRequest("slot " + slot + " is not after the head block's slot " + h.state().slot());
    }
    UInt64 latest = UInt64.valueOf(clock.currentSlot() + 1);
    if (slot.isGreaterThan(latest)) {
      throw ApiException.badRequest("slot " + slot + " is in the future (current slot " + clock.currentSlot() + ")");
    }
    SpecFulu spec = versions.forSlot(slot);
    UInt64 epoch = spec.misc().computeEpochAtSlot(slot);
    long[] proposers = calculator.proposerIndices(atEpoch(epoch).state(), epoch);
    long proposer = proposers[(int) (slot.longValue() % spec.config().slotsPerEpoch())];
    Bytes feeRecipient = feeRecipients.getOrDefault(proposer, defaultFeeRecipient);
    Bytes32 graffitiBytes = graffiti.orElseGet(() -> EngineBlockProducer.graffiti(LocalValidators.GRAFFITI));
    Optional<BeaconBlock> block = producer.produce(h, slot, randaoReveal, proposer, feeRecipient, graffitiBytes);
    Optional<BlobsBundle> blobs = block.flatMap(b -> producer.producedBlobs().get(b.hashTreeRoot()));
    return new Produced(block, "the execution engine gave no payload (see the node's log)", optimistic.test(h.root()),
        blobs.map(BlobsBundle::blobs).orElse(List.of()), blobs.map(BlobsBundle::proofs).orElse(List.of()));
  }

  @Override
  public Optional<String> publishBlock(SignedBeaconBlock block, List<Bytes> blobs, List<Bytes48> kzgProofs) {
    Optional<String> refused = blocks.offerBlobs(block, blobs, kzgProofs);
    return refused.isPresent() ? refused : publishBlock(block);
  }

  @Override
  public Optional<String> publishBlock(SignedBeaconBlock block) {
    CompletableFuture<ImportResult> result = blocks.publish(block);
    ImportResult r;
    try {
      r = result.get(PUBLISH_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while importing a published block", e);
    } catch (Exception e) {
      throw new IllegalStateException("importing the published block failed: " + e, e);
    }
    var message = block.message();
    return switch (r) {
      case ImportResult.Imported i -> {
        LOG.log(System.Logger.Level.INFO, "Published block slot {0} root {1} proposer {2} atts {3}", message.slot(),
            i.blockRoot(), message.proposerIndex(), message.body().attestations().size());
        yield Optional.empty();
      }
      case ImportResult.AlreadyKnown k -> Optional.empty();
      case ImportResult.Invalid inv -> Optional.of(inv.rule() + ": " + inv.reason());
      default -> Optional.of(r.toString());
    };
  }

  @Override
  public Optional<Attestation> aggregate(Bytes32 dataRoot, UInt64 slot, UInt64 committeeIndex) {
    return intake.pool().forData(dataRoot).stream()
        .filter(a -> a.data().slot().equals(slot))
        .filter(a -> a.committeeBits().count() == 1 && committeeIndex.isLessThan(UInt64.valueOf(a.committeeBits().length()))
            && a.committeeBits().get(committeeIndex.intValue()))
        .max(Comparator.comparingInt(a -> a.aggregationBits().count()));
  }

  @Override
  public Optional<String> publishAggregate(SignedAggregateAndProof aggregate) {
    return attestations.submit(aggregate);
  }

  /** A single attestation from {@code POST /eth/v2/beacon/pool/attestations}. */
  Optional<String> publishAttestation(SingleAttestation attestation) {
    return attestations.submit(attestation);
  }

  @Override
  public Duties<SyncDuty> syncDuties(UInt64 epoch, List<UInt64> indices) {
    EpochState s = atEpoch(epoch);
    Set<Long> asked = indices.stream().map(UInt64::longValue).collect(Collectors.toSet());
    return syncDuties(s, epoch, registryKeys(s, indices), d -> asked.contains(d.virtualIndex()));
  }

  @Override
  public Duties<SyncDuty> syncDutiesOfKeys(UInt64 epoch, List<Bytes48> pubkeys) {
    EpochState s = atEpoch(epoch);
    return syncDuties(s, epoch, keys(pubkeys), d -> true);
  }

  private Duties<SyncDuty> syncDuties(EpochState s, UInt64 epoch, Collection<BlsPublicKey> keys, Predicate<SyncDuty> wanted) {
    io.edvt.node.validator.duties.Duties found = calculator.duties(s.state(), epoch, keys);
    List<SyncDuty> out = new ArrayList<>();
    for (io.edvt.node.validator.duties.Duties.SyncMember m : found.syncMembers()) {
      SyncDuty d = new SyncDuty(m.key().toBytes(), m.virtualIndex(), m.positions());
      if (wanted.test(d)) {
        out.add(d);
      }
    }
    out.sort(Comparator.comparingLong(SyncDuty::virtualIndex));
    return new Duties<>(dependentRoot(s), optimistic.test(s.headRoot()), out);
  }

  @Override
  public Optional<String> publishSyncCommitteeMessage(SyncCommitteeMessage message) {
    return syncCommittee.submit(message);
  }

  @Override
  public Optional<SyncCommitteeContribution> syncContribution(UInt64 slot, UInt64 subcommitteeIndex, Bytes32 blockRoot) {
    if (!subcommitteeIndex.isLessThan(SpecTypes.SYNC_COMMITTEE_SUBNET_COUNT)) {
      throw ApiException.badRequest("subcommittee_index " + subcommitteeIndex + " is not below " + SpecTypes.SYNC_COMMITTEE_SUBNET_COUNT);
    }
    if (optimistic.test(blockRoot)) {
      throw new ApiException(503, "beacon_block_root " + blockRoot + " is optimistic: its payload is not verified yet");
    }
    return syncCommittee.contribution(slot, subcommitteeIndex.intValue(), blockRoot);
  }

  @Override
  public Optional<String> publishContribution(SignedContributionAndProof contribution) {
    return syncCommittee.submit(contribution);
  }

  @Override
  public void subscribeSync(List<SyncSubscription> subscriptions) {
    subnets.subscribeSync(subscriptions);
  }

  @Override
  public void subscribe(List<Subscription> subscriptions) {
    subnets.subscribe(subscriptions);
  }

  @Override
  public void prepareProposer(UInt64 validatorIndex, Bytes feeRecipient) {
    feeRecipients.put(validatorIndex.longValue(), feeRecipient);
  }

  @Override
  public List<Boolean> liveness(UInt64 epoch, List<UInt64> indices) {
    try {
      return ParticipationLiveness.liveAt(versions, head.get().state(), epoch, indices);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

}
