package io.edvt.node.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.node.execution.BlobAndProofs;
import io.edvt.node.execution.EngineApi;
import io.edvt.node.execution.EngineResponse;
import io.edvt.node.execution.ForkchoiceState;
import io.edvt.node.execution.ForkchoiceUpdatedResult;
import io.edvt.node.execution.GetPayloadResponse;
import io.edvt.node.execution.PayloadAttributes;
import io.edvt.node.execution.PayloadId;
import io.edvt.node.execution.PayloadStatus;
import io.edvt.node.storage.ChainStorage;
import io.edvt.node.time.SlotClock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.logic.execution.NewPayloadRequest;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.tuweni.bytes.Bytes32;

/** Test parts for the chain: a settable clock, a scripted engine, an event recorder. */
final class ChainTesting {
  private ChainTesting() {}

  /** A time source the test sets. */
  static final class ManualTime implements InstantSource {
    private final AtomicLong millis = new AtomicLong();

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public long millis() {
      return millis.get();
    }

    void set(long ms) {
      millis.set(ms);
    }
  }

  /** The clock of {@code versions}' network with genesis at time 0 on {@code time}. */
  static SlotClock clock(SpecVersions versions, ManualTime time) {
    return new SlotClock(0, versions.config().slotDurationMs(), versions.config().slotsPerEpoch(), time);
  }

  /**
   * An execution engine that judges payloads as the test says: {@code VALID} by default,
   * {@code INVALID} for block hashes in {@link #invalid}, {@code SYNCING} for those in
   * {@link #syncing}. It serves only {@code newPayloadV4}.
   */
  static final class ScriptedEngine implements EngineApi {
    final Set<Bytes32> invalid = ConcurrentHashMap.newKeySet();
    final Set<Bytes32> syncing = ConcurrentHashMap.newKeySet();
    final List<Bytes32> seen = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<EngineResponse<PayloadStatus>> newPayloadV4(NewPayloadRequest request) {
      Bytes32 hash = request.executionPayload().blockHash();
      seen.add(hash);
      PayloadStatus status = invalid.contains(hash) ? PayloadStatus.invalid(Optional.empty(), "scripted invalid")
          : syncing.contains(hash) ? PayloadStatus.syncing() : PayloadStatus.valid(hash);
      return CompletableFuture.completedFuture(EngineResponse.ok(status));
    }

    @Override
    public CompletableFuture<EngineResponse<List<String>>> exchangeCapabilities(List<String> methods) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<EngineResponse<ForkchoiceUpdatedResult>> forkchoiceUpdatedV3(ForkchoiceState state,
        Optional<PayloadAttributes> attributes) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<EngineResponse<GetPayloadResponse>> getPayloadV4(PayloadId id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<EngineResponse<GetPayloadResponse>> getPayloadV5(PayloadId id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<EngineResponse<Optional<List<BlobAndProofs>>>> getBlobsV2(List<Bytes32> hashes) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }

  /** Records every event, with the thread it arrived on. */
  static final class Recorder implements ChainEvents {
    final List<HeadChanged> heads = new CopyOnWriteArrayList<>();
    final List<BlockImported> blocks = new CopyOnWriteArrayList<>();
    final List<FinalizedCheckpoint> finalized = new CopyOnWriteArrayList<>();
    final List<ChainReorg> reorgs = new CopyOnWriteArrayList<>();
    final Set<String> threads = ConcurrentHashMap.newKeySet();

    @Override
    public void onHead(HeadChanged event) {
      threads.add(Thread.currentThread().getName());
      heads.add(event);
    }

    @Override
    public void onBlockImported(BlockImported event) {
      threads.add(Thread.currentThread().getName());
      blocks.add(event);
    }

    @Override
    public void onFinalizedCheckpoint(FinalizedCheckpoint event) {
      finalized.add(event);
    }

    @Override
    public void onChainReorg(ChainReorg event) {
      reorgs.add(event);
    }
  }

  static ImportResult importNow(Chain chain, SignedBeaconBlock block) {
    try {
      return chain.importer().importBlock(block, BlockSource.RPC).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Waits (up to 20 s) until {@code condition} holds. */
  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  /** Waits until the chain thread and the events thread are idle (all queued work and events done). */
  static void settle(Chain chain) {
    try {
      chain.readForkChoice(f -> null).get(30, TimeUnit.SECONDS);
      chain.events().flushed().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static void assertStored(ChainStorage storage, SignedBeaconBlock block) {
    assertThat(storage.block(block.message().hashTreeRoot())).as("block at slot %s stored", block.message().slot()).isPresent();
  }
}
