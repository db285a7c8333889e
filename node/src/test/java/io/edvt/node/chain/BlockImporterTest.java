package io.edvt.node.chain;

import static io.edvt.node.chain.ChainTesting.await;
import static io.edvt.node.chain.ChainTesting.importNow;
import static io.edvt.node.chain.ChainTesting.settle;
import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.node.chain.ChainTesting.ManualTime;
import io.edvt.node.chain.ChainTesting.Recorder;
import io.edvt.node.chain.ChainTesting.ScriptedEngine;
import io.edvt.node.storage.Anchor;
import io.edvt.node.storage.ChainStorage;
import io.edvt.node.storage.ForkCrossingChain;
import io.edvt.node.storage.StorageMode;
import io.edvt.node.storage.StorageOptions;
import io.edvt.node.storage.memory.InMemoryChainStorage;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.edvt.SpecVersions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The import pipeline on one real signed chain (64 validators, minimal preset, Fulu until the
 * scheduled EDVT_FORK_EPOCH 2, then EDVT; everyone attests, so it justifies and finalizes): every
 * signature and state root checked, on the in-memory store.
 */
class BlockImporterTest {
  private static final ForkCrossingChain CHAIN = ForkCrossingChain.get();
  private static final SpecVersions VERSIONS = CHAIN.versions;
  private static final long SLOT_MS = VERSIONS.config().slotDurationMs();
  private static final int SLOTS_PER_EPOCH = VERSIONS.config().slotsPerEpoch();

  private final ManualTime time = new ManualTime();
  private final ScriptedEngine engine = new ScriptedEngine();
  private final Recorder events = new Recorder();
  private final ChainStorage storage = InMemoryChainStorage.create(VERSIONS,
      StorageOptions.defaults(StorageMode.PRUNE, VERSIONS.config()), Anchor.genesis(VERSIONS, CHAIN.genesis));
  private Chain chain;

  private Chain start(long slot) {
    time.set(slot * SLOT_MS + 1000);
    chain = ChainLoader.load(VERSIONS, storage, engine, ChainTesting.clock(VERSIONS, time), ChainOptions.defaults());
    chain.events().subscribe(events);
    return chain;
  }

  @AfterEach
  void stop() {
    if (chain != null) {
      chain.close();
    }
  }

  private static Bytes32 root(SignedBeaconBlock block) {
    return block.message().hashTreeRoot();
  }

  @Test
  void importsTheChainInOrderAcrossTheForkAndFinalizesBeyondIt() {
    start(ForkCrossingChain.LAST_SLOT);
    for (SignedBeaconBlock block : CHAIN.blocks) {
      assertThat(importNow(chain, block)).isEqualTo(new ImportResult.Imported(root(block), block.message().slot().longValue(), false));
    }
    settle(chain);
    SignedBeaconBlock last = CHAIN.blocks.getLast();
    assertThat(chain.head().root()).isEqualTo(root(last));
    assertThat(storage.head()).isEqualTo(root(last));
    CHAIN.blocks.forEach(b -> ChainTesting.assertStored(storage, b));
    assertThat(storage.canonicalRoot(last.message().slot())).hasValue(root(last));
    // finality moved into EDVT epochs, and storage's anchor followed fork choice
    long finalizedEpoch = storage.finalizedCheckpoint().epoch().longValue();
    assertThat(finalizedEpoch).isGreaterThan(ForkCrossingChain.FORK_EPOCH);
    assertThat(chain.readForkChoice(f -> f.finalizedCheckpoint()).join()).isEqualTo(storage.finalizedCheckpoint());
    assertThat(SpecVersions.milestoneOf(storage.anchor().state())).isEqualTo(SpecMilestone.EDVT);
    // one snapshot per epoch: the first block of each epoch after the anchor has its post-state stored
    int firstOfLastEpoch = CHAIN.indexAtSlot((ForkCrossingChain.LAST_SLOT / SLOTS_PER_EPOCH - 1) * SLOTS_PER_EPOCH);
    assertThat(storage.state(CHAIN.blocks.get(firstOfLastEpoch).message().stateRoot())).isPresent();
    assertThat(storage.state(CHAIN.blocks.get(firstOfLastEpoch + 1).message().stateRoot())).isEmpty();
    // events: every block, a head per block, epoch transitions at the epoch boundaries, finality, on the events thread
    assertThat(events.blocks).hasSize(CHAIN.blocks.size());
    assertThat(events.heads).hasSize(CHAIN.blocks.size());
    assertThat(events.heads.stream().filter(ChainEvents.HeadChanged::epochTransition).map(ChainEvents.HeadChanged::slot))
        .containsExactly(8L, 17L, 24L, 32L, 40L, 48L);
    assertThat(events.finalized).isNotEmpty();
    assertThat(events.finalized.getLast().checkpoint()).isEqualTo(storage.finalizedCheckpoint());
    assertThat(events.reorgs).isEmpty();
    assertThat(events.threads).containsExactly("chain-events");
  }

