package io.edvt.node.wiring;

import static io.edvt.node.wiring.GroupTestSupport.FAR_FUTURE_EPOCH;
import static io.edvt.node.wiring.GroupTestSupport.JSON;
import static io.edvt.node.wiring.GroupTestSupport.get;
import static io.edvt.node.wiring.GroupTestSupport.headSlot;
import static io.edvt.node.wiring.GroupTestSupport.json;
import static io.edvt.node.wiring.GroupTestSupport.parse;
import static io.edvt.node.wiring.GroupTestSupport.post;
import static io.edvt.node.wiring.GroupTestSupport.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.discovery.Enrs;
import io.edvt.node.api.ApiJson;
import io.edvt.node.cli.Cli;
import io.edvt.node.config.GenesisStateReader;
import io.edvt.node.config.NetworkConfig;
import io.edvt.node.config.NetworkLoader;
import io.edvt.node.devnet.genesis.DevnetGenesisWriter;
import io.edvt.node.devnet.genesis.DevnetKeys;
import io.edvt.node.devnet.genesis.DevnetParameters;
import io.edvt.node.validator.group.GroupOperationSigning;
import io.edvt.node.validator.keys.Keystore;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import io.edvt.spec.datastructures.operations.VoluntaryExit;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.datastructures.operations.SignedVoluntaryExitEdvt;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EDVT's group operations between separate nodes, with no private channel: three beacon nodes in
 * this JVM (embedded engines, minimal preset, 1-second slots, EDVT at genesis), each with its own
 * storage and real libp2p gossip on loopback, B and C bootstrapped from A's ENR. A and B run the
 * two halves of the devnet's keys: of each group's 4 members (threshold 3) each holds 2, so no
 * node can sign for a group alone. C runs one key that is nobody's yet.
 *
 * <ul>
 *   <li>{@code edvt group exit} against A with one member key: A co-signs with its other member,
 *       the signatures cross to B on {@code group_exit_signature}, B adds its two and assembles the
 *       exit at {@code m}; the validator is then exiting on both nodes.
 *   <li>{@code edvt group change-key} against B, replacing a member's key with a new one (proof of
 *       possession from its keystore): the same path on {@code group_key_change_signature}, the
 *       {@code SignedGroupKeyChange} on {@code group_key_change}; both nodes' head states then hold
 *       the pending key set with the new key, taking effect at the period boundary the spec names.
 *   <li>{@code edvt group register} against C (which proposes nothing) for a plain validator of B
 *       with C's key as its one member: the registration reaches A's pool on
 *       {@code group_registration} and a block, and C, which held no member key at start, joins
 *       the member topics without a restart (its ENR then says {@code gmember}).
 * </ul>
 */
class GroupOperationsNetworkTest {
  private static final int VALIDATORS = 32;
  private static final int GROUPS = 2;
  /** A plain validator whose own key node B runs: its exit is submitted to C. */
  private static final int PLAIN_EXITING_VALIDATOR = 20;
  private static final int MEMBERS = 4;
  private static final int THRESHOLD = 3;
  private static final long GWEI_PER_ETH = 1_000_000_000L;
  private static final int EXITING_GROUP = 0;
  private static final int CHANGING_GROUP = 1;
  private static final int REPLACED_MEMBER = 3;
  /** A plain validator whose own key node B runs (validators 16 to 31): it registers a group of C's key. */
  private static final int REGISTERING_VALIDATOR = 31;
  private static final long SLOTS_PER_EPOCH = 8;
  private static final long EPOCHS_PER_SYNC_COMMITTEE_PERIOD = 8;

