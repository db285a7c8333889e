package io.edvt.node.validator;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.crypto.bls.BlsSignature;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.time.SlotClock;
import io.edvt.node.validator.duties.Duties;
import io.edvt.node.validator.duties.DutyCalculator;
import io.edvt.node.validator.duties.MemberAssignment;
import io.edvt.node.validator.slashing.SlashingProtection;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.operations.SingleAttestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.validator.SignedAggregateAndProof;
import io.edvt.spec.datastructures.validator.SyncCommitteeMessage;
import io.edvt.spec.edvt.MultiForkStateTransition;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.testing.EdvtChainBuilder.GroupSpec;
import io.edvt.spec.edvt.testing.EdvtChainBuilder;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.SpecConstants;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Duties on a real EDVT chain (minimal preset, 64 interop validators; validator 5 is a 3-of-4 group,
 * validator 9 a 2-of-4 group, both in force from epoch 1; blocks with real signatures).
 */
class ValidatorDutiesTest {
  static SpecVersions versions;
  static EdvtChainBuilder chain;
  static final int GROUP = 5;
  static final int WEAK_GROUP = 9;

  @TempDir Path dir;

  @BeforeAll
  static void buildChain() {
    versions = new SpecVersions(EdvtConfig.load("minimal", Map.of("EDVT_FORK_EPOCH", "2")));
    EdvtFixtures fixtures = new EdvtFixtures(versions.fulu(), versions.edvt());
    chain = EdvtChainBuilder.withGroups(fixtures, 24, List.of(new GroupSpec(GROUP, 3, 4), new GroupSpec(WEAK_GROUP, 2, 4)));
    chain.addBlocksUpTo(UInt64.valueOf(27));
  }

  private static List<BlsSecretKey> allKeys() {
    List<BlsSecretKey> keys = new ArrayList<>();
    for (int i = 0; i < EdvtFixtures.VALIDATORS; i++) {
      keys.add(BlsSecretKey.interop(i));
    }
    for (int j = 0; j < 4; j++) {
      keys.add(EdvtFixtures.memberKey(GROUP, j));
      keys.add(EdvtFixtures.memberKey(WEAK_GROUP, j));
    }
    return keys;
  }

  @Test
  void attesterDutiesAreTheExpandedCommitteesAndProposersTheLookahead() {
    DutyCalculator calculator = new DutyCalculator(versions);
    BeaconState state = chain.headState();
    MutableBeaconState view = new MutableBeaconState(state);
    UInt64 epoch = versions.edvt().accessors().getCurrentEpoch(view);
    Duties duties = calculator.duties(state, epoch, allKeys().stream().map(BlsSecretKey::publicKey).toList());
    int expected = 0;
    UInt64 start = versions.edvt().misc().computeStartSlotAtEpoch(epoch);
    int committees = versions.edvt().accessors().getCommitteeCountPerSlot(view, epoch);
    for (int s = 0; s < 8; s++) {
      for (int c = 0; c < committees; c++) {
        expected += versions.edvt().accessors().getExpandedBeaconCommittee(view, start.plus(s), c).length;
      }
    }
    // every signer of every expanded committee is held: one duty each, at its committee position
    assertThat(duties.attesters()).hasSize(expected);
    for (Duties.Attester a : duties.attesters()) {
      long[] committee = versions.edvt().accessors().getExpandedBeaconCommittee(view, a.slot(), a.committeeIndex());
      assertThat(committee[a.positionInCommittee()]).isEqualTo(a.virtualIndex());
      assertThat(a.committeeLength()).isEqualTo(committee.length);
    }
    assertThat(duties.attesters()).filteredOn(a -> VirtualIndex.validatorIndexOf(a.virtualIndex()) == GROUP).hasSize(4);
    // proposers: the lookahead's, plain ones as proposals, groups' slots to the seam (one entry per held member)
    for (int s = 0; s < 8; s++) {
      UInt64 slot = start.plus(s);
      long proposer = view.proposerLookahead().get(s).longValue();
      if (proposer == GROUP || proposer == WEAK_GROUP) {
        assertThat(duties.groupProposers()).filteredOn(g -> g.slot().equals(slot)).hasSize(4);
      } else {
        assertThat(duties.proposers()).filteredOn(p -> p.slot().equals(slot)).extracting(Duties.Proposer::validatorIndex).containsExactly(proposer);
      }
    }
    // sync committee: every seat of the current committee is held by someone
    assertThat(duties.syncMembers().stream().mapToInt(m -> m.positions().size()).sum()).isEqualTo(versions.config().syncCommitteeSize());
    assertThat(calculator.warnedAbout(WEAK_GROUP)).isTrue();
    assertThat(calculator.warnedAbout(GROUP)).isFalse();
  }