  @Test
  void importsChildrenBeforeParentsOnceTheParentArrives() throws Exception {
    start(ForkCrossingChain.LAST_SLOT);
    List<SignedBeaconBlock> first = CHAIN.blocks.subList(0, 12);
    for (int i = first.size() - 1; i >= 1; i--) {
      SignedBeaconBlock block = first.get(i);
      assertThat(importNow(chain, block)).isEqualTo(
          new ImportResult.UnknownParent(root(block), block.message().parentRoot(), true));
    }
    assertThat(chain.importer().missingRoots().get(5, TimeUnit.SECONDS)).containsExactly(root(first.get(0)));
    assertThat(chain.importer().pendingCount().get(5, TimeUnit.SECONDS)).isEqualTo(11);
    assertThat(storage.block(root(first.get(1)))).isEmpty();

    assertThat(importNow(chain, first.get(0))).isInstanceOf(ImportResult.Imported.class);
    await("the pending blocks are imported", () -> chain.head().root().equals(root(first.getLast())));
    settle(chain);
    assertThat(chain.importer().pendingCount().get(5, TimeUnit.SECONDS)).isZero();
    first.forEach(b -> ChainTesting.assertStored(storage, b));
    assertThat(events.blocks).extracting(ChainEvents.BlockImported::slot)
        .containsExactlyElementsOf(first.stream().map(b -> b.message().slot().longValue()).toList());
  }

  @Test
  void refusesAnInvalidBlockWithTheSpecRuleAndStoresNothing() {
    start(ForkCrossingChain.LAST_SLOT);
    importNow(chain, CHAIN.blocks.get(0));
    SignedBeaconBlock good = CHAIN.blocks.get(1);
    BeaconBlock tampered = good.message().withStateRoot(Bytes32.repeat((byte) 7));
    SignedBeaconBlock bad = io.edvt.spec.datastructures.blocks.SignedBeaconBlock.create(
        VERSIONS.fulu().schemas().signedBeaconBlock(), tampered, good.signature());

    ImportResult result = importNow(chain, bad);

    assertThat(result).isInstanceOfSatisfying(ImportResult.Invalid.class, invalid -> {
      assertThat(invalid.rule()).isEqualTo("state_transition(state, signed_block, True)");
      assertThat(invalid.blockRoot()).isEqualTo(root(bad));
    });
    settle(chain);
    assertThat(storage.block(root(bad))).isEmpty();
    assertThat(storage.head()).isEqualTo(root(CHAIN.blocks.get(0)));
    assertThat(chain.readForkChoice(f -> f.containsBlock(root(bad))).join()).isFalse();
    // the real block still imports afterwards
    assertThat(importNow(chain, good)).isInstanceOf(ImportResult.Imported.class);
  }

  @Test
  void refusesAPayloadTheEngineFindsInvalidAndStoresNothing() {
    start(ForkCrossingChain.LAST_SLOT);
    importNow(chain, CHAIN.blocks.get(0));
    SignedBeaconBlock block = CHAIN.blocks.get(1);
    engine.invalid.add(block.message().body().executionPayload().blockHash());

    assertThat(importNow(chain, block)).isInstanceOfSatisfying(ImportResult.ExecutionInvalid.class,
        r -> assertThat(r.reason()).contains("INVALID").contains("scripted invalid"));
    settle(chain);
    assertThat(storage.block(root(block))).isEmpty();
    assertThat(chain.readForkChoice(f -> f.containsBlock(root(block))).join()).isFalse();
  }

  @Test
  void importsASyncingPayloadOptimistically() {
    start(ForkCrossingChain.LAST_SLOT);
    SignedBeaconBlock block = CHAIN.blocks.get(0);
    engine.syncing.add(block.message().body().executionPayload().blockHash());
    assertThat(importNow(chain, block)).isEqualTo(new ImportResult.Imported(root(block), 1, true));
    settle(chain);
    assertThat(chain.head().optimistic()).isTrue();
    assertThat(events.heads.getLast().optimistic()).isTrue();
  }

  @Test
  void aDuplicateIsAlreadyKnownAndChangesNothing() {
    start(ForkCrossingChain.LAST_SLOT);
    SignedBeaconBlock block = CHAIN.blocks.get(0);
    assertThat(importNow(chain, block)).isInstanceOf(ImportResult.Imported.class);
    assertThat(importNow(chain, block)).isEqualTo(new ImportResult.AlreadyKnown(root(block)));
    // and two copies at once: one import, one "already known"
    SignedBeaconBlock next = CHAIN.blocks.get(1);
    var a = chain.importer().importBlock(next, BlockSource.RPC);
    var b = chain.importer().importBlock(next, BlockSource.RPC);
    assertThat(List.of(a.join(), b.join())).containsExactlyInAnyOrder(
        new ImportResult.Imported(root(next), 2, false), new ImportResult.AlreadyKnown(root(next)));
    settle(chain);
    assertThat(events.blocks).hasSize(2);
    assertThat(engine.seen).hasSize(2);
  }

  @Test
  void aBlockWhoseSlotHasNotStartedIsDeferred() {
    start(0);
    SignedBeaconBlock block = CHAIN.blocks.get(0);
    assertThat(importNow(chain, block)).isInstanceOf(ImportResult.Deferred.class);
    time.set(SLOT_MS);
    assertThat(importNow(chain, block)).isInstanceOf(ImportResult.Imported.class);
  }
}
