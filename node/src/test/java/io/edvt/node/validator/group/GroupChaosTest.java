package io.edvt.node.validator.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.crypto.bls.BlsSignature;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.chain.AttestationIntake;
import io.edvt.node.chain.AttestationPool;
import io.edvt.node.chain.BlockSource;
import io.edvt.node.chain.Chain;
import io.edvt.node.chain.ChainLoader;
import io.edvt.node.chain.ChainOptions;
import io.edvt.node.chain.OperationPool;
import io.edvt.node.chain.PooledBlockProductionInputs;
import io.edvt.node.config.ChaosConfig;
import io.edvt.node.devnet.SigningScan;
import io.edvt.node.execution.embedded.EmbeddedEngine;
import io.edvt.node.network.GroupMessages;
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
import io.edvt.node.validator.chaos.ChaosMemberTopics;
import io.edvt.node.validator.chaos.EquivocatingPublisher;
import io.edvt.node.validator.chaos.Equivocator;
import io.edvt.node.validator.production.EngineBlockProducer;
import io.edvt.node.validator.slashing.SlashingProtection;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.operations.IndexedAttestation;
import io.edvt.spec.datastructures.operations.ProposerSlashing;
import io.edvt.spec.datastructures.operations.SingleAttestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.validator.SignedAggregateAndProof;
import io.edvt.spec.datastructures.validator.SyncCommitteeMessage;
import io.edvt.spec.edvt.MultiForkStateTransition;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.datastructures.blocks.BeaconBlockBodyEdvt;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockEdvt;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockHeaderEdvt;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockProposal;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockSignoff;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.common.StateTransitionException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos options against the group protocol, in one process with simulated time: the 3-of-4
 * group of {@link GroupProposerTest}'s genesis, each member on its own "node" (its own signer,
 * slashing protection, {@link GroupProposer} and duties), the nodes joined by in-memory member
 * topics that deliver after a few ms, one chain they all import into. One member misbehaves through
 * the production wrappers ({@link ChaosMemberTopics}, {@link EquivocatingPublisher}): it is the
 * member ranked first at the group's first slot (of epoch 1, or 2 when 1 has none), so its
 * misbehaviour meets the leader's duty. Every message the members publish is recorded, and afterwards scanned.
 */
class GroupChaosTest {
  private static final int VALIDATORS = 64;
  private static final int GROUP = 5;
  private static final int M = 3;
  private static final int N = 4;
  private static final int EPOCHS = 5;
  private static final long LINK_MS = 5;
  /** The later of the two delivery times of a misbehaving leader's proposals: every receiver hears one of two proposals first. */
  private static final long SLOW_LINK_MS = 40;

  @TempDir Path dir;

  /** One member's node. */
  private final class Member {
    final int index;
    final SlashingProtection protection;
    final Signer signer;
    final ChaosMemberTopics topics;
    final GroupMessages inbound;
    final GroupProposer proposer;
    final ValidatorDuties duties;
    final Optional<Equivocator> equivocator;
    int proposalsSent;
    boolean closed;

    Member(Net net, int index, ChaosConfig chaos) {
      this.index = index;
      this.protection = SlashingProtection.open(dir.resolve("member-" + index), net.genesis.genesisValidatorsRoot());
      this.signer = new Signer(net.versions, protection, List.of(EdvtFixtures.memberKey(GROUP, index)));
      this.equivocator = chaos.equivocate()
          ? Optional.of(new Equivocator(net.versions, signer, net.twinProducer::produceGroupBlock, net::stateOf))
          : Optional.empty();
      this.topics = new ChaosMemberTopics(new Link(net, this), chaos, net.scheduler::schedule, new SplittableRandom(7),
          equivocator);
      this.proposer = new GroupProposer(net.versions, signer, net.producer::produceGroupBlock,
          new ProposalCheck(net.versions, net.engine, net::stateOf), topics, net.clock, net.scheduler, net::head,
          root -> net.stateOf(root).isPresent(), Optional.empty());
      this.inbound = topics.listening(new GroupMessages() {
        @Override
        public void proposal(GroupBlockProposal proposal, long receivedAtMillis) {
          proposer.onProposal(proposal, receivedAtMillis);
        }

        @Override
        public void signoff(GroupBlockSignoff signoff) {
          proposer.onSignoff(signoff);
        }
      });
      DutyPublisher out = new Attestations(net);
      DutyPublisher publisher = equivocator.<DutyPublisher>map(e -> new EquivocatingPublisher(out, e, () -> net.head().state()))
          .orElse(out);
      this.duties = new ValidatorDuties(net.versions, signer, net::head, publisher, (data, committee) -> Optional.empty(),
          net.producer, proposer);
    }

