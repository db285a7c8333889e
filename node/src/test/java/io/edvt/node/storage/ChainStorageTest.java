package io.edvt.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.edvt.MultiForkStateTransition;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.execution.ExecutionEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link ChainStorage} on one real chain that crosses from Fulu into EDVT ({@link ForkCrossingChain}),
 * on both implementations: blocks and states of both forks side by side, finalization following the
 * chain's own checkpoints with what each mode keeps and deletes, reorgs of the canonical index,
 * and updates refused without a trace.
 */
class ChainStorageTest {
  private static ForkCrossingChain chain;

  @TempDir Path tmp;

  @BeforeAll
  static void buildChain() {
    chain = ForkCrossingChain.get();
  }

  private ChainStorage create(Backend backend, StorageOptions options) {
    return backend.create(tmp.resolve("db"), chain.versions, options, Anchor.genesis(chain.versions, chain.genesis));
  }

  private static Bytes32 root(int i) {
    return TestBlocks.root(chain.blocks.get(i));
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void keepsFuluAndEdvtValuesOfOneChainEachInItsOwnFork(Backend backend) {
    StorageOptions options = new StorageOptions(StorageMode.ARCHIVE, 8, 0);
    ChainStorage store = create(backend, options);
    int lastFulu = chain.indexAtSlot(ForkCrossingChain.FORK_EPOCH * 8L - 1);
    int firstEdvt = lastFulu + 1;
    new ChainImporter(store, chain).importBlocks(0, firstEdvt, i -> i >= lastFulu);
    store.update().putState(chain.upgraded).commit(); // an EDVT state of a Fulu block, advanced to the fork slot
    store = backend.reopen(store, tmp.resolve("db"), chain.versions, options);
    try {
      SignedBeaconBlock fulu = store.block(root(lastFulu)).orElseThrow();
      SignedBeaconBlock edvt = store.block(root(firstEdvt)).orElseThrow();
      assertThat(SignedBeaconBlockEdvt.toVersionEdvt(fulu)).isEmpty();
      assertThat(SignedBeaconBlockEdvt.toVersionEdvt(edvt)).isPresent();
      assertThat(fulu.serialize()).isEqualTo(chain.blocks.get(lastFulu).serialize());
      assertThat(edvt.serialize()).isEqualTo(chain.blocks.get(firstEdvt).serialize());
      for (BeaconState expected : List.of(chain.posts.get(lastFulu), chain.upgraded, chain.posts.get(firstEdvt))) {
        BeaconState read = store.state(expected.hashTreeRoot()).orElseThrow();
        assertThat(SpecVersions.milestoneOf(read)).isEqualTo(SpecVersions.milestoneOf(expected));
        assertThat(read.serialize()).isEqualTo(expected.serialize());
      }
      assertThat(SpecVersions.milestoneOf(chain.upgraded)).isEqualTo(SpecMilestone.EDVT);
      assertThat(SpecVersions.milestoneOf(store.anchor().state())).isEqualTo(SpecMilestone.FULU);
      assertThat(store.canonicalRoot(UInt64.valueOf(ForkCrossingChain.FORK_EPOCH * 8L))).isEmpty();
      StoreInvariants.check(store);
    } finally {
      store.close();
    }
  }

  @ParameterizedTest
  @EnumSource(StorageMode.class)
  void finalizationFollowsTheChainAndKeepsWhatTheModeSays(StorageMode mode) {
    for (Backend backend : Backend.values()) {
      StorageOptions options = new StorageOptions(mode, 8, 1000);
      ChainStorage store = backend.create(tmp.resolve(backend.name()), chain.versions, options, Anchor.genesis(chain.versions, chain.genesis));
      ChainImporter importer = new ChainImporter(store, chain);
      int lastFulu = chain.indexAtSlot(ForkCrossingChain.FORK_EPOCH * 8L - 1);
      for (int i = 0; i < chain.blocks.size(); i++) {
        importer.importBlock(i, true);
        if (i == lastFulu) {
          store.update().putState(chain.upgraded).commit();
        }
        StoreInvariants.check(store);
      }
      store = backend.reopen(store, tmp.resolve(backend.name()), chain.versions, options);
      try {
        checkFinalized(store, mode, importer);
      } finally {
        store.close();
      }
    }
  }

  private static void checkFinalized(ChainStorage store, StorageMode mode, ChainImporter importer) {
    Checkpoint finalized = chain.posts.getLast().finalizedCheckpoint();
    assertThat(finalized.epoch()).as("the chain finalizes").isGreaterThan(UInt64.ONE);
    Anchor anchor = store.anchor();
    assertThat(anchor.finalized()).isEqualTo(finalized);
    assertThat(store.justifiedCheckpoint()).isEqualTo(chain.posts.getLast().currentJustifiedCheckpoint());
    long finalizedSlot = Math.max(anchor.block().slot().longValue(), finalized.epoch().longValue() * 8);

    // hot blocks: exactly those after the finalized slot
    assertThat(store.hotBlocks().stream().map(TestBlocks::root).toList()).containsExactlyElementsOf(
        chain.blocks.stream().filter(b -> b.message().slot().longValue() > finalizedSlot).map(TestBlocks::root).toList());
    // every block is kept (ARCHIVE, and PRUNE with a long retention)
    for (int i = 0; i < chain.blocks.size(); i++) {
      assertThat(store.block(root(i))).isPresent();
      assertThat(store.canonicalRoot(chain.blocks.get(i).message().slot())).contains(root(i));
    }

    // states: the hot ones after the anchor state, the anchor's, and ARCHIVE's first of each 8-slot interval
    List<BeaconState> all = new ArrayList<>();
    all.add(chain.genesis);
    all.addAll(chain.posts);
    all.add(chain.upgraded);
    long anchorStateSlot = anchor.state().slot().longValue();
    Map<Long, Long> firstInInterval = new HashMap<>();
    for (BeaconState s : all) {
      if (s.slot().longValue() <= anchorStateSlot) {
        firstInInterval.merge(s.slot().longValue() / 8, s.slot().longValue(), Math::min);
      }
    }
    Set<Long> archived = Set.copyOf(firstInInterval.values());
    for (BeaconState s : all) {
      long slot = s.slot().longValue();
      boolean expected = slot > anchorStateSlot || slot == anchorStateSlot && s.hashTreeRoot().equals(anchor.state().hashTreeRoot())
          || mode == StorageMode.ARCHIVE && archived.contains(slot) && !(slot == 16 && s != chain.upgraded);
      assertThat(store.state(s.hashTreeRoot()).isPresent()).as("%s: state at slot %d kept", mode, slot).isEqualTo(expected);
    }

    // any finalized slot's state: a kept state and the canonical blocks after it
    MultiForkStateTransition transition = new MultiForkStateTransition(chain.versions);
    for (long slot = 0; slot <= anchorStateSlot; slot++) {
      var replay = store.replayToFinalizedSlot(UInt64.valueOf(slot));
      if (mode == StorageMode.PRUNE && slot < anchorStateSlot) {
        assertThat(replay).as("PRUNE keeps no state before the anchor's").isEmpty();
        continue;
      }
      BeaconState state = replay.orElseThrow().state();
      for (SignedBeaconBlock block : replay.get().blocks()) {
        state = transition.stateTransition(state, block, true, SignatureVerifier.NONE, ExecutionEngine.always(true));
      }
      assertThat(state.hashTreeRoot()).as("state at slot %d", slot).isEqualTo(stateOfLastBlockAtOrBefore(slot).hashTreeRoot());
    }
    assertThat(importer.genesis().finalized().root()).isEqualTo(store.canonicalRoot(UInt64.ZERO).orElseThrow());
  }

  /** The post-state of the chain's last block at or before {@code slot}, the genesis state before the first. */
  private static BeaconState stateOfLastBlockAtOrBefore(long slot) {
    BeaconState state = chain.genesis;
    for (int i = 0; i < chain.blocks.size() && chain.blocks.get(i).message().slot().longValue() <= slot; i++) {
      state = chain.posts.get(i);
    }
    if (state.slot().longValue() < slot && slot == ForkCrossingChain.FORK_EPOCH * 8L) {
      return chain.upgraded;
    }
    return state;
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void pruneModeKeepsOnlyTheBlocksOfTheRetentionWindow(Backend backend) {
    StorageOptions options = new StorageOptions(StorageMode.PRUNE, 8, 1);
    ChainStorage store = create(backend, options);
    try {
      new ChainImporter(store, chain).importBlocks(0, chain.blocks.size() - 1, i -> false);
      UInt64 finalizedEpoch = store.finalizedCheckpoint().epoch();
      long horizon = (finalizedEpoch.longValue() - 1) * 8;
      for (int i = 0; i < chain.blocks.size(); i++) {
        UInt64 slot = chain.blocks.get(i).message().slot();
        boolean kept = slot.longValue() >= horizon;
        assertThat(store.block(root(i)).isPresent()).as("block at slot %s", slot).isEqualTo(kept);
        assertThat(store.canonicalRoot(slot).isPresent()).as("canonical slot %s", slot).isEqualTo(kept);
      }
      assertThat(store.earliestBlockSlot()).contains(UInt64.valueOf(horizon));
      assertThat(store.canonicalBlocks(UInt64.ZERO, horizon + 8).stream().map(b -> b.message().slot().longValue()).toList())
          .allMatch(s -> s >= horizon).isNotEmpty();
      StoreInvariants.check(store);
    } finally {
      store.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aReorgRewritesTheCanonicalIndexAndFinalizationDeletesTheLosingBranch(Backend backend) {
    StorageOptions options = new StorageOptions(StorageMode.ARCHIVE, 8, 0);
    ChainStorage store = create(backend, options);
    try {
      ChainImporter importer = new ChainImporter(store, chain);
      int fork = chain.indexAtSlot(20);
      importer.importBlocks(0, fork + 4, i -> false);
      Bytes32 mainHead = store.head();

      // a branch on block 19: a block at slot 21 with a state of its own, and a child at slot 23
      SignedBeaconBlock template = chain.blocks.get(fork + 1);
      BeaconState branchState = chain.posts.get(fork + 1).withLatestBlockHeader(BeaconBlockHeader.create(UInt64.valueOf(21),
          template.message().proposerIndex(), root(fork - 1), Bytes32.ZERO, template.message().body().hashTreeRoot()));
      SignedBeaconBlock side = TestBlocks.withMessage(template, template.message().withSlot(UInt64.valueOf(21))
          .withParentRoot(root(fork - 1)).withStateRoot(branchState.hashTreeRoot()));
      SignedBeaconBlock sideChild = TestBlocks.sibling(chain.blocks.get(fork + 3), UInt64.valueOf(23), TestBlocks.root(side));
      store.update().putBlock(sideChild).putBlock(side).putState(branchState).commit();
      assertThat(store.head()).isEqualTo(mainHead);
      assertThat(store.canonicalRoot(UInt64.valueOf(21))).contains(root(fork + 1));

      store.update().setHead(TestBlocks.root(sideChild)).commit();
      StoreInvariants.check(store);
      assertThat(store.canonicalRoot(UInt64.valueOf(19))).contains(root(fork - 1));
      assertThat(store.canonicalRoot(UInt64.valueOf(20))).isEmpty();
      assertThat(store.canonicalRoot(UInt64.valueOf(21))).contains(TestBlocks.root(side));
      assertThat(store.canonicalRoot(UInt64.valueOf(22))).isEmpty();
      assertThat(store.canonicalRoot(UInt64.valueOf(23))).contains(TestBlocks.root(sideChild));
      assertThat(store.canonicalRoot(UInt64.valueOf(24))).isEmpty();
      assertThat(store.replayToBlock(TestBlocks.root(sideChild)).orElseThrow().state().hashTreeRoot())
          .isEqualTo(branchState.hashTreeRoot());

      store.update().setHead(mainHead).commit();
      StoreInvariants.check(store);
      assertThat(store.canonicalRoot(UInt64.valueOf(20))).contains(root(fork));

      importer.importBlocks(fork + 5, chain.blocks.size() - 1, i -> false);
      assertThat(store.finalizedCheckpoint().epoch().longValue() * 8).isGreaterThan(23);
      assertThat(store.block(TestBlocks.root(side))).isEmpty();
      assertThat(store.block(TestBlocks.root(sideChild))).isEmpty();
      assertThat(store.state(branchState.hashTreeRoot())).isEmpty();
      StoreInvariants.check(store);
    } finally {
      store.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void refusesUpdatesThatWouldBreakTheStoreAndWritesNothingOfThem(Backend backend) {
    StorageOptions options = new StorageOptions(StorageMode.PRUNE, 8, 1000);
    ChainStorage store = create(backend, options);
    try {
      ChainImporter importer = new ChainImporter(store, chain);
      int last = chain.blocks.size() - 1;
      importer.importBlocks(0, 30, i -> false);
      Bytes32 head = store.head();
      Checkpoint finalized = store.finalizedCheckpoint();
      Map<String, Long> sizes = store.sizes();
      int hot = store.hotBlocks().size();

      // an orphan (its parent is not stored), in an update with a good block: neither is written
      assertThatThrownBy(() -> store.update().putBlock(chain.blocks.get(31)).putBlock(chain.blocks.get(33)).commit())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("its parent").hasMessageContaining("is neither");
      assertThat(store.block(root(31))).isEmpty();
      // a state of a block that is not stored
      assertThatThrownBy(() -> store.update().putState(chain.posts.get(last)).commit())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a stored hot block");
      // a head that is not stored
      assertThatThrownBy(() -> store.update().setHead(root(last)).commit())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not descend from the finalized block");
      // a block at or before the finalized slot
      assertThatThrownBy(() -> store.update().putBlock(TestBlocks.sibling(chain.blocks.get(2), UInt64.valueOf(3), root(1))).commit())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not after the finalized slot");
      // finality going back, and two checkpoints of one epoch
      Anchor older = importer.genesis();
      assertThatThrownBy(() -> store.update().setFinalized(older).commit())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot go back");
      int other = chain.indexAtSlot(finalized.epoch().longValue() * 8 + 1);
      Checkpoint conflicting = Checkpoint.create(finalized.epoch(), root(other));
      assertThatThrownBy(() -> store.update().setFinalized(new Anchor(conflicting, conflicting, chain.blocks.get(other).message(),
          chain.posts.get(other))).commit())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two finalized checkpoints of epoch");
      // a justified checkpoint older than the finalized one
      assertThatThrownBy(() -> store.update().setJustified(Checkpoint.create(UInt64.ZERO, Bytes32.ZERO)).commit())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before the finalized epoch");
      // an update is used once
      ChainUpdate once = store.update();
      once.commit();
      assertThatThrownBy(once::commit).isInstanceOf(IllegalStateException.class);

      assertThat(store.head()).isEqualTo(head);
      assertThat(store.finalizedCheckpoint()).isEqualTo(finalized);
      assertThat(store.hotBlocks()).hasSize(hot);
      if (backend == Backend.MEMORY) {
        assertThat(store.sizes()).isEqualTo(sizes);
      }
      StoreInvariants.check(store);
    } finally {
      store.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void theGenesisAnchorIsCanonicalWithoutASignedBlockAndSizesNameEveryColumnFamily(Backend backend) {
    ChainStorage store = create(backend, new StorageOptions(StorageMode.ARCHIVE, 8, 0));
    try {
      Bytes32 genesisRoot = store.finalizedCheckpoint().root();
      assertThat(store.canonicalRoot(UInt64.ZERO)).contains(genesisRoot);
      assertThat(store.block(genesisRoot)).isEmpty();
      assertThat(store.head()).isEqualTo(genesisRoot);
      assertThat(store.earliestBlockSlot()).isEmpty();
      assertThat(store.hotBlocks()).isEmpty();
      assertThat(store.replayToBlock(genesisRoot).orElseThrow().state().hashTreeRoot()).isEqualTo(chain.genesis.hashTreeRoot());
      StoreInvariants.check(store);

      new ChainImporter(store, chain).importBlocks(0, 3, i -> true);
      assertThat(store.earliestBlockSlot()).contains(UInt64.ONE);
      assertThat(store.canonicalBlocks(UInt64.ZERO, 3)).hasSize(2);
      Map<String, Long> sizes = store.sizes();
      assertThat(sizes.keySet()).containsExactly("metadata", "chain", "blocks", "hot_blocks", "states", "hot_states",
          "finalized_states", "canonical", "data_columns");
      assertThat(sizes.get("blocks")).isPositive();
      assertThat(sizes.get("states")).isGreaterThan(chain.genesis.serialize().length);
      assertThat(sizes.values().stream().collect(Collectors.summingLong(Long::longValue))).isPositive();
    } finally {
      store.close();
    }
  }
}