  @Test
  void aMemberKeyIsFoundFromTheStateAndAttestsAsItsVirtualIndex() {
    BlsSecretKey member = EdvtFixtures.memberKey(GROUP, 2);
    DutyCalculator calculator = new DutyCalculator(versions);
    BeaconState state = chain.headState();
    UInt64 epoch = versions.edvt().accessors().getCurrentEpoch(new MutableBeaconState(state));
    List<MemberAssignment> assignments = calculator.assignments(state, epoch, List.of(member.publicKey())).get(member.publicKey());
    assertThat(assignments).containsExactly(new MemberAssignment(GROUP, 2, 3, 4, UInt64.ONE, SpecConstants.FAR_FUTURE_EPOCH));

    try (SlashingProtection protection = SlashingProtection.open(dir, state.genesisValidatorsRoot())) {
      Recorder publisher = new Recorder();
      Signer signer = new Signer(versions, protection, List.of(member, BlsSecretKey.interop(1)));
      ValidatorDuties duties = new ValidatorDuties(versions, signer, () -> new ValidatorDuties.Head(chain.headRoot(), chain.headState()),
          publisher, (data, committee) -> Optional.empty(), (head, slot, randao, proposer) -> Optional.empty(), GroupProposalSeam.NONE);
      UInt64 nextEpochStart = versions.edvt().misc().computeStartSlotAtEpoch(epoch.plus(1));
      Duties.Attester duty = duties.dutiesFor(nextEpochStart).attesters().stream()
          .filter(a -> a.key().equals(member.publicKey())).findFirst().orElseThrow();
      assertThat(duty.virtualIndex()).isEqualTo(VirtualIndex.compute(GROUP, 2));
      assertThat(duty.slot()).isGreaterThan(state.slot()); // the test's head is before the duty
      List<SingleAttestation> made = duties.attest(duty.slot());
      SingleAttestation mine = made.stream().filter(a -> a.attesterIndex().longValue() == duty.virtualIndex()).findFirst().orElseThrow();
      assertThat(publisher.attestations).contains(mine);
      assertThat(duties.attest(duty.slot())).as("once per slot").isEmpty();

      // process_attestation with signatures checked accepts it, as an aggregate of one
      BeaconState inclusion = new MultiForkStateTransition(versions).processSlots(chain.headState(), duty.slot().plus(1));
      MutableBeaconState target = new MutableBeaconState(inclusion);
      Attestation onChain = Attestation.create(versions.edvt().schemas().attestation(),
          SszBits.withSet(duty.committeeLength(), duty.positionInCommittee()), mine.data(), mine.signature(),
          SszBits.withSet(versions.config().maxCommitteesPerSlot(), duty.committeeIndex()));
      versions.edvt().blockProcessor().processAttestation(target, onChain, SignatureVerifier.SIMPLE);
      BlsPublicKey virtualKey = versions.edvt().accessors().virtualPublicKey(target, duty.virtualIndex(), mine.data().target().epoch()).orElseThrow();
      assertThat(virtualKey).isEqualTo(member.publicKey());

      // slashing protection: another vote for the same target is refused, the same one repeats
      AttestationData other = AttestationData.create(mine.data().slot(), UInt64.ZERO, Bytes32.repeat((byte) 1), mine.data().source(),
          mine.data().target());
      assertThat(signer.attestation(member.publicKey(), inclusion, other)).isEmpty();
      assertThat(signer.attestation(member.publicKey(), inclusion, mine.data())).contains(mine.signature());
      AttestationData surrounding = AttestationData.create(mine.data().slot(), UInt64.ZERO, chain.headRoot(),
          Checkpoint.create(UInt64.ZERO, Bytes32.ZERO), Checkpoint.create(mine.data().target().epoch().plus(1), Bytes32.ZERO));
      assertThat(signer.attestation(member.publicKey(), inclusion, surrounding)).isEmpty();
    }
  }

