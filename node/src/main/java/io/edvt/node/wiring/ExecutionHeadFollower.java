package io.edvt.node.wiring;

import io.edvt.forkchoice.store.ForkChoiceStore;
import io.edvt.node.chain.Chain;
import io.edvt.node.chain.ChainEvents;
import io.edvt.node.execution.EngineApi;
import io.edvt.node.execution.EngineResponse;
import io.edvt.node.execution.ForkchoiceState;
import io.edvt.node.execution.ForkchoiceUpdatedResult;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Tells an execution client each new head (the fork choice's {@code on_block} / {@code on_tick}
 * hand-off, {@code engine_forkchoiceUpdatedV3} without attributes): the head block's payload hash,
 * and the justified and finalized checkpoints' payload hashes as safe and finalized. Without it an
 * execution client moves its head only when this node asks it to build, so it lags the chain, and
 * a reorg reaches it only at the next proposal, when it must be quick.
 *
 * <p>Updates go out one at a time, never blocking the events thread. Heads that come while one is
 * in flight collapse into the latest (only the current head matters to the execution client), so
 * a slow or hanging client costs one pending head, not a queue that grows with every slot. A
 * failure is logged and the next head tries again. The execution client's own availability
 * changes are logged by the client ({@code HttpEngineApi}).
 */
final class ExecutionHeadFollower implements ChainEvents {
  private static final System.Logger LOG = System.getLogger(ExecutionHeadFollower.class.getName());

  private final Chain chain;
  private final EngineApi engine;
  /** Whether an update is in flight; {@link #pending} is the latest head that came meanwhile. */
  private boolean inFlight;
  private HeadChanged pending;

  ExecutionHeadFollower(Chain chain, EngineApi engine) {
    this.chain = chain;
    this.engine = engine;
  }

  @Override
  public synchronized void onHead(HeadChanged event) {
    if (inFlight) {
      pending = event;
      return;
    }
    inFlight = true;
    send(event);
  }

  private void send(HeadChanged event) {
    chain.readForkChoice(f -> {
      Bytes32 head = f.getHead();
      return new ForkchoiceState(payloadHash(f, head), payloadHash(f, f.justifiedCheckpoint().root()),
          payloadHash(f, f.finalizedCheckpoint().root()));
    }).thenCompose(state -> engine.forkchoiceUpdatedV3(state, Optional.empty()))
        .whenComplete((answer, e) -> {
          if (e != null) {
            LOG.log(System.Logger.Level.DEBUG, "Head of slot {0}: no forkchoice update: {1}", event.slot(), e.toString());
          } else {
            report(event, answer);
          }
          HeadChanged next;
          synchronized (this) {
            next = pending;
            pending = null;
            inFlight = next != null;
          }
          if (next != null) {
            send(next);
          }
        });
  }

  private static Bytes32 payloadHash(ForkChoiceStore f, Bytes32 root) {
    return f.containsBlock(root) ? f.block(root).state().latestExecutionPayloadHeader().blockHash() : Bytes32.ZERO;
  }

  private static void report(HeadChanged event, EngineResponse<ForkchoiceUpdatedResult> answer) {
    if (answer instanceof EngineResponse.Ok<ForkchoiceUpdatedResult> ok) {
      LOG.log(System.Logger.Level.DEBUG, "Head of slot {0} told to the execution client: {1}", event.slot(),
          ok.value().payloadStatus());
    } else {
      LOG.log(System.Logger.Level.DEBUG, "Head of slot {0}: forkchoice update failed: {1}", event.slot(), answer);
    }
  }
}
