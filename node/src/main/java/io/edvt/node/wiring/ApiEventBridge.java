package io.edvt.node.wiring;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.api.ApiEvent;
import io.edvt.node.api.EventHub;
import io.edvt.node.chain.ChainEvents;
import io.edvt.node.storage.ChainStorage;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The chain's events as the Beacon API's SSE events. Runs on the chain's event thread (never the
 * chain thread); {@link EventHub} hands each event to the subscribed streams without blocking.
 */
final class ApiEventBridge implements ChainEvents {
  private final EventHub hub;
  private final ChainStorage storage;

  ApiEventBridge(EventHub hub, ChainStorage storage) {
    this.hub = hub;
    this.storage = storage;
  }

  @Override
  public void onHead(HeadChanged e) {
    // duty-dependent roots are left zero until the validator client needs them (issue 15)
    hub.publish(new ApiEvent.Head(UInt64.valueOf(e.slot()), e.root(), e.stateRoot(), e.epochTransition(), Bytes32.ZERO,
        Bytes32.ZERO, e.optimistic()));
  }

  @Override
  public void onBlockImported(BlockImported e) {
    hub.publish(new ApiEvent.Block(UInt64.valueOf(e.slot()), e.root(), e.optimistic()));
  }

  @Override
  public void onFinalizedCheckpoint(FinalizedCheckpoint e) {
    hub.publish(new ApiEvent.FinalizedCheckpoint(e.checkpoint().root(), e.stateRoot(), e.checkpoint().epoch(), false));
  }

  @Override
  public void onChainReorg(ChainReorg e) {
    hub.publish(new ApiEvent.ChainReorg(UInt64.valueOf(e.slot()), UInt64.valueOf(e.depth()), e.oldHeadRoot(),
        e.newHeadRoot(), stateRoot(e.oldHeadRoot()), stateRoot(e.newHeadRoot()), UInt64.valueOf(e.epoch()), false));
  }

  /** A stored block's post-state root (both heads of a reorg were imported, so stored). */
  private Bytes32 stateRoot(Bytes32 blockRoot) {
    return storage.block(blockRoot).map(b -> b.message().stateRoot()).orElse(Bytes32.ZERO);
  }

  @Override
  public void onAttestation(Attestation attestation) {
    hub.publish(new ApiEvent.AttestationReceived(attestation));
  }

  @Override
  public void onVoluntaryExit(SignedVoluntaryExit exit) {
    hub.publish(new ApiEvent.VoluntaryExitReceived(exit));
  }
}
