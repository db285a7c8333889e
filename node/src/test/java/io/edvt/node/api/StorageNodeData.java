package io.edvt.node.api;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.storage.Anchor;
import io.edvt.node.storage.ChainStorage;
import io.edvt.node.storage.ChainUpdate;
import io.edvt.node.storage.StorageMode;
import io.edvt.node.storage.StorageOptions;
import io.edvt.node.storage.StoredStates;
import io.edvt.node.storage.memory.InMemoryChainStorage;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.edvt.SpecVersions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;

/**
 * {@link NodeData} over the node's storage, for the API tests: the {@link ApiTestChain} imported
 * into an {@link InMemoryChainStorage} block by block as the chain's importer will (head moved to
 * each block, finality moved when a post-state finalizes a newer checkpoint). States come from
 * storage's snapshots, {@link ChainStorage#replayToBlock} (hot) and
 * {@link ChainStorage#replayToFinalizedSlot} (finalized) with the real state transition. The
 * pools, the network view and the events are the test's own ({@link TestPools}, {@link TestNetwork},
 * {@link EventHub}).
 */
public final class StorageNodeData implements NodeData, ChainReader {
  private final SpecVersions versions;
  private final ChainStorage storage;
  private final BeaconState genesisState;
  private final Bytes32 genesisRoot;
  private final BeaconBlock genesisBlock;
  private final StoredStates states;
  private final Set<Bytes32> optimistic;
  private final TestPools pools;
  private final TestNetwork network;
  private final EventHub events = new EventHub();

  private StorageNodeData(SpecVersions versions, ChainStorage storage, Anchor genesis, Set<Bytes32> optimistic) {
    this.versions = versions;
    this.storage = storage;
    this.genesisState = genesis.state();
    this.genesisBlock = genesis.block();
    this.genesisRoot = genesis.finalized().root();
    this.states = new StoredStates(versions, storage, Optional.of(genesis));
    this.optimistic = Set.copyOf(optimistic);
    this.pools = new TestPools(this, events);
    this.network = new TestNetwork(this);
  }

  /**
   * {@code chain} imported into a new in-memory store. Post-states are stored for every EDVT block
   * and every third Fulu block, so the other Fulu states are replayed from storage.
   */
  public static StorageNodeData of(ApiTestChain chain, Set<Bytes32> optimistic) {
    Anchor genesis = Anchor.genesis(chain.versions, chain.genesis);
    // an archive interval of one slot keeps every stored state after finalization, so the
    // group edit at the fork (see ApiTestChain) is never replayed away
    ChainStorage storage = InMemoryChainStorage.create(chain.versions, new StorageOptions(StorageMode.ARCHIVE, 1,
        StorageOptions.minEpochsForBlockRequests(chain.versions.config())), genesis);
    StorageNodeData node = new StorageNodeData(chain.versions, storage, genesis, optimistic);
    for (int i = 0; i < chain.blocks.size(); i++) {
      SignedBeaconBlock block = chain.blocks.get(i);
      BeaconState post = chain.posts.get(i);
      boolean edvt = chain.versions.milestoneAtSlot(block.message().slot()) != io.edvt.spec.SpecMilestone.FULU;
      ChainUpdate update = storage.update().putBlock(block).setHead(block.message().hashTreeRoot());
      if (edvt || i % 3 == 0) {
        update.putState(post);
      }
      Checkpoint finalized = post.finalizedCheckpoint();
      if (finalized.epoch().isGreaterThan(storage.finalizedCheckpoint().epoch())) {
        update.setFinalized(node.anchorAt(chain, finalized, post.currentJustifiedCheckpoint()));
      }
      update.commit();
    }
    return node;
  }

  private Anchor anchorAt(ApiTestChain chain, Checkpoint finalized, Checkpoint justified) {
    if (finalized.root().equals(genesisRoot)) {
      return new Anchor(finalized, justified, genesisBlock, genesisState);
    }
    for (int i = 0; i < chain.blocks.size(); i++) {
      BeaconBlock block = chain.blocks.get(i).message();
      if (block.hashTreeRoot().equals(finalized.root())) {
        return new Anchor(finalized, justified, block, chain.posts.get(i));
      }
    }
    throw new IllegalArgumentException("no block " + finalized.root() + " in the chain");
  }

  @Override
  public SpecVersions versions() {
    return versions;
  }

  @Override
  public ChainReader chain() {
    return this;
  }

  @Override
  public TestPools pools() {
    return pools;
  }

  @Override
  public TestNetwork network() {
    return network;
  }

  @Override
  public EventHub events() {
    return events;
  }

  @Override
  public Head head() {
    Bytes32 root = storage.head();
    BeaconBlock block = root.equals(genesisRoot) ? genesisBlock : storage.block(root).orElseThrow().message();
    return new Head(block.slot(), root, block.stateRoot());
  }

  @Override
  public Genesis genesis() {
    return Genesis.of(genesisState);
  }

  @Override
  public Optional<BeaconState> genesisState() {
    return Optional.of(genesisState);
  }

  @Override
  public Optional<Bytes32> genesisBlockRoot() {
    return Optional.of(genesisRoot);
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
    if (root.equals(genesisRoot)) {
      // storage keeps the genesis block's message only; the API shows it with an empty signature
      return Optional.of(SignedBeaconBlock.create(versions.fulu().schemas().signedBeaconBlock(), genesisBlock,
          Bytes.wrap(new byte[96])));
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
    return states.blockRootOfPostState(stateRoot, head().slot());
  }

  @Override
  public boolean isOptimistic(Bytes32 blockRoot) {
    return optimistic.contains(blockRoot);
  }

  /** The anchor and the hot blocks, with the justified and finalized epochs of their post-states; no weights. */
  @Override
  public List<ForkChoiceNode> forkChoiceNodes() {
    List<ForkChoiceNode> out = new ArrayList<>();
    Anchor anchor = storage.anchor();
    out.add(node(anchor.block(), anchor.finalized().root(), anchor.state()));
    for (SignedBeaconBlock b : storage.hotBlocks()) {
      Bytes32 root = b.message().hashTreeRoot();
      out.add(node(b.message(), root, postState(root).orElseThrow()));
    }
    return out;
  }

  private ForkChoiceNode node(BeaconBlock block, Bytes32 root, BeaconState post) {
    return new ForkChoiceNode(block.slot(), root, block.parentRoot(), post.currentJustifiedCheckpoint().epoch(),
        post.finalizedCheckpoint().epoch(), UInt64.ZERO, optimistic.contains(root) ? "optimistic" : "valid",
        block.body().executionPayload().blockHash());
  }
}
