package io.edvt.node.validator.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.chain.AttestationPool;
import io.edvt.node.chain.BlockSource;
import io.edvt.node.chain.Chain;
import io.edvt.node.chain.ChainEvents;
import io.edvt.node.chain.ChainLoader;
import io.edvt.node.chain.ChainOptions;
import io.edvt.node.chain.ColumnAvailability;
import io.edvt.node.chain.ImportResult;
import io.edvt.node.chain.OperationPool;
import io.edvt.node.chain.PooledBlockProductionInputs;
import io.edvt.node.execution.BlobsBundle;
import io.edvt.node.execution.EngineApi;
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
import io.edvt.node.validator.slashing.SlashingProtection;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import io.edvt.spec.datastructures.operations.SingleAttestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.validator.SignedAggregateAndProof;
import io.edvt.spec.datastructures.validator.SyncCommitteeMessage;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.GenesisFulu;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data availability on import, on real chains (minimal preset, Fulu at genesis and EDVT from epoch 1, 64
 * interop validators) with embedded engines: a proposer's engine makes one blob per payload, the
 * producer puts its commitment in the block, and {@link DataColumnSidecarFactory} builds the 128
 * sidecars of the signed block. A second chain, whose node custodies every column and holds none of
 * them, does not import the block: {@code is_data_available} is false and the importer says so
 * ({@link ImportResult.AwaitingColumns}); with 127 columns stored it still waits; with the last
 * one the block is imported and becomes the head, from the post-state it waited with (its engine
 * is not asked again). Before that, the blobs a validator client
 * would send with the block ({@code SignedBlockContents}) are checked by the node that did not build
 * them ({@link DataColumnSidecarFactory#offer}) and give the same sidecars.
 */
class BlobAvailabilityTest {
  private static final Bytes FEE_RECIPIENT = Bytes.fromHexString("0x" + "fe".repeat(20));
  private static final int VALIDATORS = 64;
  private static final int COLUMNS = 128;

  @TempDir Path dir;

  /** Keeps the signed block; the proposer's own chain imports it, its sidecars stored first. */
  private static final class Capture implements DutyPublisher {
    SignedBeaconBlock block;

    @Override
    public void attestation(SingleAttestation attestation, int subnet) {}

    @Override
    public void aggregate(SignedAggregateAndProof aggregate) {}

    @Override
    public void syncCommitteeMessage(SyncCommitteeMessage message, int subnet) {}

    @Override
    public void block(SignedBeaconBlock block) {
      this.block = block;
    }
  }

  @Test
  void aBlockWithBlobsIsImportedOnlyOnceEveryCustodyColumnIsHeld() throws Exception {
    SpecVersions versions = new SpecVersions(EdvtConfig.load("minimal", Map.of("EDVT_FORK_EPOCH", "1")));
    BeaconState genesis = new GenesisFulu(versions.fulu()).interop(VALIDATORS, UInt64.ZERO, SpecConstants.ETH1_ADDRESS_WITHDRAWAL_PREFIX);
    long slotMs = versions.config().slotDurationMs();
    AtomicLong now = new AtomicLong(slotMs);
    SlotClock clock = new SlotClock(0, slotMs, versions.config().slotsPerEpoch(), () -> Instant.ofEpochMilli(now.get()));
    EmbeddedEngine proposerEngine = new EmbeddedEngine(versions.fulu().schemas(), genesis.latestExecutionPayloadHeader(), 1);
    List<BlsSecretKey> keys = new ArrayList<>();
    for (int i = 0; i < VALIDATORS; i++) {
      keys.add(BlsSecretKey.interop(i));
    }
    Set<Long> everyColumn = LongStream.range(0, COLUMNS).boxed().collect(Collectors.toSet());
    ChainStorage proposerStorage = storage(versions, genesis);
    ChainStorage otherStorage = storage(versions, genesis);
    EmbeddedEngine otherEngine = new EmbeddedEngine(versions.fulu().schemas(), genesis.latestExecutionPayloadHeader());
    // the other node's chain counts its newPayload calls: a block that waited for its columns is not sent again
    AtomicInteger newPayloads = new AtomicInteger();
    EngineApi countingEngine = (EngineApi) Proxy.newProxyInstance(EngineApi.class.getClassLoader(),
        new Class<?>[] {EngineApi.class}, (proxy, method, args) -> {
          if (method.getName().equals("newPayloadV4")) {
            newPayloads.incrementAndGet();
          }
          try {
            return method.invoke(otherEngine, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    try (Chain proposer = ChainLoader.load(versions, proposerStorage, proposerEngine, clock, ChainOptions.defaults());
        Chain other = ChainLoader.load(versions, otherStorage, countingEngine, clock, ChainOptions.defaults()
            .withDataAvailability(new ColumnAvailability(otherStorage.dataColumns(), everyColumn)));
        SlashingProtection protection = SlashingProtection.open(dir, genesis.genesisValidatorsRoot())) {
      ProducedBlobs produced = new ProducedBlobs();
      EngineBlockProducer producer = new EngineBlockProducer(versions, proposerEngine,
          new PooledBlockProductionInputs(versions, AttestationPool.create(), new OperationPool(versions, 64)), FEE_RECIPIENT,
          "edvt test", produced);
      Capture capture = new Capture();
      ValidatorDuties duties = new ValidatorDuties(versions, new Signer(versions, protection, keys),
          () -> new ValidatorDuties.Head(proposer.head().root(), headState(proposer)), capture,
          (data, committee) -> Optional.empty(), producer, GroupProposalSeam.NONE);
      proposer.onSlot(1).get(10, TimeUnit.SECONDS);
      other.onSlot(1).get(10, TimeUnit.SECONDS);
      SignedBeaconBlock block = duties.propose(UInt64.ONE).orElseThrow(() -> new AssertionError("no block"));
      assertThat(capture.block).isEqualTo(block);
      assertThat(block.message().body().blobKzgCommitments().size()).isEqualTo(1);
      Bytes32 root = block.message().hashTreeRoot();

      List<DataColumnSidecar> sidecars = new DataColumnSidecarFactory(versions, proposerEngine, produced).sidecars(block);
      assertThat(sidecars).hasSize(COLUMNS);
      Bytes32 genesisRoot = other.head().root();

      // a validator client's SignedBlockContents for the other node, which neither built the blobs nor holds them:
      // no sidecars without them; checked blobs and proofs are taken, and give the same sidecars
      DataColumnSidecarFactory otherFactory = new DataColumnSidecarFactory(versions, otherEngine, new ProducedBlobs());
      assertThatThrownBy(() -> otherFactory.sidecars(block)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("neither this node built nor its engine holds");
      BlobsBundle bundle = produced.get(root).orElseThrow();
      assertThat(otherFactory.offer(block, List.of(), bundle.proofs())).hasValueSatisfying(
          e -> assertThat(e).startsWith("the block commits to 1 blobs: expected as many blobs and 128 cell proofs, got 0 and 128"));
      List<Bytes48> swapped = new ArrayList<>(bundle.proofs());
      swapped.set(0, bundle.proofs().get(1));
      swapped.set(1, bundle.proofs().get(0));
      assertThat(otherFactory.offer(block, bundle.blobs(), swapped)).hasValue("the cell proofs of blob 0 do not verify");
      assertThat(otherFactory.offer(block, bundle.blobs(), bundle.proofs())).isEmpty();
      assertThat(otherFactory.sidecars(block)).isEqualTo(sidecars);

      // none held: valid, but not imported, for the data-availability reason
      ImportResult first = other.importer().importBlock(block, BlockSource.GOSSIP).get(10, TimeUnit.SECONDS);
      assertThat(first).isInstanceOfSatisfying(ImportResult.AwaitingColumns.class,
          a -> assertThat(a.missingColumns()).isEqualTo(everyColumn));
      assertThat(other.head().root()).isEqualTo(genesisRoot);
      assertThat(other.importer().awaitingColumns().get(10, TimeUnit.SECONDS)).containsExactly(root);

      // all but one column: still waiting
      sidecars.subList(0, COLUMNS - 1).forEach(otherStorage.dataColumns()::put);
      ImportResult again = other.importer().importBlock(block, BlockSource.RPC).get(10, TimeUnit.SECONDS);
      assertThat(again).isInstanceOfSatisfying(ImportResult.AwaitingColumns.class,
          a -> assertThat(a.missingColumns()).containsExactly((long) COLUMNS - 1));
      assertThat(other.head().root()).isEqualTo(genesisRoot);

      // the last column: the waiting block is imported on its own
      CompletableFuture<Bytes32> imported = new CompletableFuture<>();
      other.events().subscribe(new ChainEvents() {
        @Override
        public void onBlockImported(BlockImported event) {
          imported.complete(event.root());
        }
      });
      assertThat(newPayloads.get()).as("newPayload calls of the two explicit imports").isEqualTo(2);
      otherStorage.dataColumns().put(sidecars.get(COLUMNS - 1));
      assertThat(imported.get(10, TimeUnit.SECONDS)).isEqualTo(root);
      // into fork choice with the post-state and verdict it waited with: no second transition, no engine call
      assertThat(newPayloads.get()).isEqualTo(2);
      assertThat(other.head().root()).isEqualTo(root);
      assertThat(other.importer().awaitingColumns().get(10, TimeUnit.SECONDS)).isEmpty();
    }
  }

  private static ChainStorage storage(SpecVersions versions, BeaconState genesis) {
    return InMemoryChainStorage.create(versions, StorageOptions.defaults(StorageMode.PRUNE, versions.config()),
        Anchor.genesis(versions, genesis));
  }

  private static BeaconState headState(Chain chain) {
    var root = chain.head().root();
    return chain.readForkChoice(f -> f.block(root).state()).orTimeout(10, TimeUnit.SECONDS).join();
  }
}