    void closeProtection() {
      if (!closed) {
        closed = true;
        protection.close();
      }
    }
  }

  /** A member's member topics: every message recorded, then delivered to the other members after a link delay. */
  private final class Link implements GroupProposer.MemberTopics {
    final Net net;
    final Member from;

    Link(Net net, Member from) {
      this.net = net;
      this.from = from;
    }

    @Override
    public void proposal(GroupBlockProposal proposal) {
      net.proposals.add(proposal);
      int sent = from.proposalsSent++;
      for (Member to : net.members) {
        if (to != from) {
          // a leader's successive proposals reach the receivers in alternating order: two proposals of one slot split them
          long delay = (sent + to.index) % 2 == 0 ? LINK_MS : SLOW_LINK_MS;
          net.scheduler.schedule(() -> to.inbound.proposal(proposal, net.now.get()), delay);
        }
      }
    }

    @Override
    public void signoff(GroupBlockSignoff signoff) {
      net.signoffs.add(signoff);
      for (Member to : net.members) {
        if (to != from) {
          net.scheduler.schedule(() -> to.inbound.signoff(signoff), LINK_MS);
        }
      }
    }

    @Override
    public void block(SignedBeaconBlock block) {
      SignedBeaconBlockEdvt edvt = SignedBeaconBlockEdvt.toVersionEdvt(block).orElseThrow();
      net.assembled.add(edvt);
      if (net.stateOf(block.message().hashTreeRoot()).isEmpty()) {
        net.chain.importer().importBlock(block, BlockSource.RPC).join();
      }
    }
  }

  /** Attestations into the shared intake, recorded; plain blocks imported. */
  private final class Attestations implements DutyPublisher {
    final Net net;

    Attestations(Net net) {
      this.net = net;
    }

    @Override
    public void attestation(SingleAttestation attestation, int subnet) {
      net.attestations.add(attestation);
      net.intake.onSingleAttestation(attestation, net.headState);
    }

    @Override
    public void aggregate(SignedAggregateAndProof aggregate) {}

    @Override
    public void syncCommitteeMessage(SyncCommitteeMessage message, int subnet) {}

    @Override
    public void block(SignedBeaconBlock block) {
      net.chain.importer().importBlock(block, BlockSource.RPC).join();
    }
  }

  private final class Net implements AutoCloseable {
    final SpecVersions versions = new SpecVersions(EdvtConfig.load("minimal", Map.of("EDVT_FORK_EPOCH", "0")));
    final SpecEdvt edvt = versions.edvt();
    final AtomicLong now = new AtomicLong();
    final long slotMs = versions.config().slotDurationMs();
    final SlotClock clock = new SlotClock(0, slotMs, versions.config().slotsPerEpoch(), () -> Instant.ofEpochMilli(now.get()));
    final GroupProposerTest.ManualScheduler scheduler = new GroupProposerTest.ManualScheduler(now);
    final BeaconState genesis = GroupProposerTest.edvtGenesis(versions);
    final EmbeddedEngine engine = new EmbeddedEngine(versions.fulu().schemas(), genesis.latestExecutionPayloadHeader());
    final ChainStorage storage = InMemoryChainStorage.create(versions, StorageOptions.defaults(StorageMode.PRUNE, versions.config()),
        Anchor.genesis(versions, genesis));
    final Chain chain = ChainLoader.load(versions, storage, engine, clock, ChainOptions.defaults());
    final SlashingProtection plainProtection = SlashingProtection.open(dir.resolve("plain"), genesis.genesisValidatorsRoot());
    final AttestationPool pool = AttestationPool.create();
    final AttestationIntake intake = new AttestationIntake(versions, pool, chain);
    final OperationPool operations = new OperationPool(versions, 64);
    final EngineBlockProducer producer = new EngineBlockProducer(versions, engine,
        new PooledBlockProductionInputs(versions, pool, operations), Bytes.wrap(new byte[20]), "edvt chaos test");
    final EngineBlockProducer twinProducer = new EngineBlockProducer(versions, engine,
        new PooledBlockProductionInputs(versions, pool, operations), Bytes.wrap(new byte[20]), "edvt chaos twin");
    final ValidatorDuties plain;
    final List<Member> members = new ArrayList<>();
    final List<GroupBlockProposal> proposals = new ArrayList<>();
    final List<GroupBlockSignoff> signoffs = new ArrayList<>();
    final List<SignedBeaconBlockEdvt> assembled = new ArrayList<>();
    final List<SingleAttestation> attestations = new ArrayList<>();
    BeaconState headState;
    long target = -1;
    long firstEpoch = -1;
    int[] ranking;

