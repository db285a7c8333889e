package io.edvt.node.validator.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.chain.AttestationIntake;
import io.edvt.node.chain.AttestationPool;
import io.edvt.node.chain.BlockSource;
import io.edvt.node.chain.Chain;
import io.edvt.node.chain.ChainLoader;
import io.edvt.node.chain.ChainOptions;
import io.edvt.node.chain.ImportResult;
import io.edvt.node.chain.OperationPool;
import io.edvt.node.chain.PooledBlockProductionInputs;
import io.edvt.node.execution.embedded.EmbeddedEngine;
import io.edvt.node.storage.Anchor;
import io.edvt.node.storage.ChainStorage;
import io.edvt.node.storage.StorageMode;
import io.edvt.node.storage.StorageOptions;
import io.edvt.node.storage.memory.InMemoryChainStorage;
import io.edvt.node.time.SlotClock;
import io.edvt.node.validator.DutyPublisher;
import io.edvt.node.validator.GroupProposalSeam;
import io.edvt.node.validator.Signer;
import io.edvt.node.validator.ValidatorDuties;
import io.edvt.node.validator.duties.Duties;
import io.edvt.node.validator.production.EngineBlockProducer;
import io.edvt.node.validator.slashing.SlashingProtection;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.BeaconBlockBody;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.operations.SingleAttestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.validator.SignedAggregateAndProof;
import io.edvt.spec.datastructures.validator.SyncCommitteeMessage;
import io.edvt.spec.edvt.MultiForkStateTransition;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.datastructures.blocks.BeaconBlockBodyEdvt;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockEdvt;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockProposal;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockSignoff;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.GenesisFulu;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group proposals on a real EDVT chain in one process, slot by slot with a hand-moved clock: an
 * EDVT genesis of 64 interop validators (minimal preset, 6 s slots, turns of 499 ms) where
 * validator 5 is a 3-of-4 group in force from epoch 1, its balance raised so it proposes often.
 * One {@link ValidatorDuties} holds the 64 plain keys; a second one holds member keys and hands
 * its group's slots to {@link GroupProposer}, which builds with {@link EngineBlockProducer} on the
 * embedded engine. The assembled blocks go through the chain's importer (full state transition
 * with the group signature checked). Time is simulated: a task scheduled at {@code t} ms runs with
 * the clock at {@code t}.
 */
class GroupProposerTest {
  private static final int VALIDATORS = 64;
  private static final int GROUP = 5;
  private static final int M = 3;
  private static final int N = 4;
  private static final String GRAFFITI = "edvt group test";

  @TempDir Path dir;

  /** A single-threaded scheduler over simulated time. */
  static final class ManualScheduler implements GroupProposer.Scheduler {
    private record Task(long at, long seq, Runnable run) {}

    private final PriorityQueue<Task> queue = new PriorityQueue<>(
        Comparator.comparingLong(Task::at).thenComparingLong(Task::seq));
    private final AtomicLong now;
    private long seq;

    ManualScheduler(AtomicLong now) {
      this.now = now;
    }

    @Override
    public void execute(Runnable task) {
      queue.add(new Task(now.get(), seq++, task));
    }

    @Override
    public void schedule(Runnable task, long delayMs) {
      queue.add(new Task(now.get() + delayMs, seq++, task));
    }

    void runUntil(long until) {
      while (!queue.isEmpty() && queue.peek().at() <= until) {
        Task task = queue.poll();
        now.set(Math.max(now.get(), task.at()));
        task.run().run();
      }
    }
  }

  /** Plain blocks into the importer; attestations into the intake. */
  private static final class LocalPublisher implements DutyPublisher {
    final Chain chain;
    final AttestationIntake intake;
    final List<ImportResult> imports = new ArrayList<>();
    BeaconState headState;

    LocalPublisher(Chain chain, AttestationIntake intake) {
      this.chain = chain;
      this.intake = intake;
    }

    @Override
    public void attestation(SingleAttestation attestation, int subnet) {
      intake.onSingleAttestation(attestation, headState);
    }

    @Override
    public void aggregate(SignedAggregateAndProof aggregate) {}

    @Override
    public void syncCommitteeMessage(SyncCommitteeMessage message, int subnet) {}

    @Override
    public void block(SignedBeaconBlock block) {
      imports.add(chain.importer().importBlock(block, BlockSource.RPC).join());
    }
  }

