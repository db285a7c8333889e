package io.edvt.node.chain;

import static io.edvt.node.chain.ChainTesting.importNow;
import static io.edvt.node.chain.ChainTesting.settle;
import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.node.chain.ChainTesting.ManualTime;
import io.edvt.node.chain.ChainTesting.ScriptedEngine;
import io.edvt.node.storage.Anchor;
import io.edvt.node.storage.ChainStorage;
import io.edvt.node.storage.ForkCrossingChain;
import io.edvt.node.storage.NetworkIdentity;
import io.edvt.node.storage.StorageMode;
import io.edvt.node.storage.StorageOptions;
import io.edvt.node.storage.rocksdb.RocksDbChainStorage;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.logic.common.PubkeyIndex;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A chain loaded from disk decompresses its registry's public keys in the background, for the states blocks build on. */
class PublicKeyWarmUpTest {
  private static final ForkCrossingChain CHAIN = ForkCrossingChain.get();
  private static final SpecVersions VERSIONS = CHAIN.versions;
  private static final long SLOT_MS = VERSIONS.config().slotDurationMs();
  private static final StorageOptions OPTIONS = StorageOptions.defaults(StorageMode.PRUNE, VERSIONS.config());

  /**
   * Import part of the chain, close the database, load the chain from it again: once the warm-up
   * reports done, the head state (a state replayed from the anchor, as the next block's parent is)
   * holds a decompressed key for every validator, so a block on it decompresses none.
   */
  @Test
  void afterARestartTheHeadStateHasEveryValidatorsKey(@TempDir Path dir) throws Exception {
    ManualTime time = new ManualTime();
    time.set(ForkCrossingChain.LAST_SLOT * SLOT_MS + 1000);
    Anchor genesis = Anchor.genesis(VERSIONS, CHAIN.genesis);
    Path folder = dir.resolve("chain");
    ChainStorage first = RocksDbChainStorage.open(folder, VERSIONS, NetworkIdentity.of(CHAIN.genesis), OPTIONS, () -> genesis);
    try (Chain before = ChainLoader.load(VERSIONS, first, new ScriptedEngine(), ChainTesting.clock(VERSIONS, time),
        ChainOptions.defaults())) {
      for (int i = 0; i < 4; i++) {
        importNow(before, CHAIN.blocks.get(i));
      }
      settle(before);
    } finally {
      first.close();
    }

    ChainStorage reopened = RocksDbChainStorage.open(folder, VERSIONS, NetworkIdentity.of(CHAIN.genesis), OPTIONS,
        () -> { throw new AssertionError("the database should exist"); });
    try (Chain after = ChainLoader.load(VERSIONS, reopened, new ScriptedEngine(), ChainTesting.clock(VERSIONS, time),
        ChainOptions.defaults())) {
      after.publicKeysWarmedUp().get(60, TimeUnit.SECONDS);
      var head = after.head();
      assertThat(head.slot()).as("the restart replayed the imported blocks").isPositive();
      BeaconState headState = after.readForkChoice(f -> f.block(head.root()).state()).join();
      // the index a block on the head state would use: created here, empty, if the warm-up's index were not shared
      PubkeyIndex index = headState.caches().get(PubkeyIndex.class, PubkeyIndex::new);
      int size = headState.validators().size();
      assertThat(size).isPositive();
      for (int i = 0; i < size; i++) {
        assertThat(index.remembers(i)).as("key of validator %d decompressed", i).isTrue();
      }
      assertThat(index.remembers(size)).as("no key beyond the registry").isFalse();
    } finally {
      reopened.close();
    }
  }
}