  @TempDir Path tmp;
  private final List<BeaconNode> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    nodes.forEach(BeaconNode::close);
  }

  @Test
  void exitsKeyChangesAndRegistrationsCompleteThroughGossipBetweenNodes() throws Exception {
    long genesisTime = System.currentTimeMillis() / 1000 + 8;
    DevnetParameters parameters = new DevnetParameters(VALIDATORS, 2, GROUPS, MEMBERS, THRESHOLD,
        MEMBERS * 32 * GWEI_PER_ETH, 1000, 0, genesisTime, 16);
    DevnetGenesisWriter.Written net = DevnetGenesisWriter.write(tmp.resolve("net"), parameters);
    // exits need SHARD_COMMITTEE_PERIOD epochs of activity (64 in minimal): the devnet shortens it
    Files.writeString(net.configYaml(), Files.readString(net.configYaml())
        .replaceFirst("(?m)^SHARD_COMMITTEE_PERIOD: .*$", "SHARD_COMMITTEE_PERIOD: 0"));
    DevnetKeys keys = new DevnetKeys(parameters);
    for (int g = 0; g < GROUPS; g++) {
      // the premise: neither node holds m members of any group
      assertThat(heldMembers(net, 0, keys, g)).hasSizeLessThan(THRESHOLD);
      assertThat(heldMembers(net, 1, keys, g)).hasSizeLessThan(THRESHOLD);
      assertThat(heldMembers(net, 0, keys, g).size() + heldMembers(net, 1, keys, g).size()).isEqualTo(MEMBERS);
    }
    BlsSecretKey replacement = BlsSecretKey.interop(VALIDATORS + 200);
    BlsSecretKey cKey = BlsSecretKey.interop(VALIDATORS + 201);
    Path replacementStore = keystore(tmp.resolve("replacement"), replacement);
    Path cStore = keystore(tmp.resolve("c-keys"), cKey);

    int a = startNode(net, "a", net.keys(0) + ":" + net.secrets(0), List.of());
    String enrA = json(a, "/eth/v1/node/identity").get("data").get("enr").asText();
    int b = startNode(net, "b", net.keys(1) + ":" + net.secrets(1), List.of("--p2p-discovery-bootnodes=" + enrA));
    int c = startNode(net, "c", source(cStore), List.of("--p2p-discovery-bootnodes=" + enrA));
    Deadline.await("A peered with B and C", () -> json(a, "/eth/v1/node/peer_count").get("data").get("connected")
        .asInt() >= 2, 40);
    Deadline.await("the first block on A and C", () -> headSlot(a) >= 1 && headSlot(c) >= 1, 40);
    assertThat(groupMember(a)).as("A holds member keys: on the member topics from the start").isTrue();
    assertThat(groupMember(b)).as("B holds member keys: on the member topics from the start").isTrue();
    assertThat(groupMember(c)).as("C holds no member key yet").isFalse();

    // the exit: started on A with one member key; A adds its other member, B its two
    int exitingValidator = keys.groupValidator(EXITING_GROUP);
    String exitSigner = pubkey(keys.memberKey(EXITING_GROUP, 0));
    assertThat(heldMembers(net, 0, keys, EXITING_GROUP)).contains(exitSigner);
    Cli.Result exit = Cli.run("group", "exit", "--beacon-node-api-endpoint=http://127.0.0.1:" + a,
        "--validator=" + exitingValidator, "--member-keys=" + source(copy(net, 0, "exit-signer", exitSigner)));
    assertThat(exit.exitCode()).as(exit.err()).isZero();

    // the key change: started on B with one member key, replacing a member's key (A runs that member)
    int changingValidator = keys.groupValidator(CHANGING_GROUP);
    String changeSigner = pubkey(keys.memberKey(CHANGING_GROUP, 0));
    assertThat(heldMembers(net, 1, keys, CHANGING_GROUP)).contains(changeSigner);
    Cli.Result change = Cli.run("group", "change-key", "--beacon-node-api-endpoint=http://127.0.0.1:" + b,
        "--validator=" + changingValidator, "--member-keys=" + source(copy(net, 1, "change-signer", changeSigner)),
        "--replace-member=" + REPLACED_MEMBER, "--new-key=" + source(replacementStore));
    assertThat(change.exitCode()).as(change.err()).isZero();
    JsonNode changeMessage = JSON.readTree(change.out()).get("message");
    assertThat(changeMessage.get("new_pubkey").asText()).isEqualTo(pubkey(replacement));
    assertThat(changeMessage.get("new_threshold").asText()).isEqualTo(Integer.toString(THRESHOLD));

    // the registration: submitted to C, which proposes no block, for a plain validator whose key B runs
    assertThat(keys.nodeOfValidator(REGISTERING_VALIDATOR)).isEqualTo(1);
    Cli.Result register = Cli.run("group", "register", "--beacon-node-api-endpoint=http://127.0.0.1:" + c,
        "--validator-keys=" + source(copy(net, 1, "registering", pubkey(keys.validatorKey(REGISTERING_VALIDATOR)))),
        "--member-keys=" + source(cStore), "--threshold=1");
    assertThat(register.exitCode()).as(register.err()).isZero();

    // a plain validator's voluntary exit through the standard pool endpoint of C, which proposes no
    // block: it can reach the chain only by C publishing it on voluntary_exit
    int plainExiting = PLAIN_EXITING_VALIDATOR;
    HttpResponse<String> submitted = post(c, "/eth/v1/beacon/pool/voluntary_exits", plainExit(net, plainExiting));
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);

    // the exit reached m through the topic and is in force on both nodes
    for (int node : List.of(a, b)) {
      Deadline.await("validator " + exitingValidator + " exiting on node port " + node, () -> !json(node,
          "/eth/v1/beacon/states/head/validators/" + exitingValidator).get("data").get("validator").get("exit_epoch")
          .asText().equals(FAR_FUTURE_EPOCH), 40);
      assertThat(json(node, "/eth/v1/beacon/states/head/validators/" + exitingValidator).get("data").get("status").asText())
          .isEqualTo("active_exiting");
    }
    // A saw signatures of members only B runs (and B of A's): they crossed the network
    assertThat(signers(a, "group_exit_signatures", exitingValidator))
        .containsAnyElementsOf(memberIndices(net, 1, keys, EXITING_GROUP));
    assertThat(signers(b, "group_exit_signatures", exitingValidator))
        .containsAnyElementsOf(memberIndices(net, 0, keys, EXITING_GROUP));

    Deadline.await("plain validator " + plainExiting + " exiting on A", () -> !json(a,
        "/eth/v1/beacon/states/head/validators/" + plainExiting).get("data").get("validator").get("exit_epoch").asText()
        .equals(FAR_FUTURE_EPOCH), 40);

    // the key change reached m the same way: both head states hold the new key set, pending until its period
    for (int node : List.of(a, b)) {
      Deadline.await("validator " + changingValidator + "'s new key set on node port " + node,
          () -> json(node, "/edvt/v1/beacon/states/head/groups/" + changingValidator).get("data").get("key_sets").size() == 2, 40);
      JsonNode sets = json(node, "/edvt/v1/beacon/states/head/groups/" + changingValidator).get("data").get("key_sets");
      List<String> expected = new ArrayList<>();
      sets.get(0).get("pubkeys").forEach(k -> expected.add(k.asText()));
      expected.set(REPLACED_MEMBER, pubkey(replacement));
      List<String> pending = new ArrayList<>();
      sets.get(1).get("pubkeys").forEach(k -> pending.add(k.asText()));
      assertThat(pending).containsExactlyElementsOf(expected);
      assertThat(sets.get(1).get("threshold").asText()).isEqualTo(Integer.toString(THRESHOLD));
      // compute_key_set_activation_epoch: the first epoch of the period after the next one
      long activation = sets.get(1).get("activation_epoch").asLong();
      assertThat(activation % EPOCHS_PER_SYNC_COMMITTEE_PERIOD).isZero();
      assertThat(activation).isGreaterThanOrEqualTo(2 * EPOCHS_PER_SYNC_COMMITTEE_PERIOD)
          .isGreaterThan(headSlot(node) / SLOTS_PER_EPOCH + EPOCHS_PER_SYNC_COMMITTEE_PERIOD);
    }
    assertThat(signers(a, "group_key_change_signatures", changingValidator))
        .containsAnyElementsOf(memberIndices(net, 1, keys, CHANGING_GROUP));
    assertThat(signers(b, "group_key_change_signatures", changingValidator))
        .containsAnyElementsOf(memberIndices(net, 0, keys, CHANGING_GROUP));

    // the registration went out on group_registration: A has it in its pool, and a block included it
    Deadline.await("the registration in A's pool", () -> containsRegistration(
        json(a, "/edvt/v1/beacon/pool/group_registrations").get("data")), 30);
    Deadline.await("validator " + REGISTERING_VALIDATOR + "'s group in A's head state",
        () -> get(a, "/edvt/v1/beacon/states/head/groups/" + REGISTERING_VALIDATOR).statusCode() == 200, 30);
    JsonNode registered = json(a, "/edvt/v1/beacon/states/head/groups/" + REGISTERING_VALIDATOR).get("data").get("key_sets");
    assertThat(registered.get(registered.size() - 1).get("pubkeys").get(0).asText()).isEqualTo(pubkey(cKey));
    // and C, whose key is now a member, joined the member topics while running
    Deadline.await("C advertising gmember", () -> groupMember(c), 30);
  }

  /**
   * The JSON of validator {@code validator}'s voluntary exit at epoch 0, signed with its interop key
   * (EDVT: a plain validator names itself as member 0 in {@code signer_bits}).
   */
  private static String plainExit(DevnetGenesisWriter.Written net, int validator) {
    NetworkConfig network = NetworkLoader.load(net.configYaml().toString(), Optional.of(net.genesisSsz()), w -> { });
    SpecVersions versions = new SpecVersions(network.spec());
    Bytes32 gvr = GenesisStateReader.read(net.genesisSsz(), network.spec()).genesisValidatorsRoot();
    VoluntaryExit exit = VoluntaryExit.create(UInt64.ZERO, UInt64.valueOf(validator));
    Bytes32 root = new GroupOperationSigning(versions.edvt(), gvr).exitSigningRoot(exit);
    SignedVoluntaryExit signed = SignedVoluntaryExitEdvt.create(versions.edvt().schemas().signedVoluntaryExit(), exit,
        Bls.sign(BlsSecretKey.interop(validator), root).toBytes(), SszBits.withSet(versions.edvt().edvtConfig().maxGroupSize(), 0));
    return ApiJson.of(signed).toString();
  }

  private boolean containsRegistration(JsonNode pool) {
    for (JsonNode r : pool) {
      if (r.get("message").get("validator_index").asInt() == REGISTERING_VALIDATOR) {
        return true;
      }
    }
    return false;
  }

  /** The member indices of {@code validator}'s signatures in a node's {@code /edvt/v1/beacon/pool/<pool>}. */
  private static Set<Integer> signers(int api, String pool, int validator) throws Exception {
    Set<Integer> out = new HashSet<>();
    for (JsonNode s : json(api, "/edvt/v1/beacon/pool/" + pool).get("data")) {
      if (s.get("message").get("validator_index").asInt() == validator) {
        out.add(s.get("member_index").asInt());
      }
    }
    return out;
  }

  /** Whether the node's ENR ({@code /eth/v1/node/identity}) carries EDVT's {@code gmember}. */
  private static boolean groupMember(int api) throws Exception {
    return Enrs.toPeer(Enrs.decode(json(api, "/eth/v1/node/identity").get("data").get("enr").asText())).groupMember();
  }

  /** The member keys (hex) of {@code group} among devnet node {@code node}'s keystores. */
  private static Set<String> heldMembers(DevnetGenesisWriter.Written net, int node, DevnetKeys keys, int group)
      throws IOException {
    Set<String> held = new HashSet<>();
    try (Stream<Path> files = Files.list(net.keys(node))) {
      files.forEach(f -> held.add(f.getFileName().toString().replace(".json", "")));
    }
    Set<String> out = new HashSet<>();
    for (int j = 0; j < MEMBERS; j++) {
      String key = pubkey(keys.memberKey(group, j));
      if (held.contains(key)) {
        out.add(key);
      }
    }
    return out;
  }

  private static Set<Integer> memberIndices(DevnetGenesisWriter.Written net, int node, DevnetKeys keys, int group)
      throws IOException {
    Set<String> held = heldMembers(net, node, keys, group);
    Set<Integer> out = new HashSet<>();
    for (int j = 0; j < MEMBERS; j++) {
      if (held.contains(pubkey(keys.memberKey(group, j)))) {
        out.add(j);
      }
    }
    return out;
  }

  private Path copy(DevnetGenesisWriter.Written net, int node, String name, String pubkey) throws Exception {
    return GroupTestSupport.keystoreFolder(net.keys(node), net.secrets(node), tmp.resolve(name), List.of(pubkey));
  }

  /** A folder pair holding one keystore of {@code key}. */
  private static Path keystore(Path dir, BlsSecretKey key) throws IOException {
    Files.createDirectories(dir.resolve("keys"));
    Files.createDirectories(dir.resolve("secrets"));
    Path file = dir.resolve("keys").resolve("00.json");
    Files.writeString(file, Keystore.encrypt(file, key, "password", Keystore.pbkdf2(16), "").toJson());
    Files.writeString(dir.resolve("secrets").resolve("00.txt"), "password");
    return dir;
  }

  private static String pubkey(BlsSecretKey key) {
    return key.publicKey().toBytes().toHexString();
  }

  private int startNode(DevnetGenesisWriter.Written net, String name, String validatorKeys, List<String> extra)
      throws IOException {
    List<String> args = new ArrayList<>(List.of("beacon-node", "--network=" + net.configYaml(),
        "--genesis-state=" + net.genesisSsz(), "--data-path=" + tmp.resolve(name),
        "--rest-api-enabled=true", "--rest-api-port=0", "--rest-api-host-allowlist=*",
        "--p2p-enabled=true", "--p2p-interface=127.0.0.1", "--p2p-port=" + freePort(), "--p2p-advertised-ip=127.0.0.1",
        "--p2p-discovery-site-local-addresses-enabled=true", "--p2p-peer-lower-bound=1", "--p2p-peer-upper-bound=8",
        "--validator-keys=" + validatorKeys, "--validators-group-exits-cosign", "--validators-group-key-changes-cosign"));
    args.addAll(extra);
    BeaconNode node = BeaconNode.start(parse(args.toArray(String[]::new)), InstantSource.system());
    nodes.add(node);
    return node.apiPort().orElseThrow();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
