package io.edvt.node.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edvt beacon-node} without keys and {@code edvt validator-client} holding all 64 validator
 * keys, on loopback: every block and attestation of the chain comes over the Beacon API from the
 * client, so the chain finalizes only if the client's attester, aggregator and proposer duties all
 * work against the node's validator endpoints. The client's first endpoint is a port nobody
 * listens on: it must fail over to the live node for every request. Minimal preset, Fulu at
 * genesis and EDVT from epoch 1, 2-second slots, the embedded engine.
 */
class ValidatorClientProcessIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WITHIN = Duration.ofSeconds(150);
  private static final int VALIDATORS = 64;
  private static final String FEE_RECIPIENT = "0x" + "cd".repeat(20);

  @TempDir
  Path tmp;

  @Test
  void aKeylessNodeAndAValidatorClientBehindADeadEndpointFinalize() throws Exception {
    long begun = System.nanoTime();
    long genesisTime = System.currentTimeMillis() / 1000 + 20;
    ValidatorDevnet net = ValidatorDevnet.write(tmp.resolve("net"), VALIDATORS, 2000, genesisTime);
    String keys = net.keys("vc-keys", 0, VALIDATORS);
    try (NodeProcesses processes = new NodeProcesses(tmp)) {
      int restPort = NodeProcesses.freePort();
      int deadPort = NodeProcesses.freePort();
      NodeProcesses.Node bn = processes.start("bn", restPort, List.of("--network=" + net.configYaml,
          "--genesis-state=" + net.genesisSsz, "--data-path=" + tmp.resolve("bn"), "--p2p-enabled=false",
          "--rest-api-enabled=true", "--rest-api-interface=127.0.0.1", "--rest-api-port=" + restPort,
          "--rest-api-host-allowlist=*", "--metrics-enabled=false", "--log-destination=CONSOLE"));
      NodeProcesses.Node vc = processes.start("vc", 0, "validator-client", List.of("--network=" + net.configYaml,
          "--beacon-node-api-endpoint=http://127.0.0.1:" + deadPort + ",http://127.0.0.1:" + restPort,
          "--data-path=" + tmp.resolve("vc"), "--validator-keys=" + keys,
          "--validators-proposer-default-fee-recipient=" + FEE_RECIPIENT, "--metrics-enabled=false",
          "--log-destination=CONSOLE"));

      JsonNode finality = processes.await(bn, "/eth/v1/beacon/states/head/finality_checkpoints",
          j -> j.get("data").get("finalized").get("epoch").asLong() >= 2, WITHIN);
      long seconds = Duration.ofNanos(System.nanoTime() - begun).toSeconds();
      assertThat(vc.process.isAlive()).as("the validator client still runs").isTrue();

      // every block came from the client (the node holds no key); it pays the client's fee recipient, which only
      // prepare_beacon_proposer told the node (the node's own default is the zero address)
      int blocks = 0;
      for (int slot = 1; slot <= 16; slot++) {
        var r = NodeProcesses.get(bn, "/eth/v2/beacon/blocks/" + slot);
        if (r.statusCode() == 200) {
          blocks++;
          JsonNode body = JSON.readTree(r.body()).get("data").get("message").get("body");
          assertThat(body.get("execution_payload").get("fee_recipient").asText()).isEqualTo(FEE_RECIPIENT);
        }
      }
      String bnLog = Files.readString(bn.log);
      String vcLog = Files.readString(vc.log);
      assertThat(bnLog).doesNotContain("Validator client:");
      assertThat(vcLog).contains("Using beacon node http://127.0.0.1:" + restPort + " (the ones before it failed)");
      assertThat(vcLog).contains("Proposed block slot");
      System.out.printf("validator client: finalized epoch %s after %d s (genesis at +20 s); %d blocks in slots 1-16%n",
          finality.get("data").get("finalized").get("epoch").asText(), seconds, blocks);
      assertThat(blocks).isGreaterThanOrEqualTo(12);
    }
  }
}
