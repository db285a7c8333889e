package io.edvt.node.wiring;

import static io.edvt.node.wiring.GroupTestSupport.JSON;
import static io.edvt.node.wiring.GroupTestSupport.get;
import static io.edvt.node.wiring.GroupTestSupport.headSlot;
import static io.edvt.node.wiring.GroupTestSupport.json;
import static io.edvt.node.wiring.GroupTestSupport.parse;
import static io.edvt.node.wiring.GroupTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.node.cli.Cli;
import io.edvt.node.devnet.genesis.DevnetGenesisWriter;
import io.edvt.node.devnet.genesis.DevnetKeys;
import io.edvt.node.devnet.genesis.DevnetParameters;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EDVT's group operations from a running node, through the commands an operator types: one beacon
 * node (embedded engine, minimal preset, 1-second slots, p2p off) holding every validator key and
 * every member key of the devnet that {@code edvt genesis} writes.
 *
 * <ul>
 *   <li>{@code edvt group register}, EDVT from epoch 1 and the group validator funded but with no
 *       group: the registration signed from keystores goes through the pool endpoint into a block,
 *       and the head state then holds the group with the members' keys and threshold.
 *   <li>{@code edvt group exit}, EDVT at genesis with the group in force: one member's signature
 *       from its keystore goes to the node, which co-signs with the held member keys
 *       ({@code --validators-group-exits-cosign}), assembles the exit at {@code m} and includes
 *       it; the validator is then exiting. Every member key is on the one node here, so the member
 *       signatures meet inside it rather than over gossip.
 * </ul>
 */
class GroupOperationsTest {
  private static final int VALIDATORS = 32;
  private static final int MEMBERS = 4;
  private static final int THRESHOLD = 3;
  private static final long GWEI_PER_ETH = 1_000_000_000L;