  @Test
  void aggregatorsAndSyncMessagesSignWithTheRightDomains() {
    BeaconState state = chain.headState();
    try (SlashingProtection protection = SlashingProtection.open(dir, state.genesisValidatorsRoot())) {
      Recorder publisher = new Recorder();
      List<BlsSecretKey> keys = allKeys();
      Signer signer = new Signer(versions, protection, keys);
      List<Attestation> pool = new CopyOnWriteArrayList<>();
      ValidatorDuties duties = new ValidatorDuties(versions, signer, () -> new ValidatorDuties.Head(chain.headRoot(), chain.headState()),
          publisher, (data, committee) -> committee == 0 ? pool.stream().filter(a -> a.data().equals(data)).findFirst() : Optional.empty(),
          (head, slot, randao, proposer) -> Optional.empty(), GroupProposalSeam.NONE);
      UInt64 slot = state.slot().plus(1);
      List<SingleAttestation> made = duties.attest(slot);
      assertThat(made).isNotEmpty();
      // the pool's aggregate: every attestation of committee 0 of the slot
      Duties.Attester first = duties.dutiesFor(slot).attesters().stream().filter(a -> a.slot().equals(slot) && a.committeeIndex() == 0).findFirst().orElseThrow();
      List<Integer> positions = new ArrayList<>();
      List<BlsSignature> signatures = new ArrayList<>();
      for (Duties.Attester a : duties.dutiesFor(slot).attesters()) {
        if (a.slot().equals(slot) && a.committeeIndex() == 0) {
          positions.add(a.positionInCommittee());
          signatures.add(BlsSignature.fromBytes(made.stream().filter(m -> m.attesterIndex().longValue() == a.virtualIndex()).findFirst().orElseThrow().signature()));
        }
      }
      pool.add(Attestation.create(versions.edvt().schemas().attestation(),
          SszBits.withSet(first.committeeLength(), positions.stream().mapToInt(Integer::intValue).toArray()), made.get(0).data(),
          Bls.aggregate(signatures).toBytes(), SszBits.withSet(versions.config().maxCommitteesPerSlot(), 0)));
      List<SignedAggregateAndProof> aggregates = duties.aggregate(slot);
      MutableBeaconState view = new MutableBeaconState(new MultiForkStateTransition(versions).processSlots(state, slot));
      // committees of the minimal preset are short: every member is an aggregator (modulo 1)
      assertThat(first.committeeLength()).isLessThan(2 * DutyCalculator.TARGET_AGGREGATORS_PER_COMMITTEE);
      long expectedAggregators = duties.dutiesFor(slot).attesters().stream()
          .filter(a -> a.slot().equals(slot) && a.committeeIndex() == 0)
          .filter(a -> DutyCalculator.isAggregator(a.committeeLength(), signer.selectionProof(a.key(), state, slot))).count();
      assertThat(aggregates).hasSize((int) expectedAggregators).isNotEmpty();
      for (SignedAggregateAndProof signed : aggregates) {
        long aggregator = signed.message().aggregatorIndex().longValue();
        BlsPublicKey key = versions.edvt().accessors().virtualPublicKey(view, aggregator, versions.edvt().misc().computeEpochAtSlot(slot)).orElseThrow();
        Bytes32 domain = versions.edvt().accessors().getDomain(view, SpecConstants.DOMAIN_AGGREGATE_AND_PROOF, versions.edvt().misc().computeEpochAtSlot(slot));
        assertThat(Bls.verify(key, versions.edvt().misc().computeSigningRoot(signed.message().hashTreeRoot(), domain),
            BlsSignature.fromBytes(signed.signature()))).isTrue();
        Bytes32 selectionDomain = versions.edvt().accessors().getDomain(view, SpecConstants.DOMAIN_SELECTION_PROOF, versions.edvt().misc().computeEpochAtSlot(slot));
        assertThat(Bls.verify(key, versions.edvt().misc().computeSigningRoot(slot, selectionDomain),
            BlsSignature.fromBytes(signed.message().selectionProof()))).isTrue();
      }
      // sync committee messages: one per held seat holder, signed over the head root
      assertThat(publisher.syncMessages).isNotEmpty();
      for (SyncCommitteeMessage m : publisher.syncMessages) {
        BlsPublicKey key = versions.edvt().accessors().virtualPublicKey(view, m.validatorIndex().longValue(), versions.edvt().misc().computeEpochAtSlot(slot)).orElseThrow();
        Bytes32 domain = versions.edvt().accessors().getDomain(view, SpecConstants.DOMAIN_SYNC_COMMITTEE, versions.edvt().misc().computeEpochAtSlot(slot));
        assertThat(m.beaconBlockRoot()).isEqualTo(chain.headRoot());
        assertThat(Bls.verify(key, versions.edvt().misc().computeSigningRoot(m.beaconBlockRoot(), domain), BlsSignature.fromBytes(m.signature()))).isTrue();
      }
    }
  }