  /** The member topics of a node alone on the network: messages recorded, blocks imported. */
  private static final class Topics implements GroupProposer.MemberTopics {
    final Chain chain;
    final List<GroupBlockProposal> proposals = new ArrayList<>();
    final List<GroupBlockSignoff> signoffs = new ArrayList<>();
    final Map<Long, ImportResult> groupImports = new HashMap<>();
    final Map<Long, SignedBeaconBlockEdvt> published = new HashMap<>();

    Topics(Chain chain) {
      this.chain = chain;
    }

    @Override
    public void proposal(GroupBlockProposal proposal) {
      proposals.add(proposal);
    }

    @Override
    public void signoff(GroupBlockSignoff signoff) {
      signoffs.add(signoff);
    }

    @Override
    public void block(SignedBeaconBlock block) {
      published.put(block.message().slot().longValue(), SignedBeaconBlockEdvt.toVersionEdvt(block).orElseThrow());
      groupImports.put(block.message().slot().longValue(), chain.importer().importBlock(block, BlockSource.RPC).join());
    }
  }

  /** A chain, its engine and clock, plain validators, and the members' duties when created. */
  private final class Net implements AutoCloseable {
    final SpecVersions versions = new SpecVersions(EdvtConfig.load("minimal", Map.of("EDVT_FORK_EPOCH", "0")));
    final AtomicLong now = new AtomicLong();
    final long slotMs = versions.config().slotDurationMs();
    final SlotClock clock = new SlotClock(0, slotMs, versions.config().slotsPerEpoch(), () -> Instant.ofEpochMilli(now.get()));
    final ManualScheduler scheduler = new ManualScheduler(now);
    final BeaconState genesis = edvtGenesis(versions);
    final EmbeddedEngine engine = new EmbeddedEngine(versions.fulu().schemas(), genesis.latestExecutionPayloadHeader());
    final ChainStorage storage = InMemoryChainStorage.create(versions, StorageOptions.defaults(StorageMode.PRUNE, versions.config()),
        Anchor.genesis(versions, genesis));
    final Chain chain = ChainLoader.load(versions, storage, engine, clock, ChainOptions.defaults());
    final SlashingProtection plainProtection = SlashingProtection.open(dir.resolve("plain"), genesis.genesisValidatorsRoot());
    final SlashingProtection memberProtection = SlashingProtection.open(dir.resolve("members"), genesis.genesisValidatorsRoot());
    final AttestationPool pool = AttestationPool.create();
    final AttestationIntake intake = new AttestationIntake(versions, pool, chain);
    final EngineBlockProducer producer = new EngineBlockProducer(versions, engine,
        new PooledBlockProductionInputs(versions, pool, new OperationPool(versions, 64)), Bytes.wrap(new byte[20]), GRAFFITI);
    final LocalPublisher publisher = new LocalPublisher(chain, intake);
    final Topics topics = new Topics(chain);
    final ValidatorDuties plain;
    ValidatorDuties members;
    GroupProposer proposer;
    Signer memberSigner;

    Net() {
      List<BlsSecretKey> keys = new ArrayList<>();
      for (int i = 0; i < VALIDATORS; i++) {
        keys.add(BlsSecretKey.interop(i));
      }
      plain = new ValidatorDuties(versions, new Signer(versions, plainProtection, keys), this::head, publisher,
          (data, committee) -> Optional.empty(), producer, GroupProposalSeam.NONE);
    }

    ValidatorDuties.Head head() {
      Bytes32 root = chain.head().root();
      return new ValidatorDuties.Head(root, chain.readForkChoice(f -> f.block(root).state()).orTimeout(10, TimeUnit.SECONDS).join());
    }

    Optional<BeaconState> stateOf(Bytes32 root) {
      return Optional.ofNullable(chain.readForkChoice(f -> f.block(root) == null ? null : f.block(root).state())
          .orTimeout(10, TimeUnit.SECONDS).join());
    }

    GroupProposer newGroupProposer(Signer signer, Topics out) {
      return new GroupProposer(versions, signer, producer::produceGroupBlock, new ProposalCheck(versions, engine, this::stateOf),
          out, clock, scheduler, this::head, root -> stateOf(root).isPresent(), Optional.empty());
    }

