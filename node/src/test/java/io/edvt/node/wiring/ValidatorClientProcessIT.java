package io.edvt.node.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edvt beacon-node} without keys and {@code edvt validator-client} holding all 64 validator
 * keys, on loopback: every block and attestation of the chain comes over the Beacon API from the
 * client, so the chain finalizes only if the client's attester, aggregator and proposer duties all
 * work against the node's validator endpoints; the blocks' sync aggregates hold the client's sync
 * committee messages and contributions (all 32 seats are the client's). The client's first endpoint is a port nobody
 * listens on: it must fail over to the live node for every request. Minimal preset, Fulu at
 * genesis and EDVT from epoch 1, 2-second slots, the embedded engine.
 */
class ValidatorClientProcessIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WITHIN = Duration.ofSeconds(150);
  private static final int VALIDATORS = 64;
  private static final String FEE_RECIPIENT = "0x" + "cd".repeat(20);

  private static int bitCount(Bytes bits) {
    int n = 0;
    for (int i = 0; i < bits.size(); i++) {
      n += Integer.bitCount(bits.get(i) & 0xff);
    }
    return n;
  }

  /** The sync committee endpoints answer a bad parameter with a 400 that names it. */
  private static void assertBadParametersNamed(NodeProcesses.Node bn) throws Exception {
    var duties = NodeProcesses.post(bn, "/eth/v1/validator/duties/sync/x", "[\"0\"]");
    assertThat(duties.statusCode()).isEqualTo(400);
    assertThat(duties.body()).contains("epoch 'x'");
    long headSlot = JSON.readTree(NodeProcesses.get(bn, "/eth/v1/beacon/headers/head").body()).get("data").get("header")
        .get("message").get("slot").asLong();
    var outside = NodeProcesses.post(bn, "/eth/v1/validator/duties/sync/" + headSlot / 8, "[\"0\", \"640\"]");
    assertThat(outside.statusCode()).isEqualTo(400);
    assertThat(outside.body()).contains("body[1]");
    String root = "0x" + "00".repeat(32);
    var noRoot = NodeProcesses.get(bn, "/eth/v1/validator/sync_committee_contribution?slot=1&subcommittee_index=0");
    assertThat(noRoot.statusCode()).isEqualTo(400);
    assertThat(noRoot.body()).contains("beacon_block_root");
    var subcommittee = NodeProcesses.get(bn, "/eth/v1/validator/sync_committee_contribution?slot=1&subcommittee_index=4"
        + "&beacon_block_root=" + root);
    assertThat(subcommittee.statusCode()).isEqualTo(400);
    assertThat(subcommittee.body()).contains("subcommittee_index 4");
    var none = NodeProcesses.get(bn, "/eth/v1/validator/sync_committee_contribution?slot=1&subcommittee_index=0"
        + "&beacon_block_root=" + root);
    assertThat(none.statusCode()).isEqualTo(404);
    var malformed = NodeProcesses.post(bn, "/eth/v1/beacon/pool/sync_committees", "[{\"slot\": \"1\"}]");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.body()).contains("body[0]");
    // well formed, but of an old slot and with a signature nobody made: refused by the gossip rule, in failures
    var forged = NodeProcesses.post(bn, "/eth/v1/beacon/pool/sync_committees", "[{\"slot\": \"1\", \"beacon_block_root\": \""
        + root + "\", \"validator_index\": \"0\", \"signature\": \"0x" + "00".repeat(96) + "\"}]");
    assertThat(forged.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(forged.body()).get("failures").get(0).get("index").asInt()).isZero();
    var subscription = NodeProcesses.post(bn, "/eth/v1/validator/sync_committee_subscriptions",
        "[{\"validator_index\": \"0\", \"sync_committee_indices\": [\"0\", \"y\"], \"until_epoch\": \"9\"}]");
    assertThat(subscription.statusCode()).isEqualTo(400);
    assertThat(subscription.body()).contains("body[0].sync_committee_indices[1]");
    var contributions = NodeProcesses.post(bn, "/eth/v1/validator/contribution_and_proofs", "[{\"message\": {}}]");
    assertThat(contributions.statusCode()).isEqualTo(400);
    assertThat(contributions.body()).contains("body[0].message.contribution.slot");
  }

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
      // the sync aggregate of each block: the seats (of 32) whose messages of the slot before it carries
      List<Integer> seats = new ArrayList<>();
      for (int slot = 1; slot <= 16; slot++) {
        var r = NodeProcesses.get(bn, "/eth/v2/beacon/blocks/" + slot);
        if (r.statusCode() == 200) {
          blocks++;
          JsonNode body = JSON.readTree(r.body()).get("data").get("message").get("body");
          assertThat(body.get("execution_payload").get("fee_recipient").asText()).isEqualTo(FEE_RECIPIENT);
          seats.add(bitCount(Bytes.fromHexString(body.get("sync_aggregate").get("sync_committee_bits").asText())));
        }
      }
      assertBadParametersNamed(bn);
      String bnLog = Files.readString(bn.log);
      String vcLog = Files.readString(vc.log);
      assertThat(bnLog).doesNotContain("Validator client:");
      assertThat(vcLog).contains("Using beacon node http://127.0.0.1:" + restPort + " (the ones before it failed)");
      assertThat(vcLog).contains("Proposed block slot");
      assertThat(vcLog).contains("sync committee members");
      // the minimal preset makes every seat holder an aggregator: each slot's contributions are submitted, and a
      // refused one is a warning naming the slot (two such slots are allowed for a loaded machine's late duty)
      long refusedSlots = vcLog.lines().filter(l -> l.contains("sync committee messages of slot")
          || l.contains("sync committee contributions of slot")).count();
      Matcher taken = Pattern.compile("Epoch 1 sync committee: (\\d+) messages and (\\d+) contributions taken").matcher(vcLog);
      assertThat(taken.find()).as("the client's summary of epoch 1's sync committee work").isTrue();
      // 32 seats held by distinct or repeated keys: at least one message and one contribution per slot of the epoch
      assertThat(Integer.parseInt(taken.group(1))).isGreaterThanOrEqualTo(8);
      assertThat(Integer.parseInt(taken.group(2))).isGreaterThanOrEqualTo(8);
      assertThat(refusedSlots).as("slots whose sync committee messages or contributions were refused").isLessThanOrEqualTo(2);
      System.out.printf("validator client: finalized epoch %s after %d s (genesis at +20 s); %d blocks in slots 1-16; sync"
          + " aggregate seats per block %s; %d slots with refused sync duties; epoch 1: %s messages, %s contributions%n",
          finality.get("data").get("finalized").get("epoch").asText(), seconds, blocks, seats, refusedSlots, taken.group(1),
          taken.group(2));
      assertThat(blocks).isGreaterThanOrEqualTo(12);
      // slot 1's holds the messages of slot 0 only when the client was up by then
      assertThat(seats.subList(1, seats.size())).as("sync committee seats in the blocks of slots 2-16").allMatch(n -> n > 0);
      assertThat(seats.stream().filter(n -> n == 32).count()).as("blocks whose sync aggregate holds all 32 seats").isGreaterThan(0);
    }
  }
}
