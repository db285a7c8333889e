package io.edvt.node.wiring;

import io.edvt.node.config.BeaconNodeConfig;
import io.edvt.node.storage.Anchor;
import io.edvt.node.storage.ChainStorage;
import io.edvt.node.storage.NetworkIdentity;
import io.edvt.node.storage.StorageOptions;
import io.edvt.node.storage.rocksdb.RocksDbChainStorage;
import io.edvt.node.sync.CheckpointSync.CheckpointSyncException;
import io.edvt.node.sync.CheckpointSync;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.SpecVersions;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where the node's chain starts: the database in {@code --data-path}/beacon when it holds one,
 * else a new database anchored at the genesis state or, with {@code --checkpoint-sync-url}, at the
 * finalized checkpoint fetched from that beacon API (checked against the network and, when
 * {@code --genesis-state} is given too, against the genesis). As Teku does, the URL is used only
 * for an empty database: a node restarted on its folder carries on from what it stored.
 */
final class ChainStart {
  private static final System.Logger LOG = System.getLogger(ChainStart.class.getName());

  private ChainStart() {}

  /**
   * Opens (or creates) the node's database.
   *
   * @throws IllegalArgumentException with one line naming {@code --checkpoint-sync-url} when the
   *     checkpoint cannot be fetched or is not of this network
   */
  static ChainStorage open(BeaconNodeConfig config, SpecVersions versions, Optional<BeaconState> genesis) {
    StorageOptions options = StorageOptions.defaults(config.data().storageMode(), config.network().spec());
    Optional<URI> url = config.checkpointSync().url();
    if (genesis.isEmpty() && url.isEmpty()) {
      throw new IllegalArgumentException("--genesis-state or --checkpoint-sync-url is required: this node has no built-in "
          + "genesis for '" + config.network().name() + "'");
    }
    AtomicReference<SignedBeaconBlock> fetchedBlock = new AtomicReference<>();
    ChainStorage storage = RocksDbChainStorage.open(config.data().beaconDirectory(), versions,
        genesis.map(NetworkIdentity::of), options, () -> url.isPresent()
            ? fetch(versions, url.get(), genesis, fetchedBlock)
            : Anchor.genesis(versions, genesis.orElseThrow()));
    try {
      if (fetchedBlock.get() != null) {
        // the anchor keeps the block's message; its signed form is stored so peers and the API get it.
        // A kill before this commit only leaves the anchor block unserved (the range starts after it).
        storage.update().putBlock(fetchedBlock.get()).commit();
      } else if (url.isPresent()) {
        LOG.log(System.Logger.Level.INFO, "--checkpoint-sync-url ignored: the database in {0} already holds a chain "
            + "(finalized epoch {1}); carrying on from it", config.data().beaconDirectory(),
            storage.finalizedCheckpoint().epoch());
      }
      return storage;
    } catch (RuntimeException e) {
      storage.close();
      throw e;
    }
  }

  private static Anchor fetch(SpecVersions versions, URI url, Optional<BeaconState> genesis,
      AtomicReference<SignedBeaconBlock> fetchedBlock) {
    LOG.log(System.Logger.Level.INFO, "Checkpoint sync: fetching the finalized state and block from {0}", url);
    try {
      CheckpointSync.Fetched fetched = new CheckpointSync(versions).fetch(url);
      if (genesis.isPresent()) {
        CheckpointSync.checkGenesis(fetched.anchor(), genesis.get());
      }
      fetchedBlock.set(fetched.block());
      Anchor anchor = fetched.anchor();
      LOG.log(System.Logger.Level.INFO, "Checkpoint sync: anchored at slot {0} (finalized epoch {1}, block {2})",
          anchor.block().slot(), anchor.finalized().epoch(), anchor.finalized().root());
      return anchor;
    } catch (CheckpointSyncException e) {
      throw new IllegalArgumentException("--checkpoint-sync-url " + url + ": " + e.getMessage(), e);
    }
  }

  /**
   * The genesis the API shows as {@code genesis}: the stored anchor when the chain starts there,
   * else the one of {@code --genesis-state} when given, else none (a node started from a
   * checkpoint alone does not know the genesis block).
   */
  static Optional<Anchor> genesisAnchor(SpecVersions versions, Anchor stored, Optional<BeaconState> genesis) {
    if (stored.state().slot().isZero()) {
      return Optional.of(stored);
    }
    return genesis.map(state -> Anchor.genesis(versions, state));
  }
}
