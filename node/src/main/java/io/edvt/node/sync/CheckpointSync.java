package io.edvt.node.sync;

import io.edvt.infrastructure.ssz.SszDeserializationException;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.storage.Anchor;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.edvt.SpecVersions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;

/**
 * Checkpoint sync: the finalized state and block from a trusted beacon node's API
 * ({@code GET /eth/v2/debug/beacon/states/finalized} and {@code GET /eth/v2/beacon/blocks/finalized},
 * SSZ with {@code Accept: application/octet-stream}, each decoded with the schema of its
 * {@code Eth-Consensus-Version}), checked to belong together (the block's {@code state_root} is the
 * state's {@code hash_tree_root}), and turned into the {@link Anchor} a new database starts from:
 * finalized and justified at the state's epoch, as {@code get_forkchoice_store} makes them. The
 * state's fork version must be the one this node's network has at the state's epoch (a state of
 * another network, or of a network whose fork schedule differs, is refused).
 *
 * <p>A state advanced past its block (a finalized epoch whose first slot is empty, served as the
 * checkpoint state) is refused for now: fork choice cannot start from it yet (node/README.md).
 */
public final class CheckpointSync {
  /** Why a checkpoint could not be used; the message says what and where. */
  public static final class CheckpointSyncException extends Exception {
    public CheckpointSyncException(String message) {
      super(message);
    }

    public CheckpointSyncException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private final SpecVersions versions;
  private final HttpClient http;

  public CheckpointSync(SpecVersions versions) {
    this.versions = versions;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  /**
   * A checked checkpoint: the anchor a new database starts from, and the anchor block with its
   * signature (the anchor keeps only the message), for storage to serve.
   */
  public record Fetched(Anchor anchor, SignedBeaconBlock block) {}

  /** Downloads, checks and returns the anchor from the beacon API at {@code beaconApi} (e.g. {@code http://host:5052}). */
  public Fetched fetch(URI beaconApi) throws CheckpointSyncException {
    String base = beaconApi.toString().replaceAll("/+$", "");
    Downloaded stateBytes = get(URI.create(base + "/eth/v2/debug/beacon/states/finalized"));
    Downloaded blockBytes = get(URI.create(base + "/eth/v2/beacon/blocks/finalized"));
    BeaconState state;
    SignedBeaconBlock block;
    try {
      state = versions.forMilestone(stateBytes.milestone).schemas().beaconState().deserialize(stateBytes.body);
    } catch (SszDeserializationException e) {
      throw new CheckpointSyncException(stateBytes.uri + ": not a " + stateBytes.milestone.forkName() + " BeaconState: "
          + e.getMessage(), e);
    }
    try {
      block = versions.forMilestone(blockBytes.milestone).schemas().signedBeaconBlock().deserialize(blockBytes.body);
    } catch (SszDeserializationException e) {
      throw new CheckpointSyncException(blockBytes.uri + ": not a " + blockBytes.milestone.forkName()
          + " SignedBeaconBlock: " + e.getMessage(), e);
    }
    return new Fetched(anchor(state, block), block);
  }

  /** The anchor of a finalized {@code state} and its {@code block}, after checking they belong together. */
  public Anchor anchor(BeaconState state, SignedBeaconBlock block) throws CheckpointSyncException {
    Bytes32 stateRoot = state.hashTreeRoot();
    if (!block.message().stateRoot().equals(stateRoot)) {
      throw new CheckpointSyncException("finalized block at slot " + block.message().slot() + " has state_root "
          + block.message().stateRoot() + ", but the finalized state (slot " + state.slot() + ") has root " + stateRoot
          + ": they are not a block and its post-state");
    }
    UInt64 epoch = versions.fulu().misc().computeEpochAtSlot(state.slot());
    Bytes expected = versions.forEpoch(epoch).misc().computeForkVersion(epoch);
    if (!state.fork().currentVersion().equals(expected)) {
      throw new CheckpointSyncException("the finalized state (slot " + state.slot() + ") has fork version "
          + state.fork().currentVersion() + ", but this node's network has " + expected + " at epoch " + epoch
          + ": it is a state of another network");
    }
    Checkpoint checkpoint = Checkpoint.create(epoch, block.message().hashTreeRoot());
    return new Anchor(checkpoint, checkpoint, block.message(), state);
  }

  /**
   * Checks that {@code anchor} is of the chain that starts at {@code genesis} (the same
   * {@code genesis_validators_root} and {@code genesis_time}), when the genesis state is known.
   */
  public static void checkGenesis(Anchor anchor, BeaconState genesis) throws CheckpointSyncException {
    BeaconState state = anchor.state();
    if (!state.genesisValidatorsRoot().equals(genesis.genesisValidatorsRoot())) {
      throw new CheckpointSyncException("the finalized state has genesis validators root " + state.genesisValidatorsRoot()
          + ", the genesis state (--genesis-state) has " + genesis.genesisValidatorsRoot() + ": they are of different chains");
    }
    if (!state.genesisTime().equals(genesis.genesisTime())) {
      throw new CheckpointSyncException("the finalized state has genesis time " + state.genesisTime()
          + ", the genesis state (--genesis-state) has " + genesis.genesisTime() + ": they are of different chains");
    }
  }

  private record Downloaded(URI uri, SpecMilestone milestone, byte[] body) {}

  private Downloaded get(URI uri) throws CheckpointSyncException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/octet-stream").GET()
        .build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      // the HTTP client's ConnectException often has no message: its class says what happened
      String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
      throw new CheckpointSyncException(uri + ": cannot reach it: " + why, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CheckpointSyncException(uri + ": interrupted", e);
    }
    if (response.statusCode() != 200) {
      throw new CheckpointSyncException(uri + ": HTTP " + response.statusCode());
    }
    String version = response.headers().firstValue("Eth-Consensus-Version")
        .orElseThrow(() -> new CheckpointSyncException(uri + ": no Eth-Consensus-Version header"));
    SpecMilestone milestone = SpecMilestone.byForkName(version.toLowerCase(java.util.Locale.ROOT))
        .orElseThrow(() -> new CheckpointSyncException(uri + ": Eth-Consensus-Version '" + version + "' is not a fork we run"));
    return new Downloaded(uri, milestone, response.body());
  }
}
