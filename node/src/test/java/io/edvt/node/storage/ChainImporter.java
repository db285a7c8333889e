package io.edvt.node.storage;

import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import java.util.function.IntPredicate;

/**
 * What the chain's importer does with storage, for tests: each block of the {@link ForkCrossingChain}
 * in its own update with the head moved to it, the post-states {@code snapshot} selects, and the
 * finalized checkpoint moved whenever the post-state finalizes a newer one (its block and that
 * block's post-state as the anchor, the post-state's current justified checkpoint as justified).
 */
public final class ChainImporter {
  private final ChainStorage store;
  private final ForkCrossingChain chain;
  private final Anchor genesis;

  public ChainImporter(ChainStorage store, ForkCrossingChain chain) {
    this.store = store;
    this.chain = chain;
    this.genesis = Anchor.genesis(chain.versions, chain.genesis);
  }

  /** Imports blocks {@code from} to {@code to} (indexes, inclusive), with the post-states {@code snapshot} selects. */
  public void importBlocks(int from, int to, IntPredicate snapshot) {
    for (int i = from; i <= to; i++) {
      importBlock(i, snapshot.test(i));
    }
  }

  public void importBlock(int i, boolean snapshot) {
    ChainUpdate update = store.update().putBlock(chain.blocks.get(i)).setHead(chain.blocks.get(i).message().hashTreeRoot());
    BeaconState post = chain.posts.get(i);
    if (snapshot) {
      update.putState(post);
    }
    Checkpoint finalized = post.finalizedCheckpoint();
    if (finalized.epoch().isGreaterThan(store.finalizedCheckpoint().epoch())) {
      update.setFinalized(anchorAt(finalized, post.currentJustifiedCheckpoint()));
    }
    update.commit();
  }

  /** The anchor of checkpoint {@code finalized}: its block and that block's post-state. */
  public Anchor anchorAt(Checkpoint finalized, Checkpoint justified) {
    if (finalized.root().equals(genesis.finalized().root())) {
      return new Anchor(finalized, justified, genesis.block(), genesis.state());
    }
    for (int i = 0; i < chain.blocks.size(); i++) {
      BeaconBlock block = chain.blocks.get(i).message();
      if (block.hashTreeRoot().equals(finalized.root())) {
        return new Anchor(finalized, justified, block, chain.posts.get(i));
      }
    }
    throw new IllegalArgumentException("no block " + finalized.root() + " in the chain");
  }

  public Anchor genesis() {
    return genesis;
  }
}
