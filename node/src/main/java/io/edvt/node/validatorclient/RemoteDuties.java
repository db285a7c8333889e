package io.edvt.node.validatorclient;

import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.api.ValidatorService.AttesterDuty;
import io.edvt.node.api.ValidatorService.ProposerDuty;
import io.edvt.node.api.ValidatorService.SyncDuty;
import io.edvt.node.time.SlotClock;
import io.edvt.node.validator.SignedBlocks;
import io.edvt.node.validator.Signer;
import io.edvt.node.validator.SyncCommitteeDuty;
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
import io.edvt.spec.datastructures.validator.SyncCommitteeMessage;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * A separate validator client's duties for plain validators, slot by slot, over the Beacon API:
 * at a slot's start the proposal (a block from the node, checked to be the slot's and the
 * proposer's, signed through slashing protection, published); at one third of the slot the single
 * attestations (the node's attestation data per committee); at two thirds the aggregates of the
 * duties whose selection proof selects them. Held sync committee members sign the node's head
 * block at one third and, at two thirds, those whose sync selection proof selects them sign a
 * contribution from the node's pool ({@link SyncCommitteeDuty}, shared with the in-process
 * validators). Duties come from the node once per epoch, the next epoch's ahead with its committee
 * and sync subscriptions and the proposers' fee recipients. Signing is the
 * in-process {@link Signer}'s (domains, slashing protection) with {@link SigningStates}.
 *
 * <p>Held keys that are not validators in the registry are asked about as group member keys
 * (EDVT, {@code /edvt/v1/validator/duties/*}: the node finds their roles from the state): their
 * attester and sync committee duties come with the virtual index their messages carry, and are
 * then performed exactly as a plain validator's, through the standard endpoints, signed by the
 * member's own key through its own slashing protection. A slot proposed by a held member's group
 * goes to the {@link GroupSlotSeam} (not led or signed off by this client yet).
 */
final class RemoteDuties {
  private static final System.Logger LOG = System.getLogger(RemoteDuties.class.getName());

  private final SpecVersions versions;
  private final RemoteBeaconNode node;
  private final Signer signer;
  private final SigningStates states;
  private final SlotClock clock;
  private final Bytes feeRecipient;
  private final Bytes32 graffiti;
  private final Map<Bytes48, BlsPublicKey> keys = new HashMap<>();
  /** The held keys that are validators in the registry, by validator index. */
  private final Map<Long, BlsPublicKey> byIndex = new ConcurrentHashMap<>();
  private final HeldMembers members;
  private final GroupSlotSeam groupSlots;
  /** The epoch whose start last looked up the indices of keys not yet known as validators. */
  private volatile UInt64 indicesLookedUp;
  private final Map<UInt64, EpochDuties> duties = new ConcurrentHashMap<>();
  /** The attestation data each committee of a slot signed, for its aggregate. */
  private final Map<UInt64, Map<Integer, AttestationData>> signedData = new ConcurrentHashMap<>();

  /** The block root the sync committee messages of a slot signed: its contributions aggregate over it. */
  private final Map<UInt64, Bytes32> syncRoots = new ConcurrentHashMap<>();
  private final SyncCommitteeDuty sync;
  /** The messages the node took in {@link #syncEpoch}: logged once the epoch is over. */
  private final AtomicInteger attestationsTaken = new AtomicInteger();
  private final AtomicInteger aggregatesTaken = new AtomicInteger();
  private final AtomicInteger syncMessagesTaken = new AtomicInteger();
  private final AtomicInteger contributionsTaken = new AtomicInteger();
  private volatile UInt64 syncEpoch;

  /** An epoch's duties: attester and sync duties of plain and member keys alike, plain proposals, and held members' group slots. */
  private record EpochDuties(List<AttesterDuty> attesters, List<ProposerDuty> proposers, List<ProposerDuty> groupSlots,
      List<SyncDuty> sync) {}

  RemoteDuties(SpecVersions versions, RemoteBeaconNode node, Signer signer, SigningStates states, SlotClock clock,
      Bytes feeRecipient, Bytes32 graffiti, GroupSlotSeam groupSlots) {
    this.versions = versions;
    this.groupSlots = groupSlots;
    this.members = new HeldMembers(node);
    this.node = node;
    this.signer = signer;
    this.states = states;
    this.clock = clock;
    this.feeRecipient = feeRecipient;
    this.graffiti = graffiti;
    this.sync = new SyncCommitteeDuty(versions, signer);
    signer.publicKeys().forEach(k -> keys.put(k.toBytes(), k));
  }

  /** The slot hook: propose now, attest at 1/3, aggregate at 2/3 (on {@code scheduler}, the duties' thread). */
  void onSlot(UInt64 slot, ScheduledExecutorService scheduler) {
    long third = clock.slotDurationMs() / 3;
    long into = clock.millisIntoSlot();
    run("duties of slot " + slot, () -> prepare(slot));
    run("proposal of slot " + slot, () -> propose(slot));
    scheduler.schedule(() -> {
      run("attestations of slot " + slot, () -> attest(slot));
      run("sync committee messages of slot " + slot, () -> syncMessages(slot));
    }, Math.max(0, third - into), TimeUnit.MILLISECONDS);
    scheduler.schedule(() -> {
      run("aggregates of slot " + slot, () -> aggregate(slot));
      run("sync committee contributions of slot " + slot, () -> contribute(slot));
    }, Math.max(0, 2 * third - into), TimeUnit.MILLISECONDS);
  }

  private static void run(String what, Runnable duty) {
    try {
      duty.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "{0} failed: {1}", what, e.getMessage());
    }
  }

  /** Indices of keys not yet known, the epoch's and the next epoch's duties (with subscriptions and fee recipients). */
  private void prepare(UInt64 slot) {
    UInt64 epoch = epochOf(slot);
    // once per epoch (a held member key stays unknown as a validator for good)
    if (byIndex.size() < keys.size() && !epoch.equals(indicesLookedUp)) {
      int before = byIndex.size();
      node.validatorIndices(memberCandidates()).forEach((pubkey, index) -> byIndex.put(index, keys.get(pubkey)));
      indicesLookedUp = epoch;
      if (before != byIndex.size() || before == 0) {
        LOG.log(System.Logger.Level.INFO, "{0} of {1} keys are validators in the head state; the others are asked about as group "
            + "member keys", byIndex.size(), keys.size());
      }
    }
    logWork(epoch);
    dutiesOf(epoch);
    if (!duties.containsKey(epoch.plus(1))) {
      EpochDuties next = dutiesOf(epoch.plus(1));
      BeaconState state = states.atEpoch(epoch.plus(1));
      node.subscribe(next.attesters(), d -> DutyCalculator.isAggregator(d.committeeLength(),
          signer.selectionProof(keyOf(d.pubkey()), state, d.slot())));
      Map<Long, Bytes> recipients = new LinkedHashMap<>();
      byIndex.keySet().forEach(i -> recipients.put(i, feeRecipient));
      node.prepareBeaconProposers(recipients);
      node.subscribeSync(next.sync(), epoch.plus(2));
    }
    duties.keySet().removeIf(e -> e.plus(2).isLessThan(epoch));
    signedData.keySet().removeIf(s -> s.plus(64).isLessThan(slot));
    syncRoots.keySet().removeIf(s -> s.plus(64).isLessThan(slot));
  }

  /** When {@code epoch} is a new one: what the node took of the last epoch's attestations and sync committee work, if any. */
  private void logWork(UInt64 epoch) {
    UInt64 last = syncEpoch;
    if (epoch.equals(last)) {
      return;
    }
    syncEpoch = epoch;
    int attestations = attestationsTaken.getAndSet(0);
    int aggregates = aggregatesTaken.getAndSet(0);
    int messages = syncMessagesTaken.getAndSet(0);
    int contributions = contributionsTaken.getAndSet(0);
    if (last != null && attestations + aggregates > 0) {
      LOG.log(System.Logger.Level.INFO, "Epoch {0} attestations: {1} single attestations and {2} aggregates taken by the node", last,
          attestations, aggregates);
    }
    if (last != null && messages + contributions > 0) {
      LOG.log(System.Logger.Level.INFO, "Epoch {0} sync committee: {1} messages and {2} contributions taken by the node", last,
          messages, contributions);
    }
  }

  private EpochDuties dutiesOf(UInt64 epoch) {
    EpochDuties known = duties.get(epoch);
    if (known != null) {
      return known;
    }
    List<AttesterDuty> attesters = new ArrayList<>(node.attesterDuties(epoch, List.copyOf(byIndex.keySet())));
    List<SyncDuty> syncDuties = new ArrayList<>(node.syncDuties(epoch, List.copyOf(byIndex.keySet())));
    List<Bytes48> candidates = memberCandidates();
    int memberAttestations = 0;
    if (!candidates.isEmpty()) {
      List<AttesterDuty> memberDuties = node.memberAttesterDuties(epoch, candidates);
      members.seen(memberDuties);
      attesters.addAll(memberDuties);
      memberAttestations = memberDuties.size();
      syncDuties.addAll(node.memberSyncDuties(epoch, candidates));
    }
    List<ProposerDuty> all = node.proposerDuties(epoch);
    List<ProposerDuty> proposers = all.stream().filter(p -> byIndex.containsKey(p.validatorIndex())).toList();
    List<ProposerDuty> groupSlots = all.stream().filter(p -> !members.membersOf(p.validatorIndex()).isEmpty()).toList();
    EpochDuties fresh = new EpochDuties(List.copyOf(attesters), proposers, groupSlots, List.copyOf(syncDuties));
    duties.put(epoch, fresh);
    LOG.log(System.Logger.Level.INFO, "Epoch {0} duties: {1} attestations ({2} by member keys), {3} proposals, {4} group slots, "
        + "{5} sync committee members", epoch, attesters.size(), memberAttestations, proposers.size(), groupSlots.size(),
        syncDuties.size());
    return fresh;
  }

  /** The held keys not known as validators in the registry: possibly group member keys. */
  private List<Bytes48> memberCandidates() {
    return keys.keySet().stream().filter(k -> !byIndex.containsValue(keys.get(k))).sorted().toList();
  }

  private UInt64 epochOf(UInt64 slot) {
    return versions.forSlot(slot).misc().computeEpochAtSlot(slot);
  }

  private BlsPublicKey keyOf(long validatorIndex) {
    BlsPublicKey key = byIndex.get(validatorIndex);
    if (key == null) {
      throw new IllegalStateException("no key held for validator " + validatorIndex);
    }
    return key;
  }

  /** The held key of a duty (the node answers only for keys it was asked about). */
  private BlsPublicKey keyOf(Bytes48 pubkey) {
    BlsPublicKey key = keys.get(pubkey);
    if (key == null) {
      throw new IllegalStateException("the node gave a duty of key " + pubkey + ", which this client does not hold");
    }
    return key;
  }

  /** Proposes {@code slot} when one of the held validators is its proposer. */
  Optional<SignedBeaconBlock> propose(UInt64 slot) {
    UInt64 epoch = epochOf(slot);
    EpochDuties epochDuties = dutiesOf(epoch);
    for (ProposerDuty group : epochDuties.groupSlots()) {
      if (group.slot().equals(slot)) {
        groupSlots.groupSlotDue(slot, group.validatorIndex(), members.membersOf(group.validatorIndex()));
      }
    }
    for (ProposerDuty duty : epochDuties.proposers()) {
      if (!duty.slot().equals(slot)) {
        continue;
      }
      BlsPublicKey key = keyOf(duty.validatorIndex());
      BeaconState state = states.atEpoch(epoch);
      Bytes randao = signer.randaoReveal(key, state, epoch);
      BeaconBlock block = node.produceBlock(slot, randao, graffiti);
      if (!block.slot().equals(slot) || block.proposerIndex().longValue() != duty.validatorIndex()) {
        throw new IllegalStateException("the node's block is for slot " + block.slot() + " and proposer " + block.proposerIndex()
            + ", not slot " + slot + " and validator " + duty.validatorIndex() + ": not signed");
      }
      Optional<Bytes> signature = signer.block(key, state, block);
      if (signature.isEmpty()) {
        return Optional.empty();
      }
      SignedBeaconBlock signed = SignedBlocks.plain(versions, state, block, signature.get());
      node.publishBlock(signed);
      LOG.log(System.Logger.Level.INFO, "Proposed block slot {0} root {1} proposer {2}", slot, block.hashTreeRoot(),
          duty.validatorIndex());
      return Optional.of(signed);
    }
    return Optional.empty();
  }

  /** Signs and submits the single attestations of {@code slot}: one attestation data per committee, from the node. */
  List<SingleAttestation> attest(UInt64 slot) {
    UInt64 epoch = epochOf(slot);
    BeaconState state = states.atEpoch(epoch);
    Map<Integer, AttestationData> data = signedData.computeIfAbsent(slot, s -> new ConcurrentHashMap<>());
    List<SingleAttestation> out = new ArrayList<>();
    for (AttesterDuty duty : dutiesOf(epoch).attesters()) {
      if (!duty.slot().equals(slot)) {
        continue;
      }
      AttestationData d = data.computeIfAbsent(duty.committeeIndex(), c -> node.attestationData(slot, c));
      Optional<Bytes> signature = signer.attestation(keyOf(duty.pubkey()), state, d);
      signature.ifPresent(sig -> out.add(SingleAttestation.create(UInt64.valueOf(duty.committeeIndex()),
          UInt64.fromLongBits(duty.virtualIndex()), d, sig)));
    }
    node.submitAttestations(out);
    attestationsTaken.addAndGet(out.size());
    return out;
  }

  /** Aggregates for the duties of {@code slot} whose selection proof selects them, over the data they attested. */
  List<SignedAggregateAndProof> aggregate(UInt64 slot) {
    UInt64 epoch = epochOf(slot);
    BeaconState state = states.atEpoch(epoch);
    SpecFulu spec = versions.forState(state);
    Map<Integer, AttestationData> data = signedData.getOrDefault(slot, Map.of());
    List<SignedAggregateAndProof> out = new ArrayList<>();
    for (AttesterDuty duty : dutiesOf(epoch).attesters()) {
      AttestationData d = data.get(duty.committeeIndex());
      if (!duty.slot().equals(slot) || d == null) {
        continue;
      }
      BlsPublicKey key = keyOf(duty.pubkey());
      Bytes proof = signer.selectionProof(key, state, slot);
      if (!DutyCalculator.isAggregator(duty.committeeLength(), proof)) {
        continue;
      }
      Optional<Attestation> aggregate = node.aggregate(d.hashTreeRoot(), slot, duty.committeeIndex());
      if (aggregate.isEmpty()) {
        continue;
      }
      AggregateAndProof message = AggregateAndProof.create(spec.schemas().aggregateAndProof(),
          UInt64.fromLongBits(duty.virtualIndex()), aggregate.get(), proof);
      out.add(SignedAggregateAndProof.create(spec.schemas().signedAggregateAndProof(), message,
          signer.aggregateAndProof(key, state, message)));
    }
    node.submitAggregates(out);
    aggregatesTaken.addAndGet(out.size());
    return out;
  }

  /**
   * Signs and submits the sync committee messages of {@code slot} over the node's head block, one per
   * held member of the committee that signs at the slot (that of {@code slot + 1}'s epoch,
   * {@link SyncCommitteeDuty#committeeEpoch}).
   */
  List<SyncCommitteeMessage> syncMessages(UInt64 slot) {
    UInt64 epoch = epochOf(slot);
    List<SyncDuty> members = dutiesOf(sync.committeeEpoch(slot)).sync();
    if (members.isEmpty()) {
      return List.of();
    }
    BeaconState state = states.atEpoch(epoch);
    Bytes32 root = node.headRoot();
    syncRoots.put(slot, root);
    List<SyncCommitteeMessage> out = new ArrayList<>();
    for (SyncDuty duty : members) {
      out.add(sync.message(keyOf(duty.pubkey()), duty.virtualIndex(), state, slot, root));
    }
    node.submitSyncCommitteeMessages(out);
    syncMessagesTaken.addAndGet(out.size());
    return out;
  }

  /**
   * Contributions of the subcommittees where a held member's selection proof selects it: the node's
   * best over the root our messages of {@code slot} signed, signed as that member. None when we sent
   * no messages in {@code slot}.
   */
  List<SignedContributionAndProof> contribute(UInt64 slot) {
    Bytes32 root = syncRoots.get(slot);
    if (root == null) {
      return List.of();
    }
    UInt64 epoch = epochOf(slot);
    BeaconState state = states.atEpoch(epoch);
    List<SignedContributionAndProof> out = new ArrayList<>();
    for (SyncDuty duty : dutiesOf(sync.committeeEpoch(slot)).sync()) {
      BlsPublicKey key = keyOf(duty.pubkey());
      for (Map.Entry<Integer, Bytes> selected : sync.aggregatorSubnets(key, state, slot, duty.committeeIndices()).entrySet()) {
        node.syncContribution(slot, selected.getKey(), root).ifPresent(c ->
            out.add(sync.contribution(key, duty.virtualIndex(), state, c, selected.getValue())));
      }
    }
    node.submitContributions(out);
    contributionsTaken.addAndGet(out.size());
    return out;
  }
}
