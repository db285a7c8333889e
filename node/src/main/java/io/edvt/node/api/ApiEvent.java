package io.edvt.node.api;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import java.util.Arrays;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * An event of the {@code /eth/v1/events} stream. Each kind is one topic; its fields are the
 * topic's {@code data} object in the beacon-APIs (serialised by {@link EventsHandler}).
 */
public sealed interface ApiEvent {
  /** The topics this node streams, by their name in the {@code topics} query parameter. */
  enum Topic {
    HEAD("head"),
    BLOCK("block"),
    FINALIZED_CHECKPOINT("finalized_checkpoint"),
    CHAIN_REORG("chain_reorg"),
    ATTESTATION("attestation"),
    VOLUNTARY_EXIT("voluntary_exit");

    private final String apiName;

    Topic(String apiName) {
      this.apiName = apiName;
    }

    public String apiName() {
      return apiName;
    }

    public static Optional<Topic> byApiName(String name) {
      return Arrays.stream(values()).filter(t -> t.apiName.equals(name)).findFirst();
    }
  }

  Topic topic();

  /** The head changed. */
  record Head(UInt64 slot, Bytes32 block, Bytes32 state, boolean epochTransition,
      Bytes32 previousDutyDependentRoot, Bytes32 currentDutyDependentRoot, boolean executionOptimistic)
      implements ApiEvent {
    @Override
    public Topic topic() {
      return Topic.HEAD;
    }
  }

  /** A block was imported (fully verified). */
  record Block(UInt64 slot, Bytes32 block, boolean executionOptimistic) implements ApiEvent {
    @Override
    public Topic topic() {
      return Topic.BLOCK;
    }
  }

  /** The finalized checkpoint moved; {@code state} is the checkpoint block's post-state root. */
  record FinalizedCheckpoint(Bytes32 block, Bytes32 state, UInt64 epoch, boolean executionOptimistic)
      implements ApiEvent {
    @Override
    public Topic topic() {
      return Topic.FINALIZED_CHECKPOINT;
    }
  }

  /** The head moved to a block that does not descend from the old head. */
  record ChainReorg(UInt64 slot, UInt64 depth, Bytes32 oldHeadBlock, Bytes32 newHeadBlock, Bytes32 oldHeadState,
      Bytes32 newHeadState, UInt64 epoch, boolean executionOptimistic) implements ApiEvent {
    @Override
    public Topic topic() {
      return Topic.CHAIN_REORG;
    }
  }

  /** An attestation passed validation (gossip or API). */
  record AttestationReceived(Attestation attestation) implements ApiEvent {
    @Override
    public Topic topic() {
      return Topic.ATTESTATION;
    }
  }

  /** A voluntary exit passed validation (gossip or API). */
  record VoluntaryExitReceived(SignedVoluntaryExit exit) implements ApiEvent {
    @Override
    public Topic topic() {
      return Topic.VOLUNTARY_EXIT;
    }
  }
}
