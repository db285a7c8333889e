package io.edvt.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.cli.Cli;
import io.edvt.node.config.GenesisStateReader;
import io.edvt.node.config.NetworkConfig;
import io.edvt.node.config.NetworkLoader;
import io.edvt.node.storage.Anchor;
import io.edvt.node.validator.keys.KeySource;
import io.edvt.node.validator.keys.LoadProgress;
import io.edvt.node.validator.keys.LoadedKey;
import io.edvt.node.validator.keys.ValidatorKeyLoader;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.MultiForkStateTransition;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import io.edvt.spec.edvt.datastructures.groups.Group;
import io.edvt.spec.edvt.datastructures.groups.GroupKeySet;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupRegistration;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.SpecConstants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes48;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code edvt genesis} read back the way the node reads it. */
class GenesisCommandTest {
  private static final long GENESIS_TIME = 1_800_000_000L;
  private static final long ETH = 1_000_000_000L;

  @TempDir Path tmp;

  private Cli.Result genesis(Path out, Object... extra) {
    List<Object> args = new ArrayList<>(List.of("genesis", "--out", out, "--genesis-time", GENESIS_TIME,
        "--kdf-iterations", 16));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray());
  }

  @Test
  void writesAnEdvtGenesisWithTheGroupsInForceAndKeystoresThatDecryptToItsKeys() throws Exception {
    Path out = tmp.resolve("net");
    Cli.Result r = genesis(out, "--validators", 24, "--nodes", 4, "--groups", 2, "--group-size", 4, "--threshold", 3,
        "--slot-ms", 1500);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).as("no warning for 3 of 4 on 4 nodes").isEmpty();

    // the config loads strictly through the node's --network, with no unknown key
    List<String> warnings = new ArrayList<>();
    Path configYaml = out.resolve("network-configs/config.yaml");
    Path genesisSsz = out.resolve("network-configs/genesis.ssz");
    NetworkConfig network = NetworkLoader.load(configYaml.toString(), Optional.of(genesisSsz), warnings::add);
    assertThat(warnings).isEmpty();
    assertThat(network.spec().slotDurationMs()).isEqualTo(1500);
    assertThat(network.spec().slotsPerEpoch()).as("minimal preset").isEqualTo(8);
    assertThat(SpecConfigEdvt.of(network.spec()).edvtForkEpoch()).isEqualTo(UInt64.ZERO);
    SpecVersions versions = new SpecVersions(network.spec());
    assertThat(versions.milestoneAtEpoch(UInt64.ZERO)).isEqualTo(SpecMilestone.EDVT);

    BeaconState state = GenesisStateReader.read(genesisSsz, network.spec());
    BeaconStateEdvt edvt = BeaconStateEdvt.toVersionEdvt(state).orElseThrow();
    assertThat(state.genesisTime().longValue()).isEqualTo(GENESIS_TIME);
    assertThat(state.validators().size()).isEqualTo(24);
    assertThat(Anchor.genesis(versions, state).block().slot()).as("the node's genesis anchor accepts it")
        .isEqualTo(UInt64.ZERO);

    Map<Bytes48, String> expected = new HashMap<>(); // every key a node must hold -> what it is
    for (int v = 2; v < 24; v++) {
      expected.put(state.validators().get(v).pubkey(), "validator " + v);
      assertThat(state.balances().get(v).longValue()).isEqualTo(32 * ETH);
    }
    assertThat(edvt.groups().size()).isEqualTo(2);
    for (int g = 0; g < 2; g++) {
      Group group = edvt.groups().get(g);
      assertThat(group.validatorIndex().intValue()).isEqualTo(g);
      assertThat(state.validators().get(g).withdrawalCredentials().get(0))
          .isEqualTo(SpecConstants.COMPOUNDING_WITHDRAWAL_PREFIX);
      assertThat(state.validators().get(g).effectiveBalance().longValue()).isEqualTo(4 * 32 * ETH);
      assertThat(group.keySets().size()).as("one key set, in force from genesis").isEqualTo(1);
      GroupKeySet keySet = group.keySets().get(0);
      assertThat(keySet.threshold().intValue()).isEqualTo(3);
      assertThat(keySet.activationEpoch()).isEqualTo(UInt64.ZERO);
      assertThat(keySet.pubkeys().size()).isEqualTo(4);
      for (int j = 0; j < 4; j++) {
        expected.put(keySet.pubkeys().get(j), "member " + j + " of group " + g);
      }
    }
    assertThat(edvt.currentEpochMemberParticipation().size()).isEqualTo(2 * 16);
    // the sync committee is seated from the key sets in force: only members sign for the groups
    for (UInt64 signer : edvt.currentSyncCommitteeSigners()) {
      long validator = VirtualIndex.validatorIndexOf(signer.longValue());
      if (validator >= 2) {
        assertThat(VirtualIndex.memberIndexOf(signer.longValue())).isZero();
      }
    }

    // every keystore decrypts, every key of the genesis is on exactly one node, a group's members on four nodes
    Map<Bytes48, Integer> nodeOf = new HashMap<>();
    for (int i = 0; i < 4; i++) {
      Path dir = out.resolve("validator-keys/node-" + i + "-keystores");
      List<LoadedKey> keys = ValidatorKeyLoader.load(
          List.of(KeySource.parse(dir.resolve("teku-keys") + ":" + dir.resolve("teku-secrets"))), 2, LoadProgress.NONE);
      for (LoadedKey k : keys) {
        Bytes48 pubkey = k.publicKey().toBytes();
        assertThat(expected).as("node-%d holds %s, a key of the genesis", i, pubkey).containsKey(pubkey);
        assertThat(nodeOf.put(pubkey, i)).as("%s on one node only", expected.get(pubkey)).isNull();
      }
    }
    assertThat(nodeOf.keySet()).isEqualTo(expected.keySet());
    for (int g = 0; g < 2; g++) {
      Set<Integer> nodes = new HashSet<>();
      for (Bytes48 member : edvt.groups().get(g).keySets().get(0).pubkeys()) {
        nodes.add(nodeOf.get(member));
      }
      assertThat(nodes).as("members of group %d on different nodes", g).hasSize(4);
    }
    assertThat(Files.readString(out.resolve("jwt/jwtsecret"))).matches("0x[0-9a-f]{64}");
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("devnet.json").toFile());
    assertThat(manifest.get("groups").get(1).get("members").get(0).get("node").asInt()).isEqualTo(1);
    assertThat(Files.list(out.resolve("validator-keys/group-owner-keystores/teku-keys")).count())
        .as("the group validators' own keys, on no node").isEqualTo(2);
  }

  @Test
  void withALaterForkTheGenesisIsFuluAndTheRegistrationsAreValidAtTheFork() throws Exception {
    Path out = tmp.resolve("later");
    Cli.Result r = genesis(out, "--validators", 16, "--nodes", 2, "--groups", 2, "--group-size", 2, "--threshold", 2,
        "--edvt-fork-epoch", 2);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("2 signed group registration(s)");
    NetworkConfig network = NetworkLoader.load(out.resolve("network-configs/config.yaml").toString(), Optional.empty(),
        w -> {});
    SpecVersions versions = new SpecVersions(network.spec());
    BeaconState state = GenesisStateReader.read(out.resolve("network-configs/genesis.ssz"), network.spec());
    assertThat(SpecVersions.milestoneOf(state)).isEqualTo(SpecMilestone.FULU);
    assertThat(state.balances().get(1).longValue()).isEqualTo(64 * ETH);

    // at the fork, each registration passes process_group_registration with its signatures checked
    BeaconState atFork = new MultiForkStateTransition(versions).processSlots(state, UInt64.valueOf(16));
    assertThat(SpecVersions.milestoneOf(atFork)).isEqualTo(SpecMilestone.EDVT);
    MutableBeaconState working = new MutableBeaconState(atFork);
    JsonNode list = new ObjectMapper().readTree(out.resolve("network-configs/group-registrations.json").toFile());
    assertThat(list).hasSize(2);
    for (JsonNode entry : list) {
      SignedGroupRegistration op = versions.edvt().schemas().signedGroupRegistration()
          .deserialize(Bytes.fromHexString(entry.get("ssz").asText()).toArrayUnsafe());
      assertThat(op.message().pubkeys().get(0).toHexString()).isEqualTo(entry.get("message").get("pubkeys").get(0).asText());
      versions.edvt().blockProcessor().processGroupRegistration(working, op, SignatureVerifier.SIMPLE);
    }
    BeaconStateEdvt after = BeaconStateEdvt.toVersionEdvt(working.commit()).orElseThrow();
    assertThat(after.groups().size()).isEqualTo(2);
    assertThat(after.groups().get(1).keySets().get(1).activationEpoch()).as("two sync committee periods later")
        .isEqualTo(UInt64.valueOf(16));
    // the own keys run on the nodes until then: validator 0's on node-0
    assertThat(Files.exists(out.resolve("validator-keys/node-0-keystores/teku-keys/"
        + BlsSecretKey.interop(0).publicKey().toBytes().toHexString() + ".json"))).isTrue();
  }

  @Test
  void memberNodesHoldMemberKeysOnlyAndThePlainValidatorsAreSplitOverTheOthers() throws Exception {
    Path out = tmp.resolve("members");
    Cli.Result r = genesis(out, "--validators", 24, "--nodes", 4, "--member-nodes", 2, "--groups", 2, "--group-size", 4,
        "--threshold", 3);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("devnet.json").toFile());
    assertThat(manifest.get("member_nodes").asInt()).isEqualTo(2);
    for (int i = 0; i < 4; i++) {
      List<String> roles = new ArrayList<>();
      manifest.get("nodes").get(i).get("keys").forEach(k -> roles.add(k.asText()));
      if (i < 2) {
        // validators 0-11 on node-0 (0 and 1 are the groups, on no node), 12-23 on node-1
        assertThat(roles).as("node-%d", i).filteredOn(k -> k.startsWith("validator")).hasSize(i == 0 ? 10 : 12);
      } else {
        assertThat(roles).as("node-%d: one member of each group, nothing else", i).hasSize(2)
            .allMatch(k -> k.startsWith("member"));
      }
    }
    assertThat(genesis(tmp.resolve("m1"), "--nodes", 2, "--member-nodes", 2).errLines()).containsExactly(
        "edvt genesis: --member-nodes 2: at least one of the 2 nodes must run the plain validators");
    assertThat(genesis(tmp.resolve("m2"), "--groups", 0, "--member-nodes", 1).errLines()).containsExactly(
        "edvt genesis: --member-nodes 1: without --groups there are no member keys to run");
    assertThat(genesis(tmp.resolve("m3"), "--member-nodes", -1).errLines()).containsExactly(
        "edvt genesis: --member-nodes -1: must be 0 or more");
  }

  @Test
  void badParametersAreOneLineEachAndNothingIsWritten() {
    Path out = tmp.resolve("bad");
    Cli.Result r = genesis(out, "--validators", 8, "--groups", 9, "--group-size", 17, "--threshold", 18);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly(
        "edvt genesis: --groups 9: more groups than validators (8); each group is one validator with its member keys",
        "edvt genesis: --group-size 17: more members than MAX_GROUP_SIZE (16)",
        "edvt genesis: --threshold 18: more than --group-size 17 (need 1 <= m <= n)");
    assertThat(out).doesNotExist();
  }

  @Test
  void eachRuleHasItsOwnLine() {
    assertThat(genesis(tmp.resolve("a"), "--group-size", 4, "--threshold", 5).errLines())
        .containsExactly("edvt genesis: --threshold 5: more than --group-size 4 (need 1 <= m <= n)");
    assertThat(genesis(tmp.resolve("b"), "--group-size", 17).errLines()).first().asString()
        .isEqualTo("edvt genesis: --group-size 17: more members than MAX_GROUP_SIZE (16)");
    assertThat(genesis(tmp.resolve("c"), "--group-balance", 96).errLines()).containsExactly(
        "edvt genesis: --group-balance 96: too little balance for 4 members, a group needs at least 4 x 32 = 128 ETH"
            + " (MIN_ACTIVATION_BALANCE per member)");
    assertThat(genesis(tmp.resolve("d"), "--validators", 4, "--groups", 5).errLines()).containsExactly(
        "edvt genesis: --groups 5: more groups than validators (4); each group is one validator with its member keys");
    assertThat(genesis(tmp.resolve("e"), "--nodes", 65).errLines()).containsExactly(
        "edvt genesis: --nodes 65: more nodes than validators (64); every node runs at least one");
    assertThat(genesis(tmp.resolve("f"), "--slot-ms", 10).errLines())
        .containsExactly("edvt genesis: --slot-ms 10: at least 500 ms");
    assertThat(genesis(tmp.resolve("g"), "--validators", "many").errLines()).singleElement().asString()
        .startsWith("edvt genesis: Invalid value for option '--validators': 'many' is not an int");
    Cli.Result warned = genesis(tmp.resolve("h"), "--validators", 8, "--nodes", 2, "--group-size", 4, "--threshold", 2);
    assertThat(warned.exitCode()).isZero();
    assertThat(warned.errLines()).containsExactly(
        "edvt genesis: warning: threshold 2 of 4: 2m <= n, two disjoint sets of members could each sign"
            + " (validator.md, \"Choosing the threshold\")",
        "edvt genesis: warning: 4 members per group on 2 nodes: some members of a group share a node");
    assertThat(genesis(tmp.resolve("h"), "--validators", 8, "--nodes", 2).errLines()).last().isEqualTo(
        "edvt genesis: --out " + tmp.resolve("h") + ": already holds a devnet (network-configs/ or validator-keys/);"
            + " remove it or choose another folder");
  }

  @Test
  void helpSaysTheKeystoresAreDeliberatelyWeak() {
    Cli.Result r = Cli.run("genesis", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("--kdf-iterations", "deliberately low", "--edvt-fork-epoch", "--group-balance");
  }
}
