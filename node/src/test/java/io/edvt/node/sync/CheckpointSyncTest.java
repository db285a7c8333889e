package io.edvt.node.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.ForkDigests;
import io.edvt.node.chain.BlockSource;
import io.edvt.node.chain.Chain;
import io.edvt.node.chain.ChainLoader;
import io.edvt.node.chain.ChainOptions;
import io.edvt.node.chain.ImportResult;
import io.edvt.node.cli.beacon.DevnetFiles;
import io.edvt.node.config.GenesisStateReader;
import io.edvt.node.config.NetworkLoader;
import io.edvt.node.network.LocalMetadata;
import io.edvt.node.network.PeerChainStatuses;
import io.edvt.node.network.StorageChainData;
import io.edvt.node.storage.Anchor;
import io.edvt.node.storage.ChainStorage;
import io.edvt.node.storage.ForkCrossingChain;
import io.edvt.node.storage.StorageMode;
import io.edvt.node.storage.StorageOptions;
import io.edvt.node.storage.memory.InMemoryChainStorage;
import io.edvt.node.time.SlotClock;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checkpoint sync against a small beacon API (the JDK's HTTP server) serving the fixture chain's
 * finalized state and block as SSZ, as Teku and Lighthouse serve them; then a chain started from
 * the anchor imports the blocks after it.
 */
class CheckpointSyncTest {
  private static final ForkCrossingChain CHAIN = ForkCrossingChain.get();
  private static final SpecVersions VERSIONS = CHAIN.versions;
  private static final long ANCHOR_SLOT = 24; // first slot of epoch 3, an EDVT block

  /** Path -> (consensus version, body); requests without Accept: application/octet-stream get 406. */
  private final Map<String, Map.Entry<String, byte[]>> served = new ConcurrentHashMap<>();
  private HttpServer server;
  private URI api;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      Map.Entry<String, byte[]> e = served.get(exchange.getRequestURI().getPath());
      String accept = exchange.getRequestHeaders().getFirst("Accept");
      if (e == null || !"application/octet-stream".equals(accept)) {
        exchange.sendResponseHeaders(e == null ? 404 : 406, -1);
        exchange.close();
        return;
      }
      exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
      exchange.getResponseHeaders().add("Eth-Consensus-Version", e.getKey());
      exchange.sendResponseHeaders(200, e.getValue().length);
      exchange.getResponseBody().write(e.getValue());
      exchange.close();
    });
    server.start();
    api = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void serve(BeaconState state, SignedBeaconBlock block) {
    served.put("/eth/v2/debug/beacon/states/finalized",
        Map.entry(SpecVersions.milestoneOf(state).forkName(), state.serialize()));
    served.put("/eth/v2/beacon/blocks/finalized", Map.entry(VERSIONS.milestoneAtSlot(block.message().slot()).forkName(),
        block.serialize()));
  }

  @Test
  void fetchesTheFinalizedStateAndBlockAndAChainStartsFromThem() throws Exception {
    int i = CHAIN.indexAtSlot(ANCHOR_SLOT);
    SignedBeaconBlock block = CHAIN.blocks.get(i);
    serve(CHAIN.posts.get(i), block);

    CheckpointSync.Fetched fetched = new CheckpointSync(VERSIONS).fetch(api);
    Anchor anchor = fetched.anchor();
    assertThat(fetched.block().hashTreeRoot()).isEqualTo(block.hashTreeRoot());
    assertThat(anchor.block().hashTreeRoot()).isEqualTo(block.message().hashTreeRoot());
    assertThat(anchor.state().hashTreeRoot()).isEqualTo(block.message().stateRoot());
    assertThat(SpecVersions.milestoneOf(anchor.state())).isEqualTo(SpecMilestone.EDVT);
    assertThat(anchor.finalized().epoch().longValue()).isEqualTo(3);
    assertThat(anchor.justified()).isEqualTo(anchor.finalized());

    ChainStorage storage = InMemoryChainStorage.create(VERSIONS, StorageOptions.defaults(StorageMode.PRUNE, VERSIONS.config()),
        anchor);
    SlotClock clock = new SlotClock(0, VERSIONS.config().slotDurationMs(), VERSIONS.config().slotsPerEpoch(),
        InstantSource.fixed(Instant.ofEpochMilli(ForkCrossingChain.LAST_SLOT * VERSIONS.config().slotDurationMs() + 500)));
    try (Chain chain = ChainLoader.load(VERSIONS, storage, new io.edvt.node.network.TestEngines().valid(), clock,
        ChainOptions.defaults())) {
      assertThat(chain.head().root()).isEqualTo(block.message().hashTreeRoot());
      // req/resp's Status: blocks are served from the anchor on, never below it
      StorageChainData served = new StorageChainData(new ForkDigests(VERSIONS, anchor.state().genesisValidatorsRoot()),
          storage, chain, clock, new LocalMetadata(VERSIONS.config().attestationSubnetCount(), Set.of(), 4),
          new PeerChainStatuses());
      assertThat(served.status().earliestAvailableSlot()).hasValue(block.message().slot());
      storage.update().putBlock(block).commit(); // the signed anchor block, as the node stores it after fetching
      assertThat(served.status().earliestAvailableSlot()).hasValue(block.message().slot());
      assertThat(served.blocksByRange(UInt64.ZERO, ANCHOR_SLOT + 1).map(b -> b.message().slot().longValue()).toList())
          .containsExactly(ANCHOR_SLOT);
      for (int j = i + 1; j < CHAIN.blocks.size(); j++) {
        SignedBeaconBlock next = CHAIN.blocks.get(j);
        assertThat(chain.importer().importBlock(next, BlockSource.RPC).get(30, TimeUnit.SECONDS))
            .as("block at slot %s", next.message().slot()).isInstanceOf(ImportResult.Imported.class);
      }
      assertThat(chain.head().root()).isEqualTo(CHAIN.blocks.getLast().message().hashTreeRoot());
      assertThat(storage.canonicalRoot(block.message().slot())).hasValue(block.message().hashTreeRoot());
    }
  }

  @Test
  void refusesAStateThatIsNotTheBlocksPostState() {
    int i = CHAIN.indexAtSlot(ANCHOR_SLOT);
    serve(CHAIN.posts.get(i - 1), CHAIN.blocks.get(i));
    assertThatThrownBy(() -> new CheckpointSync(VERSIONS).fetch(api))
        .isInstanceOf(CheckpointSync.CheckpointSyncException.class)
        .hasMessageContaining("finalized block at slot 24 has state_root " + CHAIN.blocks.get(i).message().stateRoot())
        .hasMessageContaining("the finalized state (slot 23) has root " + CHAIN.posts.get(i - 1).hashTreeRoot())
        .hasMessageEndingWith("they are not a block and its post-state");
  }

  @Test
  void refusesAStateOfAnotherNetworksForkScheduleOrGenesis() throws Exception {
    int i = CHAIN.indexAtSlot(ANCHOR_SLOT);
    serve(CHAIN.posts.get(i), CHAIN.blocks.get(i));
    // a network where EDVT comes later: its epoch 3 runs Fulu, the state says EDVT
    SpecVersions later = new SpecVersions(EdvtConfig.load("minimal", Map.of("EDVT_FORK_EPOCH", "5")));
    assertThatThrownBy(() -> new CheckpointSync(later).fetch(api))
        .isInstanceOf(CheckpointSync.CheckpointSyncException.class)
        .hasMessageContaining("the finalized state (slot 24) has fork version " + CHAIN.posts.get(i).fork().currentVersion())
        .hasMessageContaining("at epoch 3: it is a state of another network");

    Anchor anchor = new CheckpointSync(VERSIONS).fetch(api).anchor();
    CheckpointSync.checkGenesis(anchor, CHAIN.posts.get(0)); // its own chain's: no complaint
    BeaconState otherGenesis = GenesisStateReader.read(DevnetFiles.genesisSsz(),
        NetworkLoader.load(DevnetFiles.configYaml().toString(), Optional.empty(), w -> {}).spec());
    assertThatThrownBy(() -> CheckpointSync.checkGenesis(anchor, otherGenesis))
        // the same interop validators (the same validators root), another genesis time: another chain
        .hasMessage("the finalized state has genesis time " + anchor.state().genesisTime()
            + ", the genesis state (--genesis-state) has " + otherGenesis.genesisTime() + ": they are of different chains");
  }

  @Test
  void refusesAMissingEndpointOrAnUnknownForkWithTheAddress() {
    assertThatThrownBy(() -> new CheckpointSync(VERSIONS).fetch(api))
        .hasMessage(api + "eth/v2/debug/beacon/states/finalized: HTTP 404");
    int i = CHAIN.indexAtSlot(ANCHOR_SLOT);
    serve(CHAIN.posts.get(i), CHAIN.blocks.get(i));
    served.put("/eth/v2/beacon/blocks/finalized", Map.entry("gloas", CHAIN.blocks.get(i).serialize()));
    assertThatThrownBy(() -> new CheckpointSync(VERSIONS).fetch(api))
        .hasMessageContaining("Eth-Consensus-Version 'gloas' is not a fork we run");
  }
}
