package io.edvt.node.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edvt.node.cli.EdvtCommand;
import io.edvt.node.cli.beacon.DevnetFiles;
import io.edvt.node.config.BeaconNodeConfig;
import io.edvt.node.config.GenesisStateReader;
import io.edvt.node.metrics.PrometheusText;
import io.edvt.node.storage.StorageStartupException;
import io.edvt.spec.datastructures.state.BeaconState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node root as {@code edvt beacon-node} starts it: from the flags ethereum-package passes
 * (p2p off), on the devnet generator's config.yaml and genesis.ssz, with the API and metrics on
 * ephemeral ports. The answers come from the real parts: RocksDB, the chain thread, Javalin.
 */
class BeaconNodeTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path data;

  /** The configuration {@code edvt beacon-node} resolves from {@code args}, without starting anything. */
  private static BeaconNodeConfig parse(String... args) {
    AtomicReference<BeaconNodeConfig> seen = new AtomicReference<>();
    var cli = EdvtCommand.commandLine((config, out, err) -> {
      seen.set(config);
      return 0;
    });
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    assertThat(code).as(err.toString()).isZero();
    return seen.get();
  }

  private BeaconNodeConfig config() {
    return parse("beacon-node", "--network=" + DevnetFiles.configYaml(), "--genesis-state=" + DevnetFiles.genesisSsz(),
        "--data-path=" + data, "--p2p-enabled=false", "--rest-api-enabled=true", "--rest-api-port=0",
        "--rest-api-host-allowlist=*", "--metrics-enabled", "--metrics-port=0", "--metrics-host-allowlist=*");
  }

  /** A clock a few slots after genesis, so the node's view of "now" does not depend on the day. */
  private static InstantSource clockAfterGenesis() {
    BeaconState genesis = GenesisStateReader.read(DevnetFiles.genesisSsz(),
        io.edvt.node.config.NetworkLoader.load(DevnetFiles.configYaml().toString(), java.util.Optional.empty(), w -> {})
            .spec());
    return InstantSource.fixed(Instant.ofEpochSecond(genesis.genesisTime().longValue() + 30));
  }

  @Test
  void startsServesTheApiAndMetricsAndRestartsOnItsDatabase() throws Exception {
    BeaconNodeConfig config = config();
    String genesisRoot;
    try (BeaconNode node = BeaconNode.start(config, clockAfterGenesis())) {
      int api = node.apiPort().orElseThrow();
      assertThat(get(api, "/eth/v1/node/health").statusCode()).isEqualTo(200);
      JsonNode genesis = json(api, "/eth/v1/beacon/genesis").get("data");
      assertThat(genesis.get("genesis_time").asText()).isEqualTo(
          String.valueOf(GenesisStateReader.read(DevnetFiles.genesisSsz(), config.network().spec()).genesisTime()));
      JsonNode head = json(api, "/eth/v1/beacon/headers/head").get("data");
      assertThat(head.get("header").get("message").get("slot").asText()).isEqualTo("0");
      genesisRoot = head.get("root").asText();
      // the head state's root as the API computes it is the genesis block's state_root
      assertThat(json(api, "/eth/v1/beacon/states/head/root").get("data").get("root").asText())
          .isEqualTo(head.get("header").get("message").get("state_root").asText());
      assertThat(json(api, "/eth/v1/beacon/states/head/validators").get("data")).hasSize(64);
      assertThat(json(api, "/eth/v1/node/syncing").get("data").get("head_slot").asText()).isEqualTo("0");

      var metrics = node.metricsAddress().orElseThrow();
      HttpResponse<String> scrape = HTTP.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + metrics.getPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      PrometheusText text = PrometheusText.parse(scrape.body());
      assertThat(text.value("beacon_head_slot")).isEqualTo(0.0);
      assertThat(text.value("beacon_current_active_validators")).isEqualTo(64.0);

      // a second node on the same folder is refused while the first runs
      assertThatThrownBy(() -> BeaconNode.start(config, clockAfterGenesis()))
          .isInstanceOf(StorageStartupException.class).hasMessageContaining("in use");
    }
    try (BeaconNode again = BeaconNode.start(config, clockAfterGenesis())) {
      int api = again.apiPort().orElseThrow();
      assertThat(json(api, "/eth/v1/beacon/headers/head").get("data").get("root").asText()).isEqualTo(genesisRoot);
    }
  }

  @Test
  void anUnreachableCheckpointUrlIsOneLineAndExitCode1() {
    StringWriter err = new StringWriter();
    int code = new NodeLauncher().launch(parse("beacon-node", "--network=minimal", "--data-path=" + data,
        "--checkpoint-sync-url=http://127.0.0.1:9",
        "--p2p-enabled=false", "--rest-api-enabled=false"), new PrintWriter(new StringWriter()), new PrintWriter(err, true));
    assertThat(code).isEqualTo(1);
    List<String> lines = new ArrayList<>(err.toString().lines().toList());
    assertThat(lines).singleElement().asString().isEqualTo("edvt beacon-node: --checkpoint-sync-url http://127.0.0.1:9: "
        + "http://127.0.0.1:9/eth/v2/debug/beacon/states/finalized: cannot reach it: ConnectException");
  }

  @Test
  void onADatabaseThatHoldsAChainTheCheckpointUrlIsNotFetched() throws Exception {
    try (BeaconNode node = BeaconNode.start(config(), clockAfterGenesis())) {
      assertThat(node.chain().head().slot()).isZero();
    }
    // nothing listens at the URL: a start that fetched from it would fail
    BeaconNodeConfig withUrl = parse("beacon-node", "--network=" + DevnetFiles.configYaml(),
        "--genesis-state=" + DevnetFiles.genesisSsz(), "--data-path=" + data, "--p2p-enabled=false",
        "--rest-api-enabled=false", "--checkpoint-sync-url=http://127.0.0.1:9");
    try (BeaconNode again = BeaconNode.start(withUrl, clockAfterGenesis())) {
      assertThat(again.chain().head().slot()).isZero();
    }
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(int port, String path) throws Exception {
    HttpResponse<String> r = get(port, path);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }
}