  @Test
  void theNextEpochsDutiesAreComputedAheadAtTwoThirdsOfASlot() throws Exception {
    BeaconState state = chain.headState(); // slot 27: epoch 3 ends with slot 31
    try (SlashingProtection protection = SlashingProtection.open(dir, state.genesisValidatorsRoot())) {
      AtomicReference<ValidatorDuties.Head> head = new AtomicReference<>(new ValidatorDuties.Head(chain.headRoot(), state));
      Recorder recorder = new Recorder();
      ValidatorDuties duties = new ValidatorDuties(versions, new Signer(versions, protection, allKeys()), head::get,
          recorder, (data, committee) -> Optional.empty(), (h, slot, randao, proposer) -> Optional.empty(),
          GroupProposalSeam.NONE);
      Duties expected = new DutyCalculator(versions).duties(new MultiForkStateTransition(versions).processSlots(state,
          UInt64.valueOf(32)), UInt64.valueOf(4), new Signer(versions, protection, allKeys()).publicKeys());
      ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
      try {
        duties.onSlot(UInt64.valueOf(31), new SlotClock(0, 300, 8, InstantSource.system()), scheduler);
        scheduler.schedule(() -> { }, 400, TimeUnit.MILLISECONDS).get(); // after the slot's 2/3 task (200 ms)
        // computing an epoch's duties subscribes to its subnets: epoch 4's first slot is 32
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (recorder.subscribedSlots.stream().noneMatch(s -> s >= 32) && System.nanoTime() < deadline) {
          java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // poll: computed on their own thread
        }
      } finally {
        scheduler.shutdownNow();
      }
      head.set(null); // epoch 4's first slot must not need the head for its duties: they were computed ahead
      Duties epoch4 = duties.dutiesFor(UInt64.valueOf(32));
      assertThat(epoch4.epoch()).isEqualTo(UInt64.valueOf(4));
      assertThat(epoch4.attesters()).isEqualTo(expected.attesters()).isNotEmpty();
      assertThat(epoch4.proposers()).isEqualTo(expected.proposers());
    }
  }

  /** "virtual index/subnet" of every seat of {@code members}. */
  private static java.util.Set<String> seats(List<Duties.SyncMember> members) {
    SyncCommitteeDuty sync = new SyncCommitteeDuty(versions, null);
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (Duties.SyncMember m : members) {
      sync.subnets(m.positions()).forEach(subnet -> out.add(m.virtualIndex() + "/" + subnet));
    }
    return out;
  }

