package io.edvt.node.chain;

import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import io.edvt.spec.datastructures.state.Checkpoint;
import org.apache.tuweni.bytes.Bytes32;

/**
 * What the chain tells the rest of the node (the Beacon API's event stream, logs, metrics, the
 * validator client). Every method has an empty default, so a listener implements what it wants.
 *
 * <p>Threading: listeners are called on the events thread of {@link ChainEventPublisher}, never on
 * the chain thread, one event at a time in the order the chain produced them. A slow listener
 * delays only later events (and past the publisher's queue bound, events are dropped and counted),
 * never an import. A listener that throws is logged and the others still get the event.
 */
public interface ChainEvents {
  /** The head moved to {@code root} at {@code slot}; {@code epochTransition} when its epoch differs from the previous head's. */
  default void onHead(HeadChanged event) {}

  /** A block was imported (whether or not it became the head). */
  default void onBlockImported(BlockImported event) {}

  /** The finalized checkpoint moved. */
  default void onFinalizedCheckpoint(FinalizedCheckpoint event) {}

  /** The new head does not descend from the old one. */
  default void onChainReorg(ChainReorg event) {}

  /** An attestation entered the pool (from gossip or the API). */
  default void onAttestation(Attestation attestation) {}

  /** A voluntary exit entered the pool. */
  default void onVoluntaryExit(SignedVoluntaryExit exit) {}

  /**
   * The Beacon API's {@code head} event's content.
   *
   * @param stateRoot the head block's state root
   * @param optimistic whether the head's payload awaits the engine's verdict
   */
  record HeadChanged(long slot, Bytes32 root, Bytes32 stateRoot, boolean epochTransition, boolean optimistic) {}

  /** The Beacon API's {@code block} event's content. */
  record BlockImported(long slot, Bytes32 root, boolean optimistic) {}

  /** The Beacon API's {@code finalized_checkpoint} event's content. */
  record FinalizedCheckpoint(Checkpoint checkpoint, Bytes32 stateRoot) {}

  /**
   * The Beacon API's {@code chain_reorg} event's content.
   *
   * @param slot the new head's slot
   * @param depth slots from the common ancestor to the old head ({@code old head slot - ancestor slot})
   */
  record ChainReorg(long slot, long depth, Bytes32 oldHeadRoot, Bytes32 newHeadRoot, Bytes32 commonAncestorRoot,
      long epoch) {}
}