    /** The member keys held from now on: all but {@code withheld}. */
    void holdMembers(List<Integer> withheld) {
      List<BlsSecretKey> keys = new ArrayList<>();
      for (int j = 0; j < N; j++) {
        if (!withheld.contains(j)) {
          keys.add(EdvtFixtures.memberKey(GROUP, j));
        }
      }
      memberSigner = new Signer(versions, memberProtection, keys);
      proposer = newGroupProposer(memberSigner, topics);
      members = new ValidatorDuties(versions, memberSigner, this::head, publisher, (data, committee) -> Optional.empty(),
          producer, proposer);
    }

    /** One slot: tick, plain and group proposals, the slot's tasks up to its end, then attestations. */
    void runSlot(long slot) throws Exception {
      now.set(slot * slotMs);
      chain.onSlot(slot).get(10, TimeUnit.SECONDS);
      plain.propose(UInt64.valueOf(slot));
      if (members != null) {
        members.propose(UInt64.valueOf(slot));
      }
      scheduler.runUntil(slot * slotMs + slotMs / 3);
      now.set(Math.max(now.get(), slot * slotMs + slotMs / 3));
      publisher.headState = head().state();
      plain.attest(UInt64.valueOf(slot));
      if (members != null) {
        members.attest(UInt64.valueOf(slot));
      }
      scheduler.runUntil(slot * slotMs + slotMs - 1);
    }

    /** The proposer of {@code slot} and the group's ranking there, from the head state advanced to it. */
    int[] ranking(long slot) {
      BeaconState state = new MultiForkStateTransition(versions).processSlots(head().state(), UInt64.valueOf(slot));
      return versions.edvt().accessors().getGroupMemberRanking(new MutableBeaconState(state), GROUP, UInt64.valueOf(slot));
    }

    /** The group's slots of {@code epoch} (the head state's current or next epoch). */
    List<Long> groupSlots(long epoch) {
      return GroupChainQueries.groupSlots(versions, head().state(), GROUP, epoch);
    }

    /** The canonical block at {@code slot} (fork choice's chain from the head), or null. */
    BeaconBlock blockAt(long slot) {
      return GroupChainQueries.blockAt(chain, slot);
    }

    /** The group block this node published at {@code slot}, checked to be the canonical one. */
    SignedBeaconBlockEdvt groupBlockAt(long slot) {
      SignedBeaconBlockEdvt block = topics.published.get(slot);
      assertThat(block).as("slot %d: a group block was published", slot).isNotNull();
      assertThat(blockAt(slot).hashTreeRoot()).isEqualTo(block.message().hashTreeRoot());
      return block;
    }

    @Override
    public void close() {
      chain.close();
      plainProtection.close();
      memberProtection.close();
    }
  }

  /**
   * Fulu's interop genesis upgraded to EDVT at slot 0, with the group registered (in force from
   * epoch 1, as {@code EdvtFixtures.addGroup} does), compounding credentials and 1024 ETH so it
   * proposes about a third of the slots, the lookahead recomputed, the anchor's header an empty
   * EDVT body.
   */
  static BeaconState edvtGenesis(SpecVersions versions) {
    BeaconState fulu = new GenesisFulu(versions.fulu()).interop(VALIDATORS, UInt64.ZERO, SpecConstants.ETH1_ADDRESS_WITHDRAWAL_PREFIX);
    MutableBeaconState state = new MutableBeaconState(versions.edvt().forkUpgrade().upgradeToEdvt(BeaconStateFulu.required(fulu)));
    EdvtFixtures fixtures = new EdvtFixtures(versions.fulu(), versions.edvt());
    var v = state.validators().get(GROUP);
    byte[] credentials = v.withdrawalCredentials().toArray();
    credentials[0] = SpecConstants.COMPOUNDING_WITHDRAWAL_PREFIX;
    state.validators().set(GROUP, v.withWithdrawalCredentials(Bytes32.wrap(credentials)));
    EdvtFixtures.setEffectiveBalance(state, GROUP, versions.config().minActivationBalance().times(32));
    fixtures.addGroup(state, GROUP, M, N);
    BeaconBlockBody body = versions.edvt().schemas().beaconBlockBody().defaultValue();
    state.setLatestBlockHeader(BeaconBlockHeader.create(UInt64.ZERO, UInt64.ZERO, Bytes32.ZERO, Bytes32.ZERO, body.hashTreeRoot()));
    MutableBeaconState edited = new MutableBeaconState(versions.edvt().schemas().beaconState().deserialize(state.commit().serialize()));
    edited.setList(BeaconStateFulu.PROPOSER_LOOKAHEAD, versions.edvt().forkUpgrade().initializeProposerLookahead(edited));
    return versions.edvt().schemas().beaconState().deserialize(edited.commit().serialize());
  }

