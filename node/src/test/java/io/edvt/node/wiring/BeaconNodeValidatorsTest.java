package io.edvt.node.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edvt.node.config.BeaconNodeConfig;
import io.edvt.node.metrics.EdvtMetrics;
import io.edvt.node.metrics.PrometheusText;
import io.edvt.spec.datastructures.state.BeaconState;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One beacon node as {@code edvt beacon-node} starts it with {@code --validator-keys} holding every
 * validator (embedded engine, minimal preset, Fulu at genesis and EDVT from epoch 1, 1-second slots,
 * 64 validators): it proposes every slot, attests with everyone, and the chain finalizes.
 * Everything is real: keystores decrypted, slashing protection on disk, BLS, the state transition,
 * RocksDB, libp2p on loopback. The node runs once for the class (its finalization is what takes
 * time); the tests use it: its blocks and metrics, and a second node started from its finalized
 * checkpoint ({@code --checkpoint-sync-url}) that then follows it over p2p.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BeaconNodeValidatorsTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int VALIDATORS = 64;
  static final long SLOT_MS = 1000;
  private static final long SLOTS_PER_EPOCH = 8;
  private static final int SYNC_COMMITTEE_SIZE = 32; // minimal preset
  private static final String FEE_RECIPIENT = "0x" + "ab".repeat(20);

  private Path tmp;
  private ValidatorDevnet net;
  private long genesisTime;
  private long started;
  private BeaconNode node;
  private int api;
  private long firstSlot;
  private final List<BeaconNode> others = new ArrayList<>();

  private static BeaconNodeConfig parse(String... args) {
    return GroupTestSupport.parse(args);
  }

  /** The p2p flags of a node on loopback, discovery included. */
  private static List<String> p2pFlags(int port) {
    return List.of("--p2p-enabled=true", "--p2p-interface=127.0.0.1", "--p2p-port=" + port, "--p2p-advertised-ip=127.0.0.1",
        "--p2p-discovery-site-local-addresses-enabled=true", "--p2p-peer-lower-bound=1", "--p2p-peer-upper-bound=8");
  }

  @BeforeAll
  void startTheValidatorNode() throws Exception {
    tmp = Files.createTempDirectory("validators-test");
    genesisTime = System.currentTimeMillis() / 1000 + 8; // the node starts in a few seconds on a cold JVM
    net = ValidatorDevnet.write(tmp.resolve("net"), VALIDATORS, SLOT_MS, genesisTime);
    String keys = net.keys("node-0", 0, VALIDATORS);
    List<String> args = new ArrayList<>(List.of("beacon-node", "--network=" + net.configYaml,
        "--genesis-state=" + net.genesisSsz, "--data-path=" + tmp.resolve("data"), "--rest-api-enabled=true",
        "--rest-api-port=0", "--rest-api-host-allowlist=*", "--metrics-enabled", "--metrics-port=0",
        "--metrics-host-allowlist=*", "--validator-keys=" + keys, "--validators-proposer-default-fee-recipient=" + FEE_RECIPIENT));
    args.addAll(p2pFlags(freePort()));
    started = System.nanoTime();
    node = BeaconNode.start(parse(args.toArray(String[]::new)), InstantSource.system());
    api = node.apiPort().orElseThrow();
    // a loaded machine may start the node after genesis: the slots before it ran have no proposer
    firstSlot = Math.max(1, (System.currentTimeMillis() - genesisTime * 1000) / SLOT_MS + 1);
  }

  @AfterAll
  void stop() throws IOException {
    others.forEach(BeaconNode::close);
    if (node != null) {
      node.close();
    }
    try (var files = Files.walk(tmp)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Waits (up to 70 s after the start) until the validator node has finalized {@code epoch}. */
  private long awaitFinalized(long epoch) throws Exception {
    long deadline = started + TimeUnit.SECONDS.toNanos(70);
    long finalized = 0;
    while (System.nanoTime() < deadline && finalized < epoch) {
      finalized = json(api, "/eth/v1/beacon/states/head/finality_checkpoints").get("data").get("finalized").get("epoch").asLong();
      if (finalized < epoch) {
        Thread.sleep(250);
      }
    }
    assertThat(finalized).as("finalized epoch after %d s", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(epoch);
    return finalized;
  }

  @Test
  void aNodeHoldingEveryKeyProposesEverySlotFinalizesAndTimesItsImports() throws Exception {
    long finalized = awaitFinalized(2);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    long sinceGenesis = System.currentTimeMillis() / 1000 - genesisTime;

    // every slot from the node's start to the head has its block, each with our fee recipient and graffiti;
    // from the second one on (the first has no messages of the slot before), every sync committee seat is in
    // each block whose previous slot has its block (the messages of that slot signed it)
    long headSlot = node.chain().head().slot();
    int seats = 0;
    int fullBlocks = 0;
    boolean previousFound = false;
    for (long slot = firstSlot; slot <= headSlot; slot++) {
      HttpResponse<String> block = get(api, "/eth/v2/beacon/blocks/" + slot);
      boolean found = block.statusCode() == 200;
      assertThat(block.statusCode()).as("block at slot %d of %d", slot, headSlot).isEqualTo(200);
      JsonNode body = JSON.readTree(block.body()).get("data").get("message").get("body");
      assertThat(body.get("execution_payload").get("fee_recipient").asText()).isEqualTo(FEE_RECIPIENT);
      assertThat(body.get("graffiti").asText()).startsWith("0x65647674"); // "edvt"
      int participants = 0;
      for (byte b : Bytes.fromHexString(body.get("sync_aggregate").get("sync_committee_bits").asText()).toArrayUnsafe()) {
        participants += Integer.bitCount(b & 0xff);
      }
      if (slot > firstSlot && previousFound) {
        assertThat(participants).as("sync committee participants in the block of slot %d", slot).isEqualTo(SYNC_COMMITTEE_SIZE);
        seats += participants;
        fullBlocks++;
      }
      previousFound = found;
    }
    // the state pays them: the sync committee rewards of the head block are positive for the seats' validators
    JsonNode rewards = JSON.readTree(post(api, "/eth/v1/beacon/rewards/sync_committee/head", "[]").body()).get("data");
    long paid = 0;
    for (JsonNode r : rewards) {
      paid += r.get("reward").asLong();
    }
    System.out.printf("in-process node: sync aggregates of %d blocks after slot %d hold %d of %d seats; head block pays the "
        + "sync committee %d gwei over %d entries%n", fullBlocks, firstSlot, seats, fullBlocks * SYNC_COMMITTEE_SIZE, paid, rewards.size());
    assertThat(fullBlocks).isPositive();
    assertThat(rewards).isNotEmpty().allSatisfy(r -> assertThat(r.get("reward").asLong()).isPositive());
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

    // its own blocks are timed as published ones (the api source); the count grows with the chain
    Map<String, String> apiSource = Map.of("source", "api");
    PrometheusText first = scrape(node);
    double imported = first.value(EdvtMetrics.BLOCK_IMPORT_SECONDS + "_count", apiSource);
    assertThat(imported).as("timed imports by slot %d", headSlot).isGreaterThanOrEqualTo(headSlot - firstSlot);
    assertThat(first.value(EdvtMetrics.BLOCK_IMPORT_SECONDS + "_sum", apiSource)).isPositive();
    assertThat(first.value(EdvtMetrics.BLOCK_IMPORT_SECONDS + "_bucket", Map.of("source", "api", "le", "+Inf")))
        .isEqualTo(imported);
    long target = node.chain().head().slot() + 2;
    Deadline.await("head slot " + target, () -> node.chain().head().slot() >= target, 10);
    assertThat(scrape(node).value(EdvtMetrics.BLOCK_IMPORT_SECONDS + "_count", apiSource)).isGreaterThanOrEqualTo(imported + 2);
    // the database's size per column family: blocks and states take room by now
    assertThat(first.labelValues(EdvtMetrics.STORAGE_BYTES, "column_family")).contains("blocks", "states");
    assertThat(first.sum(EdvtMetrics.STORAGE_BYTES)).isPositive();
  }

  /** The {@code beacon_attestation_{n}} subnets the node is on now. */
  private java.util.Set<Integer> attestationTopics() {
    java.util.Set<Integer> out = new java.util.TreeSet<>();
    for (String topic : node.network().orElseThrow().subscriptions().topics()) {
      var m = java.util.regex.Pattern.compile("/beacon_attestation_([0-9]+)/").matcher(topic);
      if (m.find()) {
        out.add(Integer.parseInt(m.group(1)));
      }
    }
    return out;
  }

  @Test
  void theNodeIsOnItsAggregatorsSubnetsAroundTheirSlotsAndTheApiSubscriptionsJoinTooOrAre400() throws Exception {
    // 64 validators in 8 slots: one committee a slot, on subnet slot % 8; in the minimal preset every attester aggregates
    var subnets = node.network().orElseThrow().subnets();
    Deadline.await("the node is on the subnet of the current slot's committee and only on duty and long-lived subnets", () -> {
      long slot = node.chain().head().slot();
      java.util.Set<Integer> allowed = new java.util.TreeSet<>(subnets.advertisedAttestationSubnets(slot / SLOTS_PER_EPOCH));
      for (int s = 0; s < SLOTS_PER_EPOCH; s++) {
        allowed.add(s);
      }
      java.util.Set<Integer> on = attestationTopics();
      return on.contains((int) ((slot + 1) % SLOTS_PER_EPOCH)) && allowed.containsAll(on);
    }, 20);

    // a validator client's aggregator subscription: subnet (4 * 7 + c) % 64 for a slot at position 7 of the next epoch
    long now = System.currentTimeMillis();
    long currentSlot = (now / 1000 - genesisTime) * 1000 / SLOT_MS;
    long dutySlot = (currentSlot / SLOTS_PER_EPOCH + 1) * SLOTS_PER_EPOCH + 7;
    java.util.Set<Integer> longLived = subnets.advertisedAttestationSubnets(dutySlot / SLOTS_PER_EPOCH);
    int committee = 0;
    while (longLived.contains(28 + committee)) {
      committee++;
    }
    int subnet = 28 + committee;
    HttpResponse<String> ok = post(api, "/eth/v1/validator/beacon_committee_subscriptions", "[{\"validator_index\": \"5\", "
        + "\"committee_index\": \"" + committee + "\", \"committees_at_slot\": \"4\", \"slot\": \"" + dutySlot
        + "\", \"is_aggregator\": true}]");
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(attestationTopics()).doesNotContain(subnet);
    Deadline.await("joined subnet " + subnet + " ahead of slot " + dutySlot, () -> attestationTopics().contains(subnet), 20);
    assertThat(node.chain().head().slot()).isLessThanOrEqualTo(dutySlot);
    Deadline.await("left subnet " + subnet + " after slot " + dutySlot, () -> !attestationTopics().contains(subnet), 10);
    assertThat((System.currentTimeMillis() / 1000 - genesisTime) * 1000 / SLOT_MS).isGreaterThan(dutySlot);

    HttpResponse<String> badIndex = post(api, "/eth/v1/validator/beacon_committee_subscriptions", "[{\"validator_index\": \"5\", "
        + "\"committee_index\": \"4\", \"committees_at_slot\": \"4\", \"slot\": \"1\", \"is_aggregator\": true}]");
    assertThat(badIndex.statusCode()).isEqualTo(400);
    assertThat(badIndex.body()).contains("body[0].committee_index 4 is not below committees_at_slot 4");
    HttpResponse<String> farSlot = post(api, "/eth/v1/validator/beacon_committee_subscriptions", "[{\"validator_index\": \"5\", "
        + "\"committee_index\": \"0\", \"committees_at_slot\": \"1\", \"slot\": \"100000\", \"is_aggregator\": true}]");
    assertThat(farSlot.statusCode()).isEqualTo(400);
    assertThat(farSlot.body()).contains("body[0].slot 100000 is after the next epoch");
    HttpResponse<String> badSeat = post(api, "/eth/v1/validator/sync_committee_subscriptions",
        "[{\"validator_index\": \"0\", \"sync_committee_indices\": [\"1\", \"32\"], \"until_epoch\": \"3\"}]");
    assertThat(badSeat.statusCode()).isEqualTo(400);
    assertThat(badSeat.body()).contains("body[0].sync_committee_indices[1] 32 is not below the sync committee size 32");
    HttpResponse<String> farUntil = post(api, "/eth/v1/validator/sync_committee_subscriptions",
        "[{\"validator_index\": \"0\", \"sync_committee_indices\": [\"1\"], \"until_epoch\": \"100000\"}]");
    assertThat(farUntil.statusCode()).isEqualTo(400);
    assertThat(farUntil.body()).contains("body[0].until_epoch 100000 is after the end of the next sync committee period");
  }

  @Test
  void aSecondNodeWithAKeyTheFirstRunsDetectsItsDoppelgangerAndStopsWithoutSigning() throws Exception {
    Deadline.await("the first node's chain past slot 4", () -> node.chain().head().slot() >= 4, 30);
    String enr = json(api, "/eth/v1/node/identity").get("data").get("enr").asText();
    Path data = tmp.resolve("doppelganger");
    List<String> args = new ArrayList<>(List.of("beacon-node", "--network=" + net.configYaml, "--genesis-state=" + net.genesisSsz,
        "--data-path=" + data, "--validator-keys=" + net.keys("doppelganger-keys", 3, 4), "--doppelganger-detection-enabled",
        "--p2p-discovery-bootnodes=" + enr));
    args.addAll(p2pFlags(freePort()));
    long t0 = System.nanoTime();
    BeaconNode second = BeaconNode.start(parse(args.toArray(String[]::new)), InstantSource.system());
    others.add(second);
    // the first node attests with validator 3 every epoch: its attestations in the blocks the second one syncs give it away
    String why = second.fatalError().get(40, TimeUnit.SECONDS);
    System.out.printf("doppelganger of validator 3 detected %d ms after the second node started%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    assertThat(why).contains("doppelganger detected").contains("(index 3)")
        .contains(io.edvt.infrastructure.crypto.bls.BlsSecretKey.interop(3).publicKey().toBytes().toHexString());
    second.close();
    // it signed nothing: its slashing protection database holds no attestation and no block
    try (var protection = io.edvt.node.validator.slashing.SlashingProtection.openExisting(data)) {
      assertThat(protection.export(true).data()).allSatisfy(k -> {
        assertThat(k.signedAttestations()).isEmpty();
        assertThat(k.signedBlocks()).isEmpty();
      });
    }
  }

  @Test
  void aNodeStartedFromTheFinalizedCheckpointHoldsNothingBeforeItAndFollowsTheHeadOverP2p() throws Exception {
    long finalizedBefore = awaitFinalized(2);
    JsonNode identity = json(api, "/eth/v1/node/identity").get("data");
    String enr = identity.get("enr").asText();
    // the identity's metadata is what a MetaData request answers: the long-lived subnets only (2 in the minimal preset),
    // not the duties' (every subnet with --p2p-subscribe-all-subnets-enabled)
    long attnets = Long.reverseBytes(Long.parseUnsignedLong(identity.get("metadata").get("attnets").asText().substring(2), 16));
    assertThat(Long.bitCount(attnets)).as(identity.toString()).isEqualTo(2);
    long epoch = node.chain().head().slot() / SLOTS_PER_EPOCH;
    for (int subnet : node.network().orElseThrow().subnets().advertisedAttestationSubnets(epoch)) {
      assertThat(attnets & (1L << subnet)).as("attnets bit %d in %s", subnet, identity).isNotZero();
    }
    assertThat(identity.get("metadata").get("seq_number").asLong()).as(identity.toString()).isPositive();
    Path data = tmp.resolve("from-checkpoint");
    List<String> args = new ArrayList<>(List.of("beacon-node", "--network=" + net.configYaml, "--data-path=" + data,
        "--checkpoint-sync-url=http://127.0.0.1:" + api, "--rest-api-enabled=true", "--rest-api-port=0",
        "--rest-api-host-allowlist=*", "--metrics-enabled", "--metrics-port=0", "--metrics-host-allowlist=*",
        "--p2p-discovery-bootnodes=" + enr));
    args.addAll(p2pFlags(freePort()));
    long t0 = System.nanoTime();
    BeaconNode follower = BeaconNode.start(parse(args.toArray(String[]::new)), InstantSource.system());
    others.add(follower);
    int followerApi = follower.apiPort().orElseThrow();

    // the anchor: the first slot the follower has a block at, the start of a finalized epoch of the first node's chain
    long headSlot = follower.chain().head().slot();
    long anchorSlot = -1;
    for (long slot = 0; slot <= headSlot && anchorSlot < 0; slot++) {
      if (get(followerApi, "/eth/v2/beacon/blocks/" + slot).statusCode() == 200) {
        anchorSlot = slot;
      }
    }
    assertThat(anchorSlot % SLOTS_PER_EPOCH).as("anchor slot %d", anchorSlot).isZero();
    assertThat(anchorSlot / SLOTS_PER_EPOCH).isGreaterThanOrEqualTo(finalizedBefore);
    assertThat(blockRoot(followerApi, anchorSlot)).isEqualTo(blockRoot(api, anchorSlot));
    // before the anchor: 404s with a message, where the first node answers
    for (String path : List.of("/eth/v2/beacon/blocks/" + (anchorSlot - 1), "/eth/v1/beacon/states/" + (anchorSlot - 1) + "/root",
        "/eth/v2/beacon/blocks/genesis", "/eth/v1/beacon/states/genesis/root")) {
      HttpResponse<String> r = get(followerApi, path);
      assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(404);
      assertThat(JSON.readTree(r.body()).get("message").asText()).as(path).isNotBlank();
      if (path.contains("/blocks/")) { // (the first node prunes finalized states: it would not serve those either)
        assertThat(get(api, path).statusCode()).as("the first node's " + path).isEqualTo(200);
      }
    }
    assertThat(json(followerApi, "/eth/v1/beacon/genesis").get("data")).isEqualTo(json(api, "/eth/v1/beacon/genesis").get("data"));

    // it catches up and follows: the same head as the first node, blocks arriving over gossip (the
    // first few after the catch-up may still come by range sync or parent fetch while the gossip
    // mesh forms: wait for one imported from gossip)
    Deadline.await("the follower at the first node's head, 3 slots after its start, one block from gossip", () -> {
      long theirs = node.chain().head().slot();
      return theirs >= headSlot + 3 && follower.chain().head().root().equals(node.chain().head().root())
          && scrape(follower).valueOrZero(EdvtMetrics.BLOCK_IMPORT_SECONDS + "_count", Map.of("source", "gossip")) > 0;
    }, 45);
    long seconds = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    JsonNode syncing = json(followerApi, "/eth/v1/node/syncing").get("data");
    assertThat(syncing.get("is_syncing").asBoolean()).as(syncing.toString()).isFalse();
    assertThat(syncing.get("head_slot").asLong()).isGreaterThanOrEqualTo(headSlot + 3);
    for (long slot = anchorSlot; slot <= follower.chain().head().slot() - 1; slot++) {
      assertThat(get(followerApi, "/eth/v2/beacon/blocks/" + slot).statusCode()).as("follower's block at slot %d", slot)
          .isEqualTo(200);
    }
    PrometheusText metrics = scrape(follower);
    double gossip = metrics.valueOrZero(EdvtMetrics.BLOCK_IMPORT_SECONDS + "_count", Map.of("source", "gossip"));
    double rpc = metrics.valueOrZero(EdvtMetrics.BLOCK_IMPORT_SECONDS + "_count", Map.of("source", "rpc"));
    double accepted = metrics.valueOrZero(EdvtMetrics.GOSSIP_VALIDATION_TOTAL,
        Map.of("topic", "beacon_block", "result", "accept"));
    System.out.printf("checkpoint-synced node: anchor slot %d, followed the head within %d ms; imports timed: "
        + "%.0f gossip, %.0f rpc; gossip blocks accepted %.0f%n", anchorSlot, seconds, gossip, rpc, accepted);
    assertThat(gossip).as("blocks imported from gossip").isPositive();
    assertThat(accepted).as("beacon_block messages accepted").isGreaterThanOrEqualTo(gossip);
    // topics by name, without digest, subnet or encoding
    assertThat(metrics.labelValues(EdvtMetrics.GOSSIP_VALIDATION_TOTAL, "topic"))
        .allSatisfy(topic -> assertThat(topic).matches("[a-z_]+").doesNotEndWith("_"));
    assertThat(metrics.labelValues(EdvtMetrics.GOSSIP_VALIDATION_TOTAL, "result")).isSubsetOf("accept", "ignore", "reject");
  }

  private static String blockRoot(int port, long slot) throws Exception {
    return json(port, "/eth/v1/beacon/blocks/" + slot + "/root").get("data").get("root").asText();
  }

  private static PrometheusText scrape(BeaconNode node) throws Exception {
    var address = node.metricsAddress().orElseThrow();
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + "/metrics"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return PrometheusText.parse(r.body());
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(int port, String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(int port, String path) throws Exception {
    HttpResponse<String> r = get(port, path);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
