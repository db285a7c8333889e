package io.edvt.node.storage.kv;

import io.edvt.node.storage.Anchor;
import io.edvt.node.storage.ChainUpdate;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes32;

/** Records the changes of one update; {@link KvChainStorage} turns them into one batch at commit. */
final class KvChainUpdate implements ChainUpdate {
  final List<SignedBeaconBlock> blocks = new ArrayList<>();
  final List<BeaconState> states = new ArrayList<>();
  final List<Bytes32> deletedStates = new ArrayList<>();
  Bytes32 head;
  Checkpoint justified;
  Anchor anchor;
  private final KvChainStorage storage;
  private boolean committed;

  KvChainUpdate(KvChainStorage storage) {
    this.storage = storage;
  }

  @Override
  public ChainUpdate putBlock(SignedBeaconBlock block) {
    blocks.add(Objects.requireNonNull(block, "block"));
    return this;
  }

  @Override
  public ChainUpdate putState(BeaconState state) {
    states.add(Objects.requireNonNull(state, "state"));
    return this;
  }

  @Override
  public ChainUpdate deleteState(Bytes32 stateRoot) {
    deletedStates.add(Objects.requireNonNull(stateRoot, "stateRoot"));
    return this;
  }

  @Override
  public ChainUpdate setHead(Bytes32 blockRoot) {
    head = Objects.requireNonNull(blockRoot, "blockRoot");
    return this;
  }

  @Override
  public ChainUpdate setJustified(Checkpoint checkpoint) {
    justified = Objects.requireNonNull(checkpoint, "checkpoint");
    return this;
  }

  @Override
  public ChainUpdate setFinalized(Anchor next) {
    if (anchor != null) {
      throw new IllegalStateException("one finalization per update");
    }
    anchor = Objects.requireNonNull(next, "anchor");
    return this;
  }

  @Override
  public void commit() {
    if (committed) {
      throw new IllegalStateException("this update was committed already");
    }
    committed = true;
    storage.commit(this);
  }
}
