package io.edvt.node.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.node.cli.EdvtCommand;
import io.edvt.node.config.BeaconNodeConfig;
import io.edvt.node.wiring.BeaconNode;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: {@code GET /eth/v1/beacon/states/head/validators} of a running in-process node
 * ({@code BeaconNode.start} from the command line's flags, p2p off, RocksDB in a temp folder, the
 * API over real HTTP on loopback) whose head is the 100,000-validator genesis of
 * {@link FullBlockChain} (mainnet preset, every fork to Fulu at epoch 0). Times, as medians of
 * {@code edvt.bench.requests} requests after as many warm-up requests, the whole JSON response
 * read by a {@code java.net.http} client; the same with {@code ?id=} five ids; and, as anchors in
 * the same run, the same head state as SSZ over the same HTTP server
 * ({@code /eth/v2/debug/beacon/states/head}, {@code Accept: application/octet-stream}) and the
 * state's in-memory {@code serialize()}. A timed run, not a test of speed.
 *
 * <pre>/work/bin/m -pl node -am test -Dtest=ValidatorsApiTimings -Dedvt.bench=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * The summary goes to {@code node/target/bench/validators-api.txt}.
 */
@EnabledIfSystemProperty(named = "edvt.bench", matches = "true")
class ValidatorsApiTimings {
  private static final int REQUESTS = Integer.getInteger("edvt.bench.requests", 10);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path tmp;

  @Test
  void timesTheValidatorsEndpoint() throws Exception {
    int validators = Integer.getInteger("edvt.bench.validators", 100_000);
    FullBlockChain data = FullBlockChain.load(validators, Path.of("target/bench/full-block-" + validators));
    Path config = tmp.resolve("config.yaml");
    Files.writeString(config, configYaml());
    Path genesis = tmp.resolve("genesis.ssz");
    Files.write(genesis, data.genesis.serialize());
    BeaconNodeConfig nodeConfig = parse("beacon-node", "--network=" + config, "--genesis-state=" + genesis,
        "--data-path=" + tmp.resolve("data"), "--p2p-enabled=false", "--rest-api-enabled=true", "--rest-api-port=0",
        "--rest-api-host-allowlist=*", "--metrics-enabled=false");
    InstantSource now = InstantSource.fixed(Instant.ofEpochSecond(data.genesis.genesisTime().longValue() + 30));
    StringBuilder out = new StringBuilder();
    try (BeaconNode node = BeaconNode.start(nodeConfig, now)) {
      int port = node.apiPort().orElseThrow();
      String all = "/eth/v1/beacon/states/head/validators";
      String some = all + "?id=0&id=1&id=4242&id=50000&id=99999";
      HttpResponse<byte[]> first = get(port, all, "application/json");
      assertThat(first.statusCode()).isEqualTo(200);
      String body = new String(first.body(), StandardCharsets.UTF_8);
      assertThat(body).contains("\"index\":\"" + (validators - 1) + "\"");
      HttpResponse<byte[]> five = get(port, some, "application/json");
      assertThat(five.statusCode()).isEqualTo(200);
      assertThat(new String(five.body(), StandardCharsets.UTF_8).split("\"index\"")).hasSize(6);
      HttpResponse<byte[]> ssz = get(port, "/eth/v2/debug/beacon/states/head", "application/octet-stream");
      assertThat(ssz.statusCode()).isEqualTo(200);
      assertThat(ssz.body()).isEqualTo(data.genesis.serialize());

      double[] json = time(() -> get(port, all, "application/json"));
      double[] ids = time(() -> get(port, some, "application/json"));
      double[] sszHttp = time(() -> get(port, "/eth/v2/debug/beacon/states/head", "application/octet-stream"));
      double[] serialize = time(() -> data.genesis.serialize());
      double m = ImportPipelineTimings.median(json);
      double s = ImportPipelineTimings.median(serialize);
      out.append(String.format("""
          GET /eth/v1/beacon/states/head/validators at %,d validators, in-process BeaconNode, real HTTP on loopback; %d requests after %d warm-up each
          full list, JSON (%,d bytes): median %.1f ms (%.1f-%.1f)
          ?id= five ids, JSON (%,d bytes): median %.2f ms (%.2f-%.2f)
          anchor: the head state as SSZ over the same server, /eth/v2/debug/beacon/states/head (%,d bytes): median %.1f ms (%.1f-%.1f)
          anchor: the state's serialize() in memory: median %.1f ms (%.1f-%.1f)
          ratio full JSON list / in-memory SSZ serialise: %.1fx; / SSZ state over HTTP: %.1fx
          load average at the end: %s
          """, validators, REQUESTS, REQUESTS, first.body().length, m, ImportPipelineTimings.min(json),
          ImportPipelineTimings.max(json), five.body().length, ImportPipelineTimings.median(ids), ImportPipelineTimings.min(ids),
          ImportPipelineTimings.max(ids), ssz.body().length, ImportPipelineTimings.median(sszHttp),
          ImportPipelineTimings.min(sszHttp), ImportPipelineTimings.max(sszHttp), s, ImportPipelineTimings.min(serialize),
          ImportPipelineTimings.max(serialize), m / s, m / ImportPipelineTimings.median(sszHttp),
          ImportPipelineTimings.loadAverage()));
    }
    System.out.print(out);
    Files.createDirectories(Path.of("target/bench"));
    Files.writeString(Path.of("target/bench/validators-api.txt"), out);
  }

  private static double[] time(Supplier<?> op) {
    for (int i = 0; i < REQUESTS; i++) {
      op.get();
    }
    double[] ms = new double[REQUESTS];
    for (int i = 0; i < REQUESTS; i++) {
      long t0 = System.nanoTime();
      op.get();
      ms[i] = ImportPipelineTimings.millis(t0);
    }
    return ms;
  }

  private static HttpResponse<byte[]> get(int port, String path, String accept) {
    try {
      HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        throw new AssertionError(path + ": HTTP " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
      }
      return r;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The built-in mainnet config with every fork up to Fulu at epoch 0 and EDVT not scheduled. */
  private static String configYaml() throws java.io.IOException {
    String text;
    try (InputStream in = SpecConfig.class.getResourceAsStream("/io/edvt/spec/configs/mainnet.yaml")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (String key : FullBlockChain.FORKS_AT_ZERO.keySet()) {
      text = text.replaceFirst("(?m)^" + key + ": .*$", key + ": 0");
    }
    text = text.replaceFirst("(?m)^CONFIG_NAME: .*$", "CONFIG_NAME: 'edvt-bench'");
    SpecConfigEdvt edvt = SpecConfigEdvt.of(EdvtConfig.load("mainnet"));
    return text + "\nEDVT_FORK_VERSION: " + edvt.edvtForkVersion().toHexString() + "\nEDVT_FORK_EPOCH: 18446744073709551615\n"
        + "GROUP_LEADER_TIMEOUT_BPS: " + edvt.groupLeaderTimeoutBps() + "\n";
  }

  private static BeaconNodeConfig parse(String... args) {
    AtomicReference<BeaconNodeConfig> seen = new AtomicReference<>();
    var cli = EdvtCommand.commandLine((config, o, err) -> {
      seen.set(config);
      return 0;
    });
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    assertThat(code).as(err.toString()).isZero();
    return seen.get();
  }
}