  @Test
  void everyGroupSlotGetsABlockSignedByTheThresholdLedByRankZero() throws Exception {
    try (Net net = new Net()) {
      net.holdMembers(List.of());
      long lastSlot = 3 * net.versions.config().slotsPerEpoch();
      List<Long> groupSlots = new ArrayList<>();
      Map<Long, int[]> rankings = new HashMap<>();
      long wallStart = System.nanoTime();
      Map<Long, Long> wallMs = new HashMap<>();
      for (long slot = 1; slot <= lastSlot; slot++) {
        long epoch = net.clock.epochOf(slot);
        if (epoch >= 1 && net.groupSlots(epoch).contains(slot)) {
          groupSlots.add(slot);
          rankings.put(slot, net.ranking(slot));
        }
        long t0 = System.nanoTime();
        net.runSlot(slot);
        wallMs.put(slot, (System.nanoTime() - t0) / 1_000_000);
        assertThat(net.chain.head().slot()).as("slot %d has its block", slot).isEqualTo(slot);
      }
      assertThat(groupSlots).as("the group proposes in epochs 1 and 2").hasSizeGreaterThanOrEqualTo(2);
      for (long slot : groupSlots) {
        SignedBeaconBlockEdvt block = net.groupBlockAt(slot);
        int leader = ((BeaconBlockBodyEdvt) block.message().body()).randaoMemberIndex().intValue();
        assertThat(leader).as("slot %d: rank 0 leads", slot).isEqualTo(rankings.get(slot)[0]);
        assertThat(block.signerBits().count()).as("slot %d: at least m signers", slot).isGreaterThanOrEqualTo(M);
        assertThat(block.message().body().executionPayload().feeRecipient())
            .as("the group's fee recipient: its withdrawal credentials' address")
            .isEqualTo(net.genesis.validators().get(GROUP).withdrawalCredentials().slice(12));
        assertThat(net.topics.groupImports.get(slot)).isInstanceOf(ImportResult.Imported.class);
      }
      List<GroupProposer.Outcome> outcomes = net.proposer.outcomes();
      assertThat(outcomes).extracting(o -> o.slot().longValue()).containsExactlyElementsOf(groupSlots);
      assertThat(outcomes).allSatisfy(o -> {
        assertThat(o.leaderRank()).isZero();
        assertThat(o.ours()).isTrue();
        assertThat(o.signatures()).isEqualTo(M);
      });
      System.out.printf("group slots %s; wall time per group slot (build, check, sign, assemble, import) %s ms; total %d ms%n",
          groupSlots, groupSlots.stream().map(wallMs::get).toList(), (System.nanoTime() - wallStart) / 1_000_000);
    }
  }

  @Test
  void withRankZeroWithheldRankOneLeadsAfterTheDeadline() throws Exception {
    try (Net net = new Net()) {
      long slotsPerEpoch = net.versions.config().slotsPerEpoch();
      long lastSlot = 3 * slotsPerEpoch;
      long target = -1;
      int[] ranking = null;
      for (long slot = 1; slot <= lastSlot; slot++) {
        long epoch = net.clock.epochOf(slot);
        if (target < 0 && epoch >= 1 && slot % slotsPerEpoch == 0) {
          List<Long> group = net.groupSlots(epoch);
          if (!group.isEmpty()) {
            target = group.getFirst();
            ranking = net.ranking(target);
            // the member ranked first at the target slot is held by no one
            net.holdMembers(List.of(ranking[0]));
          }
        }
        net.runSlot(slot);
        assertThat(net.chain.head().slot()).as("slot %d has its block", slot).isEqualTo(slot);
      }
      assertThat(target).as("a group slot in epochs 1 or 2").isPositive();
      SignedBeaconBlockEdvt block = net.groupBlockAt(target);
      assertThat(((BeaconBlockBodyEdvt) block.message().body()).randaoMemberIndex().intValue()).isEqualTo(ranking[1]);
      assertThat(block.signerBits().get(ranking[0])).isFalse();
      assertThat(block.signerBits().count()).isEqualTo(M);
      long targetSlot = target;
      GroupProposer.Outcome outcome = net.proposer.outcomes().stream().filter(o -> o.slot().longValue() == targetSlot)
          .findFirst().orElseThrow();
      long turn = net.proposer.turns().turnMs();
      assertThat(outcome.leaderRank()).isEqualTo(1);
      assertThat(outcome.proposalMs()).as("rank 1's turn starts at %d ms", turn).isEqualTo(turn);
      assertThat(outcome.publishedMs()).isLessThan(2 * turn);
      System.out.printf("withheld member %d: slot %d led by rank 1 (member %d), proposal at %d ms, published at %d ms%n",
          ranking[0], target, ranking[1], outcome.proposalMs(), outcome.publishedMs());
    }
  }

