package io.edvt.node.wiring;

import io.edvt.networking.eth2.validation.ChainView;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The {@link ChainView} of gossip rules run outside the network on API submissions whose checks
 * read only the state they are given and their own seen-cache (group exit signatures, sync
 * committee messages and contributions): it knows no block, and asking it for finality is a bug.
 */
final class StateOnlyChainView implements ChainView {
  static final StateOnlyChainView INSTANCE = new StateOnlyChainView();

  private StateOnlyChainView() {}

  @Override
  public Checkpoint finalizedCheckpoint() {
    throw new UnsupportedOperationException("this rule is checked against the state alone");
  }

  @Override
  public Optional<BlockInfo> block(Bytes32 root) {
    return Optional.empty();
  }

  @Override
  public Optional<BeaconState> blockState(Bytes32 root) {
    return Optional.empty();
  }
}
