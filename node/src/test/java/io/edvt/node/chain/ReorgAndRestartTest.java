package io.edvt.node.chain;

import static io.edvt.node.chain.ChainTesting.importNow;
import static io.edvt.node.chain.ChainTesting.settle;
import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.chain.ChainTesting.ManualTime;
import io.edvt.node.chain.ChainTesting.Recorder;
import io.edvt.node.chain.ChainTesting.ScriptedEngine;
import io.edvt.node.storage.Anchor;
import io.edvt.node.storage.ChainStorage;
import io.edvt.node.storage.ForkCrossingChain;
import io.edvt.node.storage.NetworkIdentity;
import io.edvt.node.storage.StorageMode;
import io.edvt.node.storage.StorageOptions;
import io.edvt.node.storage.memory.InMemoryChainStorage;
import io.edvt.node.storage.rocksdb.RocksDbChainStorage;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.testing.BlockOptions;
import io.edvt.spec.testing.ChainBuilder;
import io.edvt.spec.testing.ValidatorKeys;
import java.nio.file.Path;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reorg seen as a {@code chain_reorg} event, and a node restarted from RocksDB. */
class ReorgAndRestartTest {
  private static final ForkCrossingChain CHAIN = ForkCrossingChain.get();
  private static final SpecVersions VERSIONS = CHAIN.versions;
  private static final long SLOT_MS = VERSIONS.config().slotDurationMs();
  private static final StorageOptions OPTIONS = StorageOptions.defaults(StorageMode.PRUNE, VERSIONS.config());

  private static Bytes32 root(SignedBeaconBlock block) {
    return block.message().hashTreeRoot();
  }

  /**
   * Branch A (slots 1-3, nobody attests) is the head until B4 arrives on A1 in its own slot: B4
   * carries the votes of slots 1-3 for A1 and gets the proposer boost, so fork choice moves to it;
   * the old head A3 is two slots past the common ancestor A1.
   */
  @Test
  void aCompetingBranchThatWinsIsAReorgWithItsDepth() {
    ChainBuilder a = new ChainBuilder(VERSIONS.fulu(), CHAIN.genesis, ValidatorKeys.interop(64)).attesting(i -> false);
    SignedBeaconBlock a1 = a.addBlock(UInt64.valueOf(1), BlockOptions.none());
    SignedBeaconBlock a2 = a.addBlock(UInt64.valueOf(2), BlockOptions.none());
    SignedBeaconBlock a3 = a.addBlock(UInt64.valueOf(3), BlockOptions.none());
    ChainBuilder b = new ChainBuilder(VERSIONS.fulu(), CHAIN.genesis, ValidatorKeys.interop(64));
    b.applyBlock(a1);
    SignedBeaconBlock b4 = b.produceBlock(UInt64.valueOf(4), BlockOptions.none());

    ManualTime time = new ManualTime();
    time.set(3 * SLOT_MS + 1000);
    ChainStorage storage = InMemoryChainStorage.create(VERSIONS, OPTIONS, Anchor.genesis(VERSIONS, CHAIN.genesis));
    Recorder events = new Recorder();
    try (Chain chain = ChainLoader.load(VERSIONS, storage, new ScriptedEngine(), ChainTesting.clock(VERSIONS, time),
        ChainOptions.defaults())) {
      chain.events().subscribe(events);
      importNow(chain, a1);
      importNow(chain, a2);
      importNow(chain, a3);
      assertThat(chain.head().root()).isEqualTo(root(a3));
      time.set(4 * SLOT_MS + 1000);
      assertThat(importNow(chain, b4)).isInstanceOf(ImportResult.Imported.class);
      settle(chain);

      assertThat(chain.head().root()).isEqualTo(root(b4));
      assertThat(storage.head()).isEqualTo(root(b4));
      assertThat(storage.canonicalRoot(UInt64.valueOf(2))).isEmpty();
      assertThat(storage.canonicalRoot(UInt64.valueOf(1))).hasValue(root(a1));
      assertThat(events.reorgs).singleElement().satisfies(reorg -> {
        assertThat(reorg.depth()).isEqualTo(2);
        assertThat(reorg.oldHeadRoot()).isEqualTo(root(a3));
        assertThat(reorg.newHeadRoot()).isEqualTo(root(b4));
        assertThat(reorg.commonAncestorRoot()).isEqualTo(root(a1));
        assertThat(reorg.slot()).isEqualTo(4);
      });
    }
  }

  /**
   * Import a part of the chain into RocksDB, drop the chain without shutting it down and close
   * the database, open it again: the loaded chain has the same head and finality, and goes on
   * importing the rest to the same head a node that never stopped has.
   */
  @Test
  void aRestartedNodeContinuesFromItsDatabase(@TempDir Path dir) {
    ManualTime time = new ManualTime();
    time.set(ForkCrossingChain.LAST_SLOT * SLOT_MS + 1000);
    Anchor genesis = Anchor.genesis(VERSIONS, CHAIN.genesis);
    Path folder = dir.resolve("chain");
    int split = CHAIN.indexAtSlot(35);

    ChainStorage first = RocksDbChainStorage.open(folder, VERSIONS, NetworkIdentity.of(CHAIN.genesis), OPTIONS, () -> genesis);
    Chain before = ChainLoader.load(VERSIONS, first, new ScriptedEngine(), ChainTesting.clock(VERSIONS, time), ChainOptions.defaults());
    for (int i = 0; i <= split; i++) {
      assertThat(importNow(before, CHAIN.blocks.get(i))).isInstanceOf(ImportResult.Imported.class);
    }
    ChainHead headBefore = before.head();
    var finalizedBefore = first.finalizedCheckpoint();
    assertThat(finalizedBefore.epoch().longValue()).as("finality moved before the restart").isPositive();
    // no orderly shutdown of the chain: only the database lock is released so the same JVM can reopen it
    first.close();

    ChainStorage reopened = RocksDbChainStorage.open(folder, VERSIONS, NetworkIdentity.of(CHAIN.genesis), OPTIONS,
        () -> { throw new AssertionError("the database should exist"); });
    try (Chain after = ChainLoader.load(VERSIONS, reopened, new ScriptedEngine(), ChainTesting.clock(VERSIONS, time),
        ChainOptions.defaults())) {
      assertThat(after.head()).isEqualTo(headBefore);
      assertThat(reopened.finalizedCheckpoint()).isEqualTo(finalizedBefore);
      assertThat(after.readForkChoice(f -> f.finalizedCheckpoint()).join()).isEqualTo(finalizedBefore);
      assertThat(importNow(after, CHAIN.blocks.get(split))).isEqualTo(new ImportResult.AlreadyKnown(root(CHAIN.blocks.get(split))));
      for (int i = split + 1; i < CHAIN.blocks.size(); i++) {
        assertThat(importNow(after, CHAIN.blocks.get(i))).isInstanceOf(ImportResult.Imported.class);
      }
      settle(after);
      assertThat(after.head().root()).isEqualTo(root(CHAIN.blocks.getLast()));
      assertThat(reopened.finalizedCheckpoint().epoch()).isGreaterThan(finalizedBefore.epoch());
    } finally {
      reopened.close();
    }
  }
}
