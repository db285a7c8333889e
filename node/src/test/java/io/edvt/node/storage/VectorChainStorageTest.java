package io.edvt.node.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.MultiForkStateTransition;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.execution.ExecutionEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Chains of the reference vectors (Fulu's official ones, EDVT's own) stored block by block and
 * read back, on both implementations, after a restart for RocksDB: blocks and states come back
 * byte for byte and as their own fork's types, the canonical index is the chain, and a hot
 * snapshot plus the blocks {@link ChainStorage#replayToBlock} names reproduces every post-state.
 */
class VectorChainStorageTest {
  @TempDir Path tmp;

  static Stream<Arguments> chains() {
    List<Arguments> all = new ArrayList<>();
    for (Backend backend : Backend.values()) {
      all.add(Arguments.of(backend, "fulu", "finality/finality/pyspec_tests/finality_rule_1"));
      all.add(Arguments.of(backend, "fulu", "sanity/blocks/pyspec_tests/multi_epoch_consolidation_chain"));
      all.add(Arguments.of(backend, "edvt", "finality/finality/pyspec_tests/finality_groups_at_threshold"));
      all.add(Arguments.of(backend, "edvt", "sanity/blocks/pyspec_tests/multi_epoch_group_proposers_and_group_attestations"));
    }
    return all.stream();
  }

  private static VectorChain chain(String fork, String relative) {
    return fork.equals("fulu") ? VectorChain.fulu(relative) : VectorChain.edvt(relative);
  }

  @ParameterizedTest(name = "{0} {1}/{2}")
  @MethodSource("chains")
  void readsBackEveryBlockAndSnapshotOfAVectorChainAfterARestart(Backend backend, String fork, String relative) {
    VectorChain chain = chain(fork, relative);
    SpecVersions versions = VectorChain.minimalWithEdvt();
    StorageOptions options = new StorageOptions(StorageMode.ARCHIVE, 64, 0);
    ChainStorage store = backend.create(tmp.resolve("db"), versions, options, chain.anchorAt(0));
    store.update().putBlock(chain.blocks().get(0)).commit(); // the anchor's signed block
    long slotsPerEpoch = versions.config().slotsPerEpoch();
    List<Bytes32> snapshots = new ArrayList<>();
    for (int i = 1; i < chain.blocks().size(); i++) {
      ChainUpdate update = store.update().putBlock(chain.blocks().get(i)).setHead(chain.root(i));
      // a hot snapshot at the first block of each epoch, as a node would keep
      if (chain.slot(i).longValue() / slotsPerEpoch != chain.slot(i - 1).longValue() / slotsPerEpoch) {
        update.putState(chain.posts().get(i));
        snapshots.add(chain.posts().get(i).hashTreeRoot());
      }
      update.commit();
    }

    store = backend.reopen(store, tmp.resolve("db"), versions, options);
    try {
      int last = chain.blocks().size() - 1;
      assertThat(store.head()).isEqualTo(chain.root(last));
      for (int i = 0; i <= last; i++) {
        SignedBeaconBlock read = store.block(chain.root(i)).orElseThrow();
        assertThat(read.serialize()).as("block %d", i).isEqualTo(chain.blocks().get(i).serialize());
        assertThat(read.getClass()).isEqualTo(chain.blocks().get(i).getClass());
        assertThat(store.canonicalRoot(chain.slot(i))).contains(chain.root(i));
      }
      for (long slot = chain.slot(0).longValue(); slot <= chain.slot(last).longValue(); slot++) {
        UInt64 at = UInt64.valueOf(slot);
        boolean hasBlock = chain.blocks().stream().anyMatch(b -> b.message().slot().equals(at));
        assertThat(store.canonicalRoot(at).isPresent()).as("slot %d", slot).isEqualTo(hasBlock);
      }
      assertThat(store.canonicalBlocks(chain.slot(0), chain.slot(last).longValue() + 1).stream().map(TestBlocks::root))
          .containsExactlyElementsOf(chain.blocks().stream().map(TestBlocks::root).toList());
      assertThat(store.hotBlocks().stream().map(TestBlocks::root))
          .containsExactlyElementsOf(chain.blocks().subList(1, last + 1).stream().map(TestBlocks::root).toList());
      assertThat(store.earliestBlockSlot()).contains(chain.slot(0));
      for (Bytes32 root : snapshots) {
        BeaconState state = store.state(root).orElseThrow();
        assertThat(state.hashTreeRoot()).isEqualTo(root);
        assertThat(SpecVersions.milestoneOf(state)).isEqualTo(chain.milestone());
      }
      Anchor anchor = store.anchor();
      assertThat(anchor.finalized()).isEqualTo(chain.anchorAt(0).finalized());
      assertThat(anchor.state().hashTreeRoot()).isEqualTo(chain.posts().get(0).hashTreeRoot());

      // every post-state is a snapshot plus a replay away
      MultiForkStateTransition transition = new MultiForkStateTransition(chain.versions());
      for (int i = 0; i <= last; i++) {
        Replay replay = store.replayToBlock(chain.root(i)).orElseThrow();
        BeaconState state = replay.state();
        for (SignedBeaconBlock block : replay.blocks()) {
          state = transition.stateTransition(state, block, true, SignatureVerifier.NONE, ExecutionEngine.always(true));
        }
        assertThat(state.hashTreeRoot()).as("state of block %d", i).isEqualTo(chain.posts().get(i).hashTreeRoot());
        assertThat(replay.blocks().size()).as("blocks replayed for block %d", i).isLessThanOrEqualTo((int) slotsPerEpoch);
      }
      assertThat(store.replayToBlock(Bytes32.ZERO)).isEmpty();
    } finally {
      store.close();
    }
  }
}
