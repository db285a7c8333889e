package io.edvt.node.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.node.chain.Chain;
import io.edvt.node.chain.ChainEvents.HeadChanged;
import io.edvt.node.chain.ChainLoader;
import io.edvt.node.chain.ChainOptions;
import io.edvt.node.execution.EngineResponse;
import io.edvt.node.execution.ForkchoiceState;
import io.edvt.node.execution.ForkchoiceUpdatedResult;
import io.edvt.node.execution.PayloadAttributes;
import io.edvt.node.execution.PayloadStatus;
import io.edvt.node.network.ValidEngine;
import io.edvt.node.storage.Anchor;
import io.edvt.node.storage.ForkCrossingChain;
import io.edvt.node.storage.StorageMode;
import io.edvt.node.storage.StorageOptions;
import io.edvt.node.storage.memory.InMemoryChainStorage;
import io.edvt.node.time.SlotClock;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The head hand-off to an execution client, against an engine that answers only when the test
 * says: the genesis head goes out with its payload hash as head, safe and finalized; heads that
 * come while an update is in flight collapse into one update, sent when it answers; a failed
 * update does not stop the next head.
 */
class ExecutionHeadFollowerTest {
  private static final ForkCrossingChain CHAIN = ForkCrossingChain.get();

  private final HeldEngine engine = new HeldEngine();
  private final Chain chain = ChainLoader.load(CHAIN.versions, InMemoryChainStorage.create(CHAIN.versions,
          StorageOptions.defaults(StorageMode.PRUNE, CHAIN.versions.config()), Anchor.genesis(CHAIN.versions, CHAIN.genesis)),
      new ValidEngine(), new SlotClock(0, CHAIN.versions.config().slotDurationMs(), CHAIN.versions.config().slotsPerEpoch(),
          InstantSource.system()), ChainOptions.defaults());
  private final ExecutionHeadFollower follower = new ExecutionHeadFollower(chain, engine);

  @AfterEach
  void close() {
    chain.close();
  }

  @Test
  void headsThatComeDuringAnUpdateCollapseIntoOneSentWhenItAnswers() throws Exception {
    Bytes32 genesisPayload = CHAIN.genesis.latestExecutionPayloadHeader().blockHash();
    follower.onHead(head(1));
    Deadline.await("the first update", () -> engine.calls.size() == 1, 10);
    assertThat(engine.calls.getFirst()).isEqualTo(new ForkchoiceState(genesisPayload, genesisPayload, genesisPayload));
    for (long slot = 2; slot <= 9; slot++) {
      follower.onHead(head(slot)); // while the first is in flight
    }
    assertThat(engine.calls).hasSize(1);

    engine.answers.getFirst().complete(EngineResponse.ok(new ForkchoiceUpdatedResult(PayloadStatus.valid(genesisPayload),
        Optional.empty())));
    Deadline.await("one update for the 8 heads that came meanwhile", () -> engine.calls.size() == 2, 10);
    engine.answers.get(1).completeExceptionally(new IllegalStateException("the execution client went away"));

    follower.onHead(head(10));
    Deadline.await("the next head after a failed update", () -> engine.calls.size() == 3, 10);
    assertThat(engine.calls).hasSize(3);
  }

  private static HeadChanged head(long slot) {
    return new HeadChanged(slot, Bytes32.ZERO, Bytes32.ZERO, false, false);
  }

  /** Records each forkchoice update and answers it only when the test completes its future. */
  private static final class HeldEngine extends ValidEngine {
    final List<ForkchoiceState> calls = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<EngineResponse<ForkchoiceUpdatedResult>>> answers = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<EngineResponse<ForkchoiceUpdatedResult>> forkchoiceUpdatedV3(ForkchoiceState state,
        Optional<PayloadAttributes> attributes) {
      CompletableFuture<EngineResponse<ForkchoiceUpdatedResult>> answer = new CompletableFuture<>();
      answers.add(answer);
      calls.add(state);
      return answer;
    }
  }
}
