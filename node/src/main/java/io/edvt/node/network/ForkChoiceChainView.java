package io.edvt.node.network;

import io.edvt.forkchoice.store.ForkChoiceStore;
import io.edvt.forkchoice.store.StoredBlock;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.validation.ChainView;
import io.edvt.node.chain.Chain;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import java.util.Optional;
import java.util.function.Function;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Gossip validation's view of the store, read from the chain's fork choice. Each call runs its
 * lookup on the chain thread and waits for it, so it must be called from a worker thread (the
 * gossip validators run on one), never from the chain thread or an event loop. States are
 * immutable, so handing them to another thread is safe.
 */
public final class ForkChoiceChainView implements ChainView {
  private final Chain chain;

  public ForkChoiceChainView(Chain chain) {
    this.chain = chain;
  }

  private <T> T read(Function<ForkChoiceStore, T> reader) {
    return chain.readForkChoice(reader).join();
  }

  @Override
  public Checkpoint finalizedCheckpoint() {
    return read(ForkChoiceStore::finalizedCheckpoint);
  }

  @Override
  public Optional<BlockInfo> block(Bytes32 root) {
    return read(f -> f.containsBlock(root) ? Optional.of(info(f.block(root))) : Optional.empty());
  }

  private static BlockInfo info(StoredBlock b) {
    return new BlockInfo(b.block().slot(), b.block().parentRoot());
  }

  @Override
  public Optional<BeaconState> blockState(Bytes32 root) {
    return read(f -> f.containsBlock(root) ? Optional.ofNullable(f.block(root).state()) : Optional.empty());
  }

  @Override
  public Optional<Bytes32> ancestor(Bytes32 root, UInt64 slot) {
    return read(f -> {
      Bytes32 current = root;
      while (f.containsBlock(current)) {
        StoredBlock b = f.block(current);
        if (!b.block().slot().isGreaterThan(slot)) {
          return Optional.of(current);
        }
        current = b.block().parentRoot();
      }
      return Optional.empty();
    });
  }

  /** The post-state of the chain's head block. */
  public BeaconState headState() {
    Bytes32 head = chain.head().root();
    return read(f -> f.block(head).state());
  }
}
