package io.edvt.node.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edvt.node.cli.EdvtCommand;
import io.edvt.node.config.BeaconNodeConfig;
import io.edvt.spec.datastructures.state.BeaconState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One beacon node as {@code edvt beacon-node} starts it with {@code --validator-keys} holding every
 * validator (p2p off, embedded engine, minimal preset, Fulu at genesis and EDVT from epoch 1, 1-second slots, 64
 * validators): it proposes every slot, attests with everyone, and the chain finalizes. Everything
 * is real: keystores decrypted, slashing protection on disk, BLS, the state transition, RocksDB.
 */
class BeaconNodeValidatorsTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int VALIDATORS = 64;
  static final long SLOT_MS = 1000;
  private static final String FEE_RECIPIENT = "0x" + "ab".repeat(20);

  @TempDir
  Path tmp;

  private static BeaconNodeConfig parse(String... args) {
    AtomicReference<BeaconNodeConfig> seen = new AtomicReference<>();
    var cli = EdvtCommand.commandLine((config, out, err) -> {
      seen.set(config);
      return 0;
    });
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute(args)).as(err.toString()).isZero();
    return seen.get();
  }

  @Test
  void aNodeHoldingEveryKeyProposesEverySlotAndFinalizes() throws Exception {
    long genesisTime = System.currentTimeMillis() / 1000 + 8; // the node starts in a few seconds on a cold JVM
    ValidatorDevnet net = ValidatorDevnet.write(tmp.resolve("net"), VALIDATORS, SLOT_MS, genesisTime);
    String keys = net.keys("node-0", 0, VALIDATORS);
    BeaconNodeConfig config = parse("beacon-node", "--network=" + net.configYaml, "--genesis-state=" + net.genesisSsz,
        "--data-path=" + tmp.resolve("data"), "--p2p-enabled=false", "--rest-api-enabled=true", "--rest-api-port=0",
        "--rest-api-host-allowlist=*", "--validator-keys=" + keys,
        "--validators-proposer-default-fee-recipient=" + FEE_RECIPIENT);
    long started = System.nanoTime();
    try (BeaconNode node = BeaconNode.start(config, InstantSource.system())) {
      int api = node.apiPort().orElseThrow();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(70);
      long finalized = 0;
      while (System.nanoTime() < deadline && finalized < 2) {
        Thread.sleep(500);
        finalized = json(api, "/eth/v1/beacon/states/head/finality_checkpoints").get("data").get("finalized").get("epoch").asLong();
      }
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
      long sinceGenesis = System.currentTimeMillis() / 1000 - genesisTime;
      assertThat(finalized).as("finalized epoch after %d s", seconds).isGreaterThanOrEqualTo(2);

      // every slot from 1 to the head has its block, each with our fee recipient and graffiti
      long headSlot = node.chain().head().slot();
      for (long slot = 1; slot <= headSlot; slot++) {
        HttpResponse<String> block = get(api, "/eth/v2/beacon/blocks/" + slot);
        assertThat(block.statusCode()).as("block at slot %d of %d", slot, headSlot).isEqualTo(200);
        JsonNode body = JSON.readTree(block.body()).get("data").get("message").get("body");
        assertThat(body.get("execution_payload").get("fee_recipient").asText()).isEqualTo(FEE_RECIPIENT);
        assertThat(body.get("graffiti").asText()).startsWith("0x65647674"); // "edvt"
      }
      // everyone voted for the right target in the last full epoch
      Bytes32 head = node.chain().head().root();
      BeaconState state = node.chain().readForkChoice(f -> f.block(head).state()).get(10, TimeUnit.SECONDS);
      var previous = state.previousEpochParticipation();
      int timelyTarget = 0;
      for (int i = 0; i < VALIDATORS; i++) {
        if ((previous.get(i) & 0b010) != 0) {
          timelyTarget++;
        }
      }
      System.out.printf("in-process node: head slot %d, finalized epoch %d after %d s (%d s after genesis), "
          + "previous-epoch timely target %d/%d%n", headSlot, finalized, seconds, sinceGenesis, timelyTarget, VALIDATORS);
      assertThat(timelyTarget).isEqualTo(VALIDATORS);
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
