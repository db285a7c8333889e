package io.edvt.forkchoice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.forkchoice.availability.DataAvailability;
import io.edvt.forkchoice.store.ForkChoiceException.Reason;
import io.edvt.forkchoice.votes.FuluVoteTracker;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.logic.common.StateRootMismatchException;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.execution.ExecutionEngine;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.testing.AttestationFactory;
import io.edvt.spec.testing.BlockOptions;
import io.edvt.spec.testing.ChainBuilder;
import io.edvt.spec.testing.Signer;
import io.edvt.spec.testing.ValidatorKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store on real signed Fulu blocks (minimal preset, 64 validators, signatures checked). */
class ForkChoiceStoreTest {
  private static final SpecVersions VERSIONS = new SpecVersions(EdvtConfig.load("minimal"));
  private static final SpecFulu SPEC = VERSIONS.fulu();
  private static final int VALIDATORS = 64;
  private static final long SECONDS_PER_SLOT = SPEC.config().slotDurationMs() / 1000;
  private static final int SLOTS_PER_EPOCH = SPEC.config().slotsPerEpoch();

  // a chain of four epochs that finalizes, built once
  private static BeaconState genesis;
  private static BeaconBlock anchor;
  private static List<SignedBeaconBlock> finalizingChain;

  @BeforeAll
  static void buildChain() {
    ChainBuilder chain = ChainBuilder.interop(SPEC, VALIDATORS);
    genesis = chain.headState();
    anchor = anchorBlock(genesis);
    assertThat(anchor.hashTreeRoot()).isEqualTo(chain.headRoot());
    chain.addBlocksUpTo(UInt64.valueOf(4L * SLOTS_PER_EPOCH));
    finalizingChain = chain.blocks();
  }

  /** The genesis block: the state's latest header with an empty body, its state root filled in. */
  private static BeaconBlock anchorBlock(BeaconState state) {
    return BeaconBlock.create(SPEC.schemas().beaconBlock(), UInt64.ZERO, UInt64.ZERO, Bytes32.ZERO,
        state.hashTreeRoot(), SPEC.schemas().beaconBlockBody().defaultValue());
  }

  private static ForkChoiceStore store(DataAvailability availability, int pruneThreshold) {
    ForkChoiceOptions options = ForkChoiceOptions.verifying(ExecutionEngine.always(true), availability)
        .withPruneThreshold(pruneThreshold);
    return ForkChoiceStore.create(VERSIONS, genesis, anchor, tree -> new FuluVoteTracker(SPEC), options);
  }

  private static ForkChoiceStore store() {
    return store(root -> true, 256);
  }

  private static void tickToSlot(ForkChoiceStore store, long slot) {
    store.onTick(store.genesisTime().plus(slot * SECONDS_PER_SLOT));
  }

  /** on_block and, as a node does, the block's attestations. */
  private static void importBlock(ForkChoiceStore store, SignedBeaconBlock block) {
    store.onBlock(block);
    for (Attestation a : block.message().body().attestations()) {
      store.onAttestation(a, true);
    }
  }

  private record Snapshot(UInt64 time, Checkpoint justified, Checkpoint finalized, Checkpoint unrealizedJustified,
      Checkpoint unrealizedFinalized, Bytes32 boost, int blocks, int nodes, Bytes32 head) {
    static Snapshot of(ForkChoiceStore s) {
      return new Snapshot(s.time(), s.justifiedCheckpoint(), s.finalizedCheckpoint(), s.unrealizedJustifiedCheckpoint(),
          s.unrealizedFinalizedCheckpoint(), s.proposerBoostRoot(), s.blockCount(), s.protoArray().size(), s.getHead());
    }
  }