  @TempDir Path tmp;
  private final List<BeaconNode> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    nodes.forEach(BeaconNode::close);
  }

  @Test
  void aRegistrationSignedByTheCommandIsIncludedAndTheStateHoldsTheGroup() throws Exception {
    DevnetGenesisWriter.Written net = devnet(1, "");
    int api = startNode(net, false);
    DevnetKeys keys = new DevnetKeys(parameters(1));
    Deadline.await("the head in EDVT (epoch 1)", () -> headSlot(api) >= 8, 40);

    // a malformed registration is a 400 that names the field
    HttpResponse<String> bad = post(api, "/edvt/v1/beacon/pool/group_registrations",
        "{\"message\":{\"validator_index\":\"0\",\"pubkeys\":[],\"proofs_of_possession\":[]},\"signature\":\"0x00\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("threshold");

    Path own = keystoreFolder(net, "own", List.of(keys.validatorKey(0).publicKey().toBytes().toHexString()));
    List<String> memberPubkeys = new ArrayList<>();
    for (int j = 0; j < MEMBERS; j++) {
      memberPubkeys.add(keys.memberKey(0, j).publicKey().toBytes().toHexString());
    }
    Path members = keystoreFolder(net, "members", memberPubkeys);
    Cli.Result r = Cli.run("group", "register", "--beacon-node-api-endpoint=http://127.0.0.1:" + api,
        "--validator-keys=" + own.resolve("keys") + ":" + own.resolve("secrets"),
        "--member-keys=" + members.resolve("keys") + ":" + members.resolve("secrets"), "--threshold=" + THRESHOLD);
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode printed = JSON.readTree(r.out());
    assertThat(printed.get("message").get("validator_index").asText()).isEqualTo("0");
    assertThat(printed.get("message").get("pubkeys")).hasSize(MEMBERS);

    Deadline.await("the group of validator 0 in the head state", () -> get(api, "/edvt/v1/beacon/states/head/groups/0")
        .statusCode() == 200, 30);
    JsonNode group = json(api, "/edvt/v1/beacon/states/head/groups/0").get("data");
    JsonNode keySets = group.get("key_sets");
    JsonNode registered = keySets.get(keySets.size() - 1);
    assertThat(registered.get("threshold").asText()).isEqualTo(Integer.toString(THRESHOLD));
    List<String> stored = new ArrayList<>();
    registered.get("pubkeys").forEach(k -> stored.add(k.asText()));
    assertThat(stored).containsExactlyElementsOf(memberPubkeys);
    assertThat(registered.get("activation_epoch").asLong()).isGreaterThan(headSlot(api) / 8);

    // the same registration again is refused with the spec's reason: the validator has a group now
    Cli.Result again = Cli.run("group", "register", "--beacon-node-api-endpoint=http://127.0.0.1:" + api,
        "--validator-keys=" + own.resolve("keys") + ":" + own.resolve("secrets"),
        "--member-keys=" + members.resolve("keys") + ":" + members.resolve("secrets"), "--threshold=" + THRESHOLD);
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("refused");
  }

  @Test
  void anExitStartedByOneMemberIsCoSignedAssembledAndIncluded() throws Exception {
    // exits need SHARD_COMMITTEE_PERIOD epochs of activity (64 in minimal): the devnet shortens it
    DevnetGenesisWriter.Written net = devnet(0, "SHARD_COMMITTEE_PERIOD: 0");
    int api = startNode(net, true);
    DevnetKeys keys = new DevnetKeys(parameters(0));
    Deadline.await("the first block", () -> headSlot(api) >= 1, 40);
    assertThat(json(api, "/eth/v1/beacon/states/head/validators/0").get("data").get("status").asText()).isEqualTo("active_ongoing");

    Path member0 = keystoreFolder(net, "member-0", List.of(keys.memberKey(0, 0).publicKey().toBytes().toHexString()));
    Cli.Result r = Cli.run("group", "exit", "--beacon-node-api-endpoint=http://127.0.0.1:" + api, "--validator=0",
        "--member-keys=" + member0.resolve("keys") + ":" + member0.resolve("secrets"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(JSON.readTree(r.out()).get("member_index").asText()).isEqualTo("0");

    Deadline.await("validator 0 exiting in the head state", () -> !json(api, "/eth/v1/beacon/states/head/validators/0")
        .get("data").get("validator").get("exit_epoch").asText().equals("18446744073709551615"), 30);
    // the included exit carries the signatures of the m or more members that signed
    JsonNode held = json(api, "/edvt/v1/beacon/pool/group_exit_signatures").get("data");
    assertThat(held.size()).isGreaterThanOrEqualTo(THRESHOLD);
    assertThat(json(api, "/eth/v1/beacon/states/head/validators/0").get("data").get("status").asText())
        .isEqualTo("active_exiting");
  }

  private static DevnetParameters parameters(long edvtForkEpoch) {
    return new DevnetParameters(VALIDATORS, 1, 1, MEMBERS, THRESHOLD, MEMBERS * 32 * GWEI_PER_ETH, 1000, edvtForkEpoch,
        GENESIS_TIME.get(), 16);
  }

  private static final AtomicReference<Long> GENESIS_TIME = new AtomicReference<>(0L);

  private DevnetGenesisWriter.Written devnet(long edvtForkEpoch, String configLine) throws Exception {
    GENESIS_TIME.set(System.currentTimeMillis() / 1000 + 6);
    DevnetGenesisWriter.Written net = DevnetGenesisWriter.write(tmp.resolve("net"), parameters(edvtForkEpoch));
    if (!configLine.isEmpty()) {
      String key = configLine.substring(0, configLine.indexOf(':'));
      Files.writeString(net.configYaml(), Files.readString(net.configYaml()).replaceFirst("(?m)^" + key + ": .*$", configLine));
    }
    return net;
  }

  private int startNode(DevnetGenesisWriter.Written net, boolean cosign) {
    List<String> args = new ArrayList<>(List.of("beacon-node", "--network=" + net.configYaml(),
        "--genesis-state=" + net.genesisSsz(), "--data-path=" + tmp.resolve("data"), "--rest-api-enabled=true",
        "--rest-api-port=0", "--rest-api-host-allowlist=*", "--p2p-enabled=false",
        "--validator-keys=" + net.keys(0) + ":" + net.secrets(0)));
    if (cosign) {
      args.add("--validators-group-exits-cosign");
    }
    BeaconNode node = BeaconNode.start(parse(args.toArray(String[]::new)), InstantSource.system());
    nodes.add(node);
    return node.apiPort().orElseThrow();
  }

  /** A folder pair holding copies of the node-0 keystores of {@code pubkeys}, named so that file order is list order. */
  private Path keystoreFolder(DevnetGenesisWriter.Written net, String name, List<String> pubkeys) throws Exception {
    return GroupTestSupport.keystoreFolder(net.keys(0), net.secrets(0), tmp.resolve(name), pubkeys);
  }
}
