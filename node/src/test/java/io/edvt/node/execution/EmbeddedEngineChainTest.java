package io.edvt.node.execution;

import static io.edvt.node.execution.EngineTesting.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.execution.embedded.EmbeddedEngine;
import io.edvt.spec.config.SpecConfigLoader;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.execution.ExecutionPayload;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.GenesisFulu;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.testing.BlockOptions;
import io.edvt.spec.testing.ChainBuilder;
import io.edvt.spec.testing.ValidatorKeys;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

/**
 * The embedded engine under the spec's state transition: a proposer builds every payload of a
 * Fulu chain with it ({@code prepare_execution_payload}, {@code forkchoiceUpdatedV3},
 * {@code getPayloadV5}), and both the proposer and another node import every block through
 * {@link NewPayloadNotifier}, whose {@code newPayloadV4} verdict is {@code VALID}.
 */
class EmbeddedEngineChainTest {
  private static final SpecFulu SPEC = new SpecFulu(SpecConfigLoader.load("minimal"));
  private static final Bytes FEE_RECIPIENT = Bytes.fromHexString("0x" + "fe".repeat(20));

  /** A chain whose payloads come from an embedded engine, as a proposing node gets them. */
  private static final class EngineChain extends ChainBuilder {
    private final EmbeddedEngine engine;

    EngineChain(BeaconState genesis, int validators) {
      super(SPEC, genesis, ValidatorKeys.interop(validators));
      this.engine = new EmbeddedEngine(SPEC.schemas(), genesis.latestExecutionPayloadHeader());
    }

    @Override
    protected ExecutionPayload executionPayload(MutableBeaconState stateAtSlot) {
      PayloadAttributes attributes = PayloadPreparation.payloadAttributes(SPEC, stateAtSlot, FEE_RECIPIENT);
      ForkchoiceState state = PayloadPreparation.forkchoiceState(stateAtSlot, Bytes32.ZERO, Bytes32.ZERO);
      PayloadId id = ok(engine.forkchoiceUpdatedV3(state, Optional.of(attributes))).payloadId().orElseThrow();
      return ok(engine.getPayloadV5(id)).executionPayload();
    }
  }

  @Test
  void twoNodesImportAChainOfEmbeddedPayloadsAsValid() throws Exception {
    int validators = 64;
    BeaconState genesis = new GenesisFulu(SPEC).interop(validators, UInt64.ZERO, SpecConstants.ETH1_ADDRESS_WITHDRAWAL_PREFIX);
    EngineChain chain = new EngineChain(genesis, validators);
    EmbeddedEngine otherNode = new EmbeddedEngine(SPEC.schemas(), genesis.latestExecutionPayloadHeader());
    int withdrawals = 0;

    for (long slot = 1; slot <= 3L * SPEC.config().slotsPerEpoch(); slot++) {
      BeaconState pre = chain.headState();
      SignedBeaconBlock block = chain.produceBlock(UInt64.valueOf(slot), BlockOptions.none());
      ExecutionPayload payload = block.message().body().executionPayload();
      for (EmbeddedEngine node : new EmbeddedEngine[] {chain.engine, otherNode}) {
        NewPayloadNotifier notifier = new NewPayloadNotifier(node);
        BeaconState post = SPEC.stateTransition().stateTransition(pre, block, true, SignatureVerifier.NONE, notifier);
        assertThat(post.latestExecutionPayloadHeader().blockHash()).isEqualTo(payload.blockHash());
        assertThat(notifier.verdict().get(1, TimeUnit.SECONDS)).as("slot %d", slot)
            .isEqualTo(new PayloadVerdict.Valid(PayloadStatus.valid(payload.blockHash())));
        ForkchoiceState head = new ForkchoiceState(payload.blockHash(), Bytes32.ZERO, Bytes32.ZERO);
        assertThat(ok(node.forkchoiceUpdatedV3(head, Optional.empty())).payloadStatus().status()).isEqualTo(ExecutionStatus.VALID);
      }
      chain.applyBlockWithoutSignatureChecks(block);
      withdrawals += payload.withdrawals().size();
    }

    assertThat(chain.headState().latestExecutionPayloadHeader().blockNumber())
        .isEqualTo(genesis.latestExecutionPayloadHeader().blockNumber().plus(3L * SPEC.config().slotsPerEpoch()));
    assertThat(withdrawals).as("withdrawals carried from the attributes into payloads").isPositive();
  }
}