  @Test
  void atTheLastSlotOfASyncCommitteePeriodTheNextPeriodsCommitteeSigns() {
    long period = versions.config().epochsPerSyncCommitteePeriod();
    long slotsPerEpoch = versions.config().slotsPerEpoch();
    // period 0 and 1 have the same committee (genesis sets both from one draw): the boundary of periods 1 and 2,
    // slot 127, whose messages go into block 128, of period 2
    UInt64 lastSlot = UInt64.valueOf(2 * period * slotsPerEpoch - 1);
    BeaconState state = chain.headState();
    try (SlashingProtection protection = SlashingProtection.open(dir, state.genesisValidatorsRoot())) {
      Recorder publisher = new Recorder();
      Signer signer = new Signer(versions, protection, allKeys());
      ValidatorDuties duties = new ValidatorDuties(versions, signer, () -> new ValidatorDuties.Head(chain.headRoot(), chain.headState()),
          publisher, (data, committee) -> Optional.empty(), (head, slot, randao, proposer) -> Optional.empty(), GroupProposalSeam.NONE);
      java.util.Set<String> current = seats(duties.dutiesOfEpoch(UInt64.valueOf(2 * period - 1)).syncMembers());
      java.util.Set<String> next = seats(duties.dutiesOfEpoch(UInt64.valueOf(2 * period)).syncMembers());
      assertThat(current).isNotEqualTo(next); // else this test could not tell them apart

      duties.attest(lastSlot.minus(1));
      assertThat(new java.util.TreeSet<>(publisher.syncSeats)).isEqualTo(current);
      publisher.syncSeats.clear();
      duties.attest(lastSlot);
      assertThat(new java.util.TreeSet<>(publisher.syncSeats)).isEqualTo(next);
      // and the gossip check takes them: each signer is in the subcommittee of the committee of slot 128
      BeaconState at = new MultiForkStateTransition(versions).processSlots(state, lastSlot);
      var helpers = new io.edvt.networking.eth2.validation.GossipHelpers(versions.config(), versions.edvt().misc());
      MutableBeaconState view = new MutableBeaconState(at);
      for (String seat : publisher.syncSeats) {
        long index = Long.parseLong(seat.split("/")[0]);
        int subnet = Integer.parseInt(seat.split("/")[1]);
        BlsPublicKey key = versions.edvt().accessors().virtualPublicKey(view, index, UInt64.valueOf(2 * period - 1)).orElseThrow();
        assertThat(helpers.getSyncSubcommitteePubkeys(at, subnet)).as("seat %s", seat).contains(key.toBytes());
      }
    }
  }

  static final class Recorder implements DutyPublisher {
    final List<SingleAttestation> attestations = new CopyOnWriteArrayList<>();
    final List<SignedAggregateAndProof> aggregates = new CopyOnWriteArrayList<>();
    final List<SyncCommitteeMessage> syncMessages = new CopyOnWriteArrayList<>();
    /** "virtual index/subnet" of each sync committee message published. */
    final List<String> syncSeats = new CopyOnWriteArrayList<>();
    final List<Long> subscribedSlots = new CopyOnWriteArrayList<>();

    @Override
    public void subscribe(int subnet, UInt64 slot, boolean aggregator) {
      subscribedSlots.add(slot.longValue());
    }
    final List<SignedBeaconBlock> blocks = new CopyOnWriteArrayList<>();

    @Override
    public void attestation(SingleAttestation attestation, int subnet) {
      attestations.add(attestation);
    }

    @Override
    public void aggregate(SignedAggregateAndProof aggregate) {
      aggregates.add(aggregate);
    }

    @Override
    public void syncCommitteeMessage(SyncCommitteeMessage message, int subnet) {
      syncMessages.add(message);
      syncSeats.add(message.validatorIndex() + "/" + subnet);
    }

    @Override
    public void block(SignedBeaconBlock block) {
      blocks.add(block);
    }
  }
}