  private static void assertRefused(ForkChoiceStore store, Reason reason, Runnable handler) {
    Snapshot before = Snapshot.of(store);
    assertThatThrownBy(handler::run)
        .isInstanceOfSatisfying(ForkChoiceException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    assertThat(Snapshot.of(store)).isEqualTo(before);
  }

  @Test
  void followsAChainAndBoostsATimelyBlockUntilTheNextSlot() {
    ForkChoiceStore store = store();
    for (int i = 0; i < 3; i++) {
      SignedBeaconBlock block = finalizingChain.get(i);
      tickToSlot(store, block.message().slot().longValue());
      importBlock(store, block);
      assertThat(store.getHead()).isEqualTo(block.message().hashTreeRoot());
      assertThat(store.proposerBoostRoot()).isEqualTo(block.message().hashTreeRoot());
      assertThat(store.block(block.message().hashTreeRoot()).timely()).isTrue();
    }
    tickToSlot(store, 4);
    assertThat(store.proposerBoostRoot()).isEqualTo(Bytes32.ZERO);
    // a block arriving after the attestation deadline of its slot is not timely and gets no boost
    store.onTick(store.time().plus(SECONDS_PER_SLOT - 1));
    SignedBeaconBlock late = finalizingChain.get(3);
    importBlock(store, late);
    assertThat(store.block(late.message().hashTreeRoot()).timely()).isFalse();
    assertThat(store.proposerBoostRoot()).isEqualTo(Bytes32.ZERO);
  }

  @Test
  void aKnownBlockIsIgnored() {
    ForkChoiceStore store = store();
    tickToSlot(store, 1);
    importBlock(store, finalizingChain.get(0));
    Snapshot before = Snapshot.of(store);
    store.onBlock(finalizingChain.get(0));
    assertThat(Snapshot.of(store)).isEqualTo(before);
  }

  @Test
  void refusesABlockWhoseParentIsUnknown() {
    ForkChoiceStore store = store();
    tickToSlot(store, 2);
    assertRefused(store, Reason.UNKNOWN_PARENT, () -> store.onBlock(finalizingChain.get(1)));
  }

  @Test
  void refusesABlockFromTheFuture() {
    ForkChoiceStore store = store();
    assertRefused(store, Reason.FUTURE_SLOT, () -> store.onBlock(finalizingChain.get(0)));
  }

  @Test
  void refusesABlockWithAWrongProposerSignature() {
    ForkChoiceStore store = store();
    tickToSlot(store, 2);
    importBlock(store, finalizingChain.get(0));
    SignedBeaconBlock block = finalizingChain.get(1);
    SignedBeaconBlock forged = SignedBeaconBlock.create(
        SPEC.schemas().signedBeaconBlock(), block.message(), finalizingChain.get(0).signature());
    assertRefused(store, Reason.INVALID_STATE_TRANSITION, () -> store.onBlock(forged));
  }

  @Test
  void aRefusedBlockKeepsTheRuleThatRefusedItAsTheCause() {
    ForkChoiceStore store = store();
    tickToSlot(store, 2);
    importBlock(store, finalizingChain.get(0));
    BeaconBlock block = finalizingChain.get(1).message();
    // correctly signed, only the state root is wrong: the state-root rule refused it
    BeaconBlock wrongRoot = block.withStateRoot(Bytes32.repeat((byte) 0x77));
    MutableBeaconState parent = new MutableBeaconState(store.block(block.parentRoot()).state());
    SignedBeaconBlock signed = SignedBeaconBlock.create(SPEC.schemas().signedBeaconBlock(), wrongRoot,
        new Signer(SPEC, ValidatorKeys.interop(VALIDATORS)).block(parent, wrongRoot));
    assertRefused(store, Reason.INVALID_STATE_TRANSITION, () -> store.onBlock(signed));
    assertThatThrownBy(() -> store.onBlock(signed)).hasCauseInstanceOf(StateRootMismatchException.class);
    // another block's signature and the same wrong root: the signature rule refused it, not the root
    SignedBeaconBlock forged = SignedBeaconBlock.create(SPEC.schemas().signedBeaconBlock(), wrongRoot,
        finalizingChain.get(0).signature());
    assertThatThrownBy(() -> store.onBlock(forged)).isInstanceOf(ForkChoiceException.class)
        .hasCauseInstanceOf(StateTransitionException.class)
        .cause().isNotInstanceOf(StateRootMismatchException.class);
  }

  @Test
  void refusesABlockWhoseDataIsNotAvailable() {
    Bytes32 missing = finalizingChain.get(1).message().hashTreeRoot();
    ForkChoiceStore store = store(root -> !root.equals(missing), 256);
    tickToSlot(store, 2);
    importBlock(store, finalizingChain.get(0));
    assertRefused(store, Reason.DATA_UNAVAILABLE, () -> store.onBlock(finalizingChain.get(1)));
  }

  @Test
  void votesDecideBetweenTwoForksAndEquivocatorsStopCounting() {
    ChainBuilder a = new ChainBuilder(SPEC, genesis, ValidatorKeys.interop(VALIDATORS));
    ChainBuilder b = new ChainBuilder(SPEC, genesis, ValidatorKeys.interop(VALIDATORS));
    SignedBeaconBlock blockA = a.addBlock(UInt64.ONE, BlockOptions.none().graffiti(Bytes32.repeat((byte) 0xaa)));
    SignedBeaconBlock blockB = b.addBlock(UInt64.ONE, BlockOptions.none().graffiti(Bytes32.repeat((byte) 0xbb)));
    Bytes32 rootA = blockA.message().hashTreeRoot();
    Bytes32 rootB = blockB.message().hashTreeRoot();
    // validators below 40 vote for B, the others for A, in their committees of slots 1 to 4
    AttestationFactory factory = new AttestationFactory(SPEC, a.signer());
    List<Attestation> forB = new ArrayList<>();
    List<Attestation> forA = new ArrayList<>();
    Set<Integer> votersB = new TreeSet<>();
    Set<Integer> votersA = new TreeSet<>();
    for (long slot = 1; slot <= 4; slot++) {
      MutableBeaconState atSlotB = stateAtSlot(b, slot);
      factory.aggregate(atSlotB, rootB, i -> i < 40).ifPresent(att -> {
        forB.add(att);
        votersB.addAll(SPEC.accessors().getAttestingIndices(atSlotB, att));
      });
      MutableBeaconState atSlotA = stateAtSlot(a, slot);
      factory.aggregate(atSlotA, rootA, i -> i >= 40).ifPresent(att -> {
        forA.add(att);
        votersA.addAll(SPEC.accessors().getAttestingIndices(atSlotA, att));
      });
    }
    assertThat(votersB.size()).isGreaterThan(votersA.size());

    ForkChoiceStore store = store();
    tickToSlot(store, 1);
    importBlock(store, blockA);
    importBlock(store, blockB);
    // A came first, in time: it has the boost
    assertThat(store.getHead()).isEqualTo(rootA);
    // an attestation counts only from the slot after its own
    assertRefused(store, Reason.INVALID_ATTESTATION_TIMING_OR_TARGET, () -> store.onAttestation(forB.get(0), false));

    tickToSlot(store, 5);
    forB.forEach(att -> store.onAttestation(att, false));
    forA.forEach(att -> store.onAttestation(att, false));
    assertThat(store.getHead()).isEqualTo(rootB);
    long balance = genesis.validators().get(0).effectiveBalance().longValue();
    assertThat(store.protoArray().weight(store.protoArray().indexOf(rootB))).isEqualTo(votersB.size() * balance);

    // enough of B's voters equivocate for A to weigh more
    List<Integer> equivocators = votersB.stream().limit(votersB.size() - votersA.size() + 1).toList();
    AttesterSlashing slashing = a.operations().attesterSlashing(new MutableBeaconState(genesis), equivocators);
    store.onAttesterSlashing(slashing);
    assertThat(store.isEquivocating(equivocators.get(0))).isTrue();
    assertThat(store.getHead()).isEqualTo(rootA);
    assertThat(store.protoArray().weight(store.protoArray().indexOf(rootB)))
        .isEqualTo((votersB.size() - equivocators.size()) * balance);
  }

  /** The builder's head state advanced to {@code slot} (for attestations of that slot). */
  private static MutableBeaconState stateAtSlot(ChainBuilder builder, long slot) {
    BeaconState head = builder.headState();
    UInt64 target = UInt64.valueOf(slot);
    return new MutableBeaconState(head.slot().equals(target) ? head : SPEC.stateTransition().processSlots(head, target));
  }

  @Test
  void refusesAnAttesterSlashingThatIsNotSlashable() {
    ChainBuilder chain = new ChainBuilder(SPEC, genesis, ValidatorKeys.interop(VALIDATORS));
    AttesterSlashing slashing = chain.operations().attesterSlashing(new MutableBeaconState(genesis), List.of(1, 2));
    AttesterSlashing same = AttesterSlashing.create(
        SPEC.schemas().attesterSlashing(), slashing.attestation1(), slashing.attestation1());
    ForkChoiceStore store = store();
    assertRefused(store, Reason.INVALID_ATTESTER_SLASHING, () -> store.onAttesterSlashing(same));
    assertThat(store.isEquivocating(1)).isFalse();
  }

  @Test
  void afterFinalityABlockOffTheFinalizedChainIsRefusedWithOrWithoutPruning() {
    ForkChoiceStore kept = store(root -> true, Integer.MAX_VALUE);
    ForkChoiceStore pruned = store(root -> true, 0);
    for (SignedBeaconBlock block : finalizingChain) {
      for (ForkChoiceStore store : List.of(kept, pruned)) {
        tickToSlot(store, block.message().slot().longValue());
        importBlock(store, block);
      }
    }
    tickToSlot(kept, 4L * SLOTS_PER_EPOCH + 1);
    tickToSlot(pruned, 4L * SLOTS_PER_EPOCH + 1);
    Checkpoint finalized = kept.finalizedCheckpoint();
    assertThat(finalized.epoch().longValue()).isGreaterThan(0);
    assertThat(pruned.finalizedCheckpoint()).isEqualTo(finalized);
    assertThat(pruned.justifiedCheckpoint()).isEqualTo(kept.justifiedCheckpoint());
    assertThat(pruned.getHead()).isEqualTo(kept.getHead()).isEqualTo(finalizingChain.getLast().message().hashTreeRoot());
    // pruning dropped everything before the finalized block
    int finalizedIndex = kept.protoArray().indexOf(finalized.root());
    assertThat(pruned.protoArray().size()).isEqualTo(kept.protoArray().size() - finalizedIndex);
    assertThat(pruned.containsBlock(anchor.hashTreeRoot())).isFalse();

    // a block built on genesis, after the finalized epoch's start slot
    long slot = SPEC.misc().computeStartSlotAtEpoch(finalized.epoch()).longValue() + 1;
    ChainBuilder fork = new ChainBuilder(SPEC, genesis, ValidatorKeys.interop(VALIDATORS));
    SignedBeaconBlock offChain = fork.addBlock(UInt64.valueOf(slot), BlockOptions.none().graffiti(Bytes32.repeat((byte) 0x0f)));
    assertRefused(kept, Reason.NOT_DESCENDANT_OF_FINALIZED, () -> kept.onBlock(offChain));
    assertRefused(pruned, Reason.UNKNOWN_PARENT, () -> pruned.onBlock(offChain));
    // and one at or before that slot is refused for its slot alone
    SignedBeaconBlock early = new ChainBuilder(SPEC, genesis, ValidatorKeys.interop(VALIDATORS)).addBlock(UInt64.ONE,
        BlockOptions.none().graffiti(Bytes32.repeat((byte) 0x0e)));
    assertRefused(kept, Reason.NOT_AFTER_FINALIZED_SLOT, () -> kept.onBlock(early));
  }

  @Test
  void proposerHeadIsTheHeadWhenTheHeadWasTimely() {
    ForkChoiceStore store = store();
    for (int i = 0; i < 3; i++) {
      SignedBeaconBlock block = finalizingChain.get(i);
      tickToSlot(store, block.message().slot().longValue());
      importBlock(store, block);
    }
    tickToSlot(store, 4);
    Bytes32 head = store.getHead();
    assertThat(new ProposerHead(store).getProposerHead(head, UInt64.valueOf(4))).isEqualTo(head);
  }

  @Test
  void takesTheCallersPostStateOnlyWhenItIsTheStateTheBlockCommitsTo() {
    ForkChoiceStore store = store();
    tickToSlot(store, 2);
    SignedBeaconBlock first = finalizingChain.get(0);
    SignedBeaconBlock second = finalizingChain.get(1);
    BeaconState firstPost = store.stateTransition(genesis, first, new io.edvt.spec.logic.common.SignatureVerifier.Batch(),
        ExecutionEngine.always(true));
    Snapshot before = Snapshot.of(store);
    // the genesis state is not the state block 1 commits to
    assertThatThrownBy(() -> store.onBlock(first, genesis))
        .isInstanceOfSatisfying(ForkChoiceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_STATE_TRANSITION));
    assertThat(Snapshot.of(store)).isEqualTo(before);
    store.onBlock(first, firstPost);
    assertThat(store.block(first.message().hashTreeRoot()).state()).isSameAs(firstPost);
    // the child's parent state is the one given: the ordinary on_block builds on it
    store.onBlock(second);
    assertThat(store.getHead()).isEqualTo(second.message().hashTreeRoot());
  }
}
