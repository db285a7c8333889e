package io.edvt.node.wiring;

import io.edvt.forkchoice.store.ForkChoiceStore;
import io.edvt.forkchoice.store.StoredBlock;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.api.ChainReader;
import io.edvt.node.api.ForkChoiceNode;
import io.edvt.node.chain.Chain;
import io.edvt.node.chain.ChainHead;
import io.edvt.node.storage.Anchor;
import io.edvt.node.storage.ChainStorage;
import io.edvt.node.storage.StoredStates;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockEdvt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;

/**
 * The API's view of the chain in a running node: the head and fork choice from {@link Chain}
 * (read on the chain's thread), blocks, checkpoints and states from {@link ChainStorage}, which
 * the chain writes once per imported block. States not kept as snapshots are replayed from the
 * nearest stored one with the real state transition (signatures were checked at import).
 */
public final class StoredChainReader implements ChainReader {
  /** How long an API thread waits for the chain thread to answer a fork-choice read. */
  private static final long FORK_CHOICE_READ_SECONDS = 10;

  private final SpecVersions versions;
  private final ChainStorage storage;
  private final Chain chain;
  private final Genesis network;
  private final Optional<Anchor> genesis;
  private final StoredStates states;

  /**
   * @param genesis the genesis anchor: the stored anchor of a node started from genesis, the one
   *     of {@code --genesis-state} for a node started from a checkpoint, or empty when that was
   *     not given (the API then answers 404 for the genesis block and state)
   */
  public StoredChainReader(SpecVersions versions, ChainStorage storage, Chain chain, Optional<Anchor> genesis) {
    this.versions = versions;
    this.storage = storage;
    this.chain = chain;
    this.network = Genesis.of(storage.anchor().state());
    this.genesis = genesis;
    this.states = new StoredStates(versions, storage, genesis);
  }

  @Override
  public Head head() {
    ChainHead head = chain.head();
    return new Head(UInt64.valueOf(head.slot()), head.root(), head.stateRoot());
  }

  @Override
  public Genesis genesis() {
    return network;
  }

  @Override
  public Optional<BeaconState> genesisState() {
    return genesis.map(Anchor::state);
  }

  @Override
  public Optional<Bytes32> genesisBlockRoot() {
    return genesis.map(g -> g.finalized().root());
  }

  @Override
  public Checkpoint finalizedCheckpoint() {
    return storage.finalizedCheckpoint();
  }

  @Override
  public Checkpoint justifiedCheckpoint() {
    return storage.justifiedCheckpoint();
  }

  @Override
  public Optional<SignedBeaconBlock> block(Bytes32 root) {
    if (genesis.isPresent() && root.equals(genesis.get().finalized().root())) {
      BeaconBlock genesisBlock = genesis.get().block();
      // the genesis block was never signed; the API shows it with the zero signature, as others do
      // (an EDVT genesis block, of a network with EDVT at genesis, also has no signer bits set)
      Bytes signature = Bytes.wrap(new byte[96]);
      if (versions.milestoneAtSlot(genesisBlock.slot()) == SpecMilestone.EDVT) {
        var schemas = versions.edvt().schemas();
        return Optional.of(SignedBeaconBlockEdvt.create(schemas.signedBeaconBlock(), genesisBlock, signature,
            SszBits.withSet(schemas.signerBits().length())));
      }
      return Optional.of(SignedBeaconBlock.create(versions.forSlot(genesisBlock.slot()).schemas().signedBeaconBlock(),
          genesisBlock, signature));
    }
    return storage.block(root);
  }

  @Override
  public Optional<Bytes32> canonicalRoot(UInt64 slot) {
    return storage.canonicalRoot(slot);
  }

  @Override
  public Optional<BeaconState> postState(Bytes32 blockRoot) {
    return states.postState(blockRoot);
  }

  @Override
  public Optional<Bytes32> blockRootOfPostState(Bytes32 stateRoot) {
    return states.blockRootOfPostState(stateRoot, UInt64.valueOf(chain.head().slot()));
  }

  @Override
  public boolean isOptimistic(Bytes32 blockRoot) {
    return chain.head().root().equals(blockRoot) && chain.head().optimistic();
  }

  @Override
  public List<ForkChoiceNode> forkChoiceNodes() {
    try {
      return chain.readForkChoice(StoredChainReader::nodes).get(FORK_CHOICE_READ_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading fork choice", e);
    } catch (Exception e) {
      throw new IllegalStateException("fork choice did not answer: " + e, e);
    }
  }

  /** Fork choice's block tree with each node's weight, read on the chain thread. */
  private static List<ForkChoiceNode> nodes(ForkChoiceStore store) {
    var tree = store.protoArray();
    List<ForkChoiceNode> out = new ArrayList<>(tree.size());
    for (int i = 0; i < tree.size(); i++) {
      Bytes32 root = tree.root(i);
      StoredBlock stored = store.block(root);
      BeaconBlock block = stored.block();
      BeaconState post = stored.state();
      out.add(new ForkChoiceNode(block.slot(), root, block.parentRoot(), post.currentJustifiedCheckpoint().epoch(),
          post.finalizedCheckpoint().epoch(), UInt64.valueOf(tree.weight(i)), "valid",
          block.body().executionPayload().blockHash()));
    }
    return out;
  }
}