  @Test
  void slashingProtectionRefusesASecondDifferentSignoffInTheSameSlot() throws Exception {
    try (Net net = new Net()) {
      net.holdMembers(List.of());
      long slotsPerEpoch = net.versions.config().slotsPerEpoch();
      long target = -1;
      for (long slot = 1; slot <= 3 * slotsPerEpoch && target < 0; slot++) {
        long epoch = net.clock.epochOf(slot);
        if (epoch >= 1 && net.groupSlots(epoch).contains(slot)) {
          target = slot;
        }
        net.runSlot(slot);
      }
      assertThat(target).isPositive();
      BeaconBlock first = net.groupBlockAt(target).message();
      int leader = ((BeaconBlockBodyEdvt) first.body()).randaoMemberIndex().intValue();
      BeaconState parentState = net.stateOf(first.parentRoot()).orElseThrow();
      BeaconState atSlot = new MultiForkStateTransition(net.versions).processSlots(parentState, first.slot());

      // another valid block for the slot by the same leader (other graffiti), as a leader that lost its memory would send
      EngineBlockProducer other = new EngineBlockProducer(net.versions, net.engine,
          new PooledBlockProductionInputs(net.versions, AttestationPool.create(), new OperationPool(net.versions, 64)),
          Bytes.wrap(new byte[20]), "another block");
      BlsSecretKey leaderKey = EdvtFixtures.memberKey(GROUP, leader);
      BeaconBlock second = other.produceGroupBlock(new ValidatorDuties.Head(first.parentRoot(), parentState), first.slot(),
          ((BeaconBlockBodyEdvt) first.body()).randaoReveal(), GROUP, leader,
          first.body().executionPayload().feeRecipient()).orElseThrow();
      assertThat(second.hashTreeRoot()).isNotEqualTo(first.hashTreeRoot());
      Bytes32 domain = net.versions.edvt().accessors().getDomain(new MutableBeaconState(atSlot),
          SpecConstants.DOMAIN_BEACON_PROPOSER, net.versions.edvt().misc().computeEpochAtSlot(first.slot()));
      Bytes leaderSignature = Bls.sign(leaderKey, net.versions.edvt().misc().computeSigningRoot(second.hashTreeRoot(), domain)).toBytes();
      GroupBlockProposal proposal = GroupBlockProposal.create(net.versions.edvt().schemas().groupBlockProposal(), second, leaderSignature);

      // a node restarted with the same slashing protection: its sign-off rule forgot the slot, its protection did not
      Topics restarted = new Topics(net.chain);
      GroupProposer fresh = net.newGroupProposer(net.memberSigner, restarted);
      long slotStart = target * net.slotMs;
      net.now.set(slotStart + 10);
      Duties duties = net.members.dutiesFor(first.slot());
      for (Duties.GroupProposer duty : duties.groupProposers()) {
        if (duty.slot().equals(first.slot())) {
          fresh.groupProposalDue(duty, parentState);
        }
      }
      fresh.onProposal(proposal, slotStart + 10);
      net.scheduler.runUntil(slotStart + 10);
      assertThat(restarted.signoffs).as("no member signs a second block of the slot").isEmpty();
      assertThat(restarted.proposals).isEmpty();
      assertThat(fresh.outcomes()).isEmpty();
      // and the protection says why: the slot already has another signed block
      for (int j = 0; j < N; j++) {
        assertThat(net.memberSigner.block(EdvtFixtures.memberKey(GROUP, j).publicKey(), atSlot, second)).isEmpty();
      }
    }
  }
}