    Net() {
      List<BlsSecretKey> keys = new ArrayList<>();
      for (int i = 0; i < VALIDATORS; i++) {
        keys.add(BlsSecretKey.interop(i));
      }
      plain = new ValidatorDuties(versions, new Signer(versions, plainProtection, keys), this::head, new Attestations(this),
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

    /**
     * Runs {@code EPOCHS} epochs; at the start of the first epoch from 1 on (the group in force)
     * that has a group slot, the members' nodes start, the one ranked first at that slot with {@code chaos}.
     */
    Member run(ChaosConfig chaos) throws Exception {
      long slotsPerEpoch = versions.config().slotsPerEpoch();
      Member misbehaving = null;
      for (long slot = 1; slot <= EPOCHS * slotsPerEpoch; slot++) {
        long epoch = slot / slotsPerEpoch;
        if (members.isEmpty() && epoch >= 1 && slot % slotsPerEpoch == 0 && !groupSlots(epoch).isEmpty()) {
          // no group slot in an epoch without members: none is missed
          firstEpoch = epoch;
          target = groupSlots(epoch).getFirst();
          ranking = ranking(target);
          for (int j = 0; j < N; j++) {
            Member m = new Member(this, j, j == ranking[0] ? chaos : ChaosConfig.NONE);
            members.add(m);
            if (j == ranking[0]) {
              misbehaving = m;
            }
          }
        }
        runSlot(slot);
      }
      assertThat(misbehaving).as("a group slot in epoch 1 or 2").isNotNull();
      return misbehaving;
    }

    void runSlot(long slot) throws Exception {
      now.set(slot * slotMs);
      chain.onSlot(slot).get(10, TimeUnit.SECONDS);
      plain.propose(UInt64.valueOf(slot));
      for (Member m : members) {
        m.duties.propose(UInt64.valueOf(slot));
      }
      scheduler.runUntil(slot * slotMs + slotMs / 3);
      now.set(Math.max(now.get(), slot * slotMs + slotMs / 3));
      headState = head().state();
      plain.attest(UInt64.valueOf(slot));
      for (Member m : members) {
        m.duties.attest(UInt64.valueOf(slot));
      }
      scheduler.runUntil(slot * slotMs + slotMs - 1);
    }

    int[] ranking(long slot) {
      BeaconState state = new MultiForkStateTransition(versions).processSlots(head().state(), UInt64.valueOf(slot));
      return edvt.accessors().getGroupMemberRanking(new MutableBeaconState(state), GROUP, UInt64.valueOf(slot));
    }

    List<Long> groupSlots(long epoch) {
      return GroupChainQueries.groupSlots(versions, head().state(), GROUP, epoch);
    }

    /** The canonical block at {@code slot}, or null. */
    BeaconBlock blockAt(long slot) {
      return GroupChainQueries.blockAt(chain, slot);
    }

    long finalizedEpoch() {
      return chain.readForkChoice(f -> f.finalizedCheckpoint().epoch().longValue()).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Every block signature published, by slot, then root, then member: leaders' proposals and sign-offs. */
    Map<Long, Map<Bytes32, Map<Integer, Bytes>>> blockSignatures() {
      Map<Bytes32, Long> slotOf = new HashMap<>();
      Map<Long, Map<Bytes32, Map<Integer, Bytes>>> out = new TreeMap<>();
      for (GroupBlockProposal p : proposals) {
        Bytes32 root = p.block().hashTreeRoot();
        slotOf.put(root, p.block().slot().longValue());
        int leader = ((BeaconBlockBodyEdvt) p.block().body()).randaoMemberIndex().intValue();
        out.computeIfAbsent(p.block().slot().longValue(), s -> new LinkedHashMap<>()).computeIfAbsent(root, r -> new TreeMap<>())
            .put(leader, p.leaderSignature());
      }
      for (GroupBlockSignoff s : signoffs) {
        Long slot = slotOf.get(s.blockRoot());
        assertThat(slot).as("a sign-off of a proposal nobody published").isNotNull();
        out.get(slot).get(s.blockRoot()).put(s.memberIndex().intValue(), s.signature());
      }
      return out;
    }

    /** The group members' attestations by target epoch, then data, then member. */
    Map<Long, Map<AttestationData, Map<Integer, Bytes>>> memberVotes() {
      Map<Long, Map<AttestationData, Map<Integer, Bytes>>> out = new TreeMap<>();
      for (SingleAttestation a : attestations) {
        for (int j = 0; j < N; j++) {
          if (a.attesterIndex().longValue() == VirtualIndex.compute(GROUP, j)) {
            out.computeIfAbsent(a.data().target().epoch().longValue(), e -> new LinkedHashMap<>())
                .computeIfAbsent(a.data(), d -> new TreeMap<>()).put(j, a.signature());
          }
        }
      }
      return out;
    }

    BeaconBlock proposedBlock(Bytes32 root) {
      return proposals.stream().map(GroupBlockProposal::block).filter(b -> b.hashTreeRoot().equals(root)).findFirst().orElseThrow();
    }

    /** The strongest header anyone holding the published messages could make for {@code root}: every signature of it. */
    SignedBeaconBlockHeaderEdvt header(Bytes32 root, Map<Integer, Bytes> signatures) {
      BeaconBlock b = proposedBlock(root);
      BeaconBlockHeader header = BeaconBlockHeader.create(b.slot(), b.proposerIndex(), b.parentRoot(), b.stateRoot(),
          b.body().hashTreeRoot());
      return SignedBeaconBlockHeaderEdvt.create(edvt.schemas().signedBeaconBlockHeader(), header, aggregate(signatures),
          SszBits.withSet(edvt.edvtConfig().maxGroupSize(), signatures.keySet().stream().mapToInt(Integer::intValue).toArray()));
    }

    IndexedAttestation indexed(AttestationData data, Map<Integer, Bytes> signatures) {
      List<UInt64> indices = signatures.keySet().stream().map(j -> UInt64.valueOf(VirtualIndex.compute(GROUP, j))).sorted().toList();
      return IndexedAttestation.create(edvt.schemas().indexedAttestation(), edvt.schemas().attestingIndices().of(indices), data,
          aggregate(signatures));
    }

    /** {@code process_proposer_slashing} on a copy of the head state: whether it slashes the group. */
    boolean proposerSlashable(SignedBeaconBlockHeaderEdvt a, SignedBeaconBlockHeaderEdvt b) {
      MutableBeaconState state = new MutableBeaconState(head().state());
      try {
        edvt.blockProcessor().processProposerSlashing(state,
            ProposerSlashing.create(edvt.schemas().proposerSlashing(), a, b), SignatureVerifier.SIMPLE);
      } catch (StateTransitionException e) {
        return false;
      }
      return state.validators().get(GROUP).slashed();
    }

    /** {@code get_attester_slashing_indices} on the head state (both attestations checked valid first, as the spec asks). */
    List<Long> attesterOffenders(IndexedAttestation a, IndexedAttestation b) {
      MutableBeaconState state = new MutableBeaconState(head().state());
      try {
        edvt.blockProcessor().processAttesterSlashing(new MutableBeaconState(head().state()),
            AttesterSlashing.create(edvt.schemas().attesterSlashing(), a, b), SignatureVerifier.SIMPLE);
      } catch (StateTransitionException e) {
        assertThat(e.getMessage()).as("both votes are valid; only the offender rule may fail").contains("get_attester_slashing_indices");
      }
      return edvt.accessors().getAttesterSlashingIndices(state, a, b);
    }

    Bytes signature(int member, AttestationData data) {
      BeaconState state = head().state();
      Bytes32 domain = edvt.accessors().getDomain(new MutableBeaconState(state), SpecConstants.DOMAIN_BEACON_ATTESTER,
          data.target().epoch());
      return Bls.sign(EdvtFixtures.memberKey(GROUP, member), edvt.misc().computeSigningRoot(data.hashTreeRoot(), domain)).toBytes();
    }

    Bytes blockSignature(int member, BeaconBlock block) {
      Bytes32 domain = edvt.accessors().getDomain(new MutableBeaconState(head().state()), SpecConstants.DOMAIN_BEACON_PROPOSER,
          edvt.misc().computeEpochAtSlot(block.slot()));
      return Bls.sign(EdvtFixtures.memberKey(GROUP, member), edvt.misc().computeSigningRoot(block.hashTreeRoot(), domain)).toBytes();
    }

    @Override
    public void close() {
      chain.close();
      plainProtection.close();
      members.forEach(Member::closeProtection);
    }
  }

  private static Bytes aggregate(Map<Integer, Bytes> signatures) {
    return Bls.aggregate(signatures.values().stream().map(BlsSignature::fromBytes).toList()).toBytes();
  }

  /** Every published block signature and vote scanned: no member but {@code broken} signed two blocks of a slot or two votes of a target. */
  private static void assertNoHonestMemberSignedTwice(Net net, Optional<Member> broken) {
    Map<Long, Map<Bytes32, Map<Integer, Bytes>>> blocks = net.blockSignatures();
    Map<Long, Map<AttestationData, Map<Integer, Bytes>>> votes = net.memberVotes();
    for (Member m : net.members) {
      if (broken.isPresent() && m == broken.get()) {
        continue;
      }
      blocks.forEach((slot, roots) -> assertThat(roots.values().stream().filter(s -> s.containsKey(m.index)).count())
          .as("member %d, slot %d: blocks signed", m.index, slot).isLessThanOrEqualTo(1));
      votes.forEach((epoch, byData) -> assertThat(byData.values().stream().filter(s -> s.containsKey(m.index)).count())
          .as("member %d, target %d: votes", m.index, epoch).isLessThanOrEqualTo(1));
    }
  }

  /**
   * For every two blocks of one slot, the strongest headers anyone could assemble from all published
   * signatures: {@code process_proposer_slashing} refuses them. Returns the pairs checked.
   */
  private static int assertNoTwoBlocksSlashTheGroup(Net net) {
    int pairs = 0;
    for (Map<Bytes32, Map<Integer, Bytes>> roots : net.blockSignatures().values()) {
      List<Bytes32> list = List.copyOf(roots.keySet());
      for (int i = 0; i < list.size(); i++) {
        for (int j = i + 1; j < list.size(); j++) {
          pairs++;
          assertThat(net.proposerSlashable(net.header(list.get(i), roots.get(list.get(i))), net.header(list.get(j),
              roots.get(list.get(j))))).as("the group is slashable for two blocks").isFalse();
        }
      }
    }
    return pairs;
  }

  /** For every two conflicting votes of a target, all members' signatures each: {@code get_attester_slashing_indices} lacks the group. */
  private static int assertNoTwoVotesSlashTheGroup(Net net) {
    int pairs = 0;
    for (Map<AttestationData, Map<Integer, Bytes>> votes : net.memberVotes().values()) {
      List<AttestationData> list = List.copyOf(votes.keySet());
      for (int i = 0; i < list.size(); i++) {
        for (int j = i + 1; j < list.size(); j++) {
          pairs++;
          assertThat(net.attesterOffenders(net.indexed(list.get(i), votes.get(list.get(i))),
              net.indexed(list.get(j), votes.get(list.get(j))))).doesNotContain((long) GROUP);
        }
      }
    }
    return pairs;
  }

  /** The slashing-protection databases of every member but {@code broken}, read back by the devnet's {@link SigningScan}: nothing slashable. */
  private void assertHonestProtectionClean(Net net, Optional<Member> broken) {
    List<Path> honest = new ArrayList<>();
    for (Member m : net.members) {
      m.closeProtection();
      if (broken.isEmpty() || m != broken.get()) {
        honest.add(dir.resolve("member-" + m.index));
      }
    }
    SigningScan scan = SigningScan.of(honest);
    assertThat(scan.unreadable()).isEmpty();
    assertThat(scan.blocks()).isPositive();
    assertThat(scan.conflicts()).isEmpty();
  }

  /** The chain went on: every slot has a block, an epoch is finalized, the group is not slashed. */
  private static void assertEverySlotHasABlockAndItFinalizes(Net net) {
    Set<Long> empty = new HashSet<>();
    for (long slot = 1; slot <= EPOCHS * net.versions.config().slotsPerEpoch(); slot++) {
      if (net.blockAt(slot) == null) {
        empty.add(slot);
      }
    }
    assertThat(empty).as("slots without a block").isEmpty();
    assertThat(net.finalizedEpoch()).as("finalized epoch after %d epochs", EPOCHS).isGreaterThanOrEqualTo(EPOCHS - 3);
    assertThat(net.head().state().validators().get(GROUP).slashed()).isFalse();
  }

  @Test
  void anEquivocatingMemberOfAThreeOfFourGroupCannotGetItSlashed() throws Exception {
    try (Net net = new Net()) {
      long wall = System.nanoTime();
      Member equivocator = net.run(new ChaosConfig(0, 0, false, true));
      int e = equivocator.index;
      Equivocator chaos = equivocator.equivocator.orElseThrow();
      System.out.printf("equivocating member %d (rank 0 at slot %d): %d twin blocks, %d extra sign-offs, %d double votes; %d ms%n",
          e, net.target, chaos.blocks(), chaos.signoffs(), chaos.attestations(), (System.nanoTime() - wall) / 1_000_000);

      // it did equivocate: two proposals of its slot, each signed off by an honest member (the links split them)
      assertThat(chaos.blocks()).as("twin blocks").isPositive();
      assertThat(chaos.attestations()).as("double votes").isGreaterThanOrEqualTo(EPOCHS - net.firstEpoch);
      Map<Long, Map<Bytes32, Map<Integer, Bytes>>> blocks = net.blockSignatures();
      Map<Bytes32, Map<Integer, Bytes>> atTarget = blocks.get(net.target);
      assertThat(atTarget).as("the leader's block and its twin").hasSize(2);
      assertThat(atTarget.values()).allSatisfy(signers -> assertThat(signers).containsKey(e)
          .as("an honest member signed it off").hasSizeGreaterThanOrEqualTo(2));

      assertNoHonestMemberSignedTwice(net, Optional.of(equivocator));
      assertThat(assertNoTwoBlocksSlashTheGroup(net)).as("conflicting block pairs checked").isPositive();
      // (the check bites: had the honest signers of the losing twin also signed the winner, the pair would slash)
      Bytes32 winner = atTarget.entrySet().stream().max((a, b) -> a.getValue().size() - b.getValue().size()).orElseThrow().getKey();
      Bytes32 loser = atTarget.keySet().stream().filter(r -> !r.equals(winner)).findFirst().orElseThrow();
      Map<Integer, Bytes> doubled = new TreeMap<>(atTarget.get(loser));
      for (int member : atTarget.get(winner).keySet()) {
        doubled.putIfAbsent(member, net.blockSignature(member, net.proposedBlock(loser)));
      }
      assertThat(net.proposerSlashable(net.header(winner, atTarget.get(winner)), net.header(loser, doubled))).isTrue();

      assertThat(assertNoTwoVotesSlashTheGroup(net)).as("double votes checked").isGreaterThanOrEqualTo((int) (EPOCHS - net.firstEpoch));
      Map<AttestationData, Map<Integer, Bytes>> someVotes = net.memberVotes().values().stream().filter(v -> v.size() == 2)
          .findFirst().orElseThrow();
      List<AttestationData> two = List.copyOf(someVotes.keySet());
      Map<Integer, Bytes> forged = new TreeMap<>(someVotes.get(two.get(1)));
      someVotes.get(two.get(0)).keySet().forEach(member -> forged.putIfAbsent(member, net.signature(member, two.get(1))));
      assertThat(net.attesterOffenders(net.indexed(two.get(0), someVotes.get(two.get(0))), net.indexed(two.get(1), forged)))
          .as("the check bites when honest members double-vote").containsExactly((long) GROUP);

      assertHonestProtectionClean(net, Optional.of(equivocator));
      assertThat(net.blockAt(net.target)).isNotNull();
      assertEverySlotHasABlockAndItFinalizes(net);
      assertThat(net.head().state().validators().get(GROUP).slashed()).isFalse();
    }
  }

  @Test
  void aWithholdingLeaderIsReplacedByTheNextRank() throws Exception {
    try (Net net = new Net()) {
      Member withholding = net.run(new ChaosConfig(0, 0, true, false));
      assertThat(withholding.topics.withheld()).as("proposals withheld").isPositive();
      assertThat(net.proposals).as("none of its proposals reached the topics").noneMatch(p ->
          ((BeaconBlockBodyEdvt) p.block().body()).randaoMemberIndex().intValue() == withholding.index);
      BeaconBlock block = net.blockAt(net.target);
      assertThat(block).isNotNull();
      assertThat(((BeaconBlockBodyEdvt) block.body()).randaoMemberIndex().intValue()).as("rank 1 led")
          .isEqualTo(net.ranking[1]);
      SignedBeaconBlockEdvt published = net.assembled.stream().filter(b -> b.message().hashTreeRoot().equals(block.hashTreeRoot()))
          .findFirst().orElseThrow();
      assertThat(published.signerBits().count()).isGreaterThanOrEqualTo(M);
      assertThat(published.signerBits().get(withholding.index)).as("it signed its own block; it signs no other").isFalse();
      long turn = withholding.proposer.turns().turnMs();
      GroupProposer.Outcome outcome = net.members.get(net.ranking[1]).proposer.outcomes().stream()
          .filter(o -> o.slot().longValue() == net.target).findFirst().orElseThrow();
      assertThat(outcome.leaderRank()).isEqualTo(1);
      assertThat(outcome.proposalMs()).as("at rank 1's turn").isEqualTo(turn);
      assertThat(net.finalizedEpoch()).isGreaterThanOrEqualTo(EPOCHS - 3);
    }
  }

  @Test
  void aLeaderDelayedPastItsTurnLosesItToRankOneAndNoMemberSignsTwoBlocks() throws Exception {
    try (Net net = new Net()) {
      Member late = net.run(new ChaosConfig(600, 0, false, false));
      long turn = late.proposer.turns().turnMs();
      assertThat(600L).as("the delay outlasts a turn").isGreaterThan(turn);
      assertThat(late.topics.delayed()).isPositive();
      BeaconBlock block = net.blockAt(net.target);
      assertThat(block).isNotNull();
      assertThat(((BeaconBlockBodyEdvt) block.body()).randaoMemberIndex().intValue()).as("rank 1 led").isEqualTo(net.ranking[1]);
      Map<Bytes32, Map<Integer, Bytes>> atTarget = net.blockSignatures().get(net.target);
      assertThat(atTarget).as("the late proposal and rank 1's").hasSize(2);
      Bytes32 lateRoot = atTarget.keySet().stream().filter(r -> !r.equals(block.hashTreeRoot())).findFirst().orElseThrow();
      assertThat(atTarget.get(lateRoot).keySet()).as("nobody signs the late proposal: all signed rank 1's").containsExactly(late.index);
      // every member is honest here, the late one too
      assertNoHonestMemberSignedTwice(net, Optional.empty());
      assertThat(assertNoTwoBlocksSlashTheGroup(net)).isPositive();
      assertHonestProtectionClean(net, Optional.empty());
      assertEverySlotHasABlockAndItFinalizes(net);
    }
  }
}
