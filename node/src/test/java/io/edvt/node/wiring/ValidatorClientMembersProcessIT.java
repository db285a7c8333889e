package io.edvt.node.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.node.devnet.genesis.DevnetGenesis;
import io.edvt.node.devnet.genesis.DevnetGenesisWriter;
import io.edvt.node.devnet.genesis.DevnetKeys;
import io.edvt.node.devnet.genesis.DevnetParameters;
import io.edvt.node.validator.slashing.SlashingProtection;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group members' duties through {@code edvt validator-client}: an EDVT genesis from the devnet
 * genesis writer (minimal preset, 64 validators, two groups of 4 members with threshold 3, in
 * force from genesis; 2-second slots), a beacon node holding the 62 plain validators' keys
 * in-process, and a validator client holding only the 8 member keys, configured with nothing but
 * the keys. Only the client can sign for the groups, so the state's member participation proves
 * that it found its keys' roles from the state and performed their duties by virtual index: every
 * member of both groups earns the target flag in epoch 1 and each group's validator is credited
 * (threshold reached). The client's epoch summary shows its 8 single attestations and at least
 * one aggregate taken by the node (in the minimal preset every member of a committee this small
 * aggregates), and the member keys' sync committee seats (the genesis seats some) are signed in
 * the blocks' sync aggregates.
 */
class ValidatorClientMembersProcessIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WITHIN = Duration.ofSeconds(120);
  private static final int VALIDATORS = 64;
  private static final int GROUPS = 2;
  private static final int MEMBERS = 4;
  private static final int THRESHOLD = 3;

  @TempDir
  Path tmp;

  @Test
  void memberKeysHeldOnlyByTheValidatorClientSignForTheirGroups() throws Exception {
    long begun = System.nanoTime();
    long genesisTime = System.currentTimeMillis() / 1000 + 20;
    DevnetParameters params = new DevnetParameters(VALIDATORS, 1, GROUPS, MEMBERS, THRESHOLD, 32_000_000_000L * MEMBERS, 2000, 0,
        genesisTime, DevnetParameters.DEVNET_KDF_ITERATIONS);
    DevnetGenesisWriter.Written files = DevnetGenesisWriter.write(tmp.resolve("net"), params);
    // the writer's keystores put members and plain validators on the same node; this test splits them
    DevnetKeys keys = new DevnetKeys(params);
    List<BlsSecretKey> plain = new ArrayList<>();
    for (int v = 0; v < VALIDATORS; v++) {
      if (!keys.isGroupValidator(v)) {
        plain.add(keys.validatorKey(v));
      }
    }
    List<BlsSecretKey> members = new ArrayList<>();
    Set<Bytes48> memberKeys = new TreeSet<>();
    for (int g = 0; g < GROUPS; g++) {
      for (int j = 0; j < MEMBERS; j++) {
        members.add(keys.memberKey(g, j));
        memberKeys.add(keys.memberKey(g, j).publicKey().toBytes());
      }
    }
    // the member keys' seats in the genesis sync committee (the committee of epochs 0 to 7 in the minimal preset)
    BeaconState genesis = new DevnetGenesis(new SpecVersions(EdvtConfig.load(files.configYaml())), params).state();
    List<Integer> memberSeats = new ArrayList<>();
    var seated = genesis.currentSyncCommittee().pubkeys();
    for (int i = 0; i < seated.size(); i++) {
      if (memberKeys.contains(seated.get(i))) {
        memberSeats.add(i);
      }
    }
    assertThat(memberSeats).as("member keys seated in the genesis sync committee (this genesis seats some)").isNotEmpty();
    try (NodeProcesses processes = new NodeProcesses(tmp)) {
      int restPort = NodeProcesses.freePort();
      NodeProcesses.Node bn = processes.start("bn", restPort, List.of("--network=" + files.configYaml(),
          "--genesis-state=" + files.genesisSsz(), "--data-path=" + tmp.resolve("bn"), "--p2p-enabled=false",
          "--rest-api-enabled=true", "--rest-api-interface=127.0.0.1", "--rest-api-port=" + restPort,
          "--rest-api-host-allowlist=*", "--metrics-enabled=false", "--log-destination=CONSOLE",
          "--validator-keys=" + ValidatorDevnet.keystores(tmp.resolve("bn-keys"), plain)));
      NodeProcesses.Node vc = processes.start("vc", 0, "validator-client", List.of("--network=" + files.configYaml(),
          "--beacon-node-api-endpoint=http://127.0.0.1:" + restPort, "--data-path=" + tmp.resolve("vc"),
          "--validator-keys=" + ValidatorDevnet.keystores(tmp.resolve("vc-keys"), members), "--metrics-enabled=false",
          "--log-destination=CONSOLE"));

      JsonNode participation = processes.await(bn, "/edvt/v1/beacon/states/head/participation", j -> {
        if (!vc.process.isAlive()) {
          throw new AssertionError("the validator client exited with " + vc.process.exitValue());
        }
        JsonNode previous = j.get("data").get("previous_epoch");
        return previous.get("epoch").asLong() >= 1 && allMembersAttested(previous);
      }, WITHIN);
      long seconds = Duration.ofNanos(System.nanoTime() - begun).toSeconds();
      JsonNode epoch = participation.get("data").get("previous_epoch");
      assertThat(epoch.get("groups")).hasSize(GROUPS);
      for (JsonNode group : epoch.get("groups")) {
        assertThat(group.get("threshold").asInt()).isEqualTo(THRESHOLD);
        assertThat(group.get("members_with_flag").get("timely_target").asInt()).as("group %s", group.get("validator_index"))
            .isEqualTo(MEMBERS);
        assertThat(group.get("credited").get("timely_target").asBoolean()).isTrue();
      }

      String vcLog = Files.readString(vc.log);
      assertThat(vcLog).contains("0 of 8 keys are validators in the head state");
      for (Bytes48 key : memberKeys) {
        assertThat(vcLog).as("the client found member key %s from the state", key).containsPattern(
            "Member key " + key.toHexString() + " signs for validator \\d+ as member \\d \\(virtual index \\d+\\)");
      }
      Matcher work = Pattern.compile("Epoch 1 attestations: (\\d+) single attestations and (\\d+) aggregates taken").matcher(vcLog);
      assertThat(work.find()).as("the client's summary of epoch 1's attestations").isTrue();
      assertThat(Integer.parseInt(work.group(1))).as("one single attestation per member key").isEqualTo(GROUPS * MEMBERS);
      assertThat(Integer.parseInt(work.group(2))).as("aggregates by member keys").isPositive();
      // the blocks of slots 9-16 carry the sync committee messages of slots 8-15: the member seats signed in at least one
      List<Integer> memberSeatsSigned = new ArrayList<>();
      for (int slot = 9; slot <= 16; slot++) {
        var r = NodeProcesses.get(bn, "/eth/v2/beacon/blocks/" + slot);
        if (r.statusCode() == 200) {
          Bytes bits = Bytes.fromHexString(JSON.readTree(r.body()).get("data").get("message").get("body").get("sync_aggregate")
              .get("sync_committee_bits").asText());
          memberSeatsSigned.add((int) memberSeats.stream().filter(i -> (bits.get(i / 8) >> (i % 8) & 1) != 0).count());
        }
      }
      assertThat(memberSeatsSigned).as("member seats (of %d) signed in each block of slots 9-16", memberSeats.size())
          .contains(memberSeats.size());
      Matcher sync = Pattern.compile("Epoch 1 sync committee: (\\d+) messages and (\\d+) contributions taken").matcher(vcLog);
      assertThat(sync.find()).as("the client's summary of epoch 1's sync committee work").isTrue();
      assertThat(Integer.parseInt(sync.group(1))).as("sync committee messages of member keys in epoch 1").isGreaterThanOrEqualTo(8);
      long failedDuties = vcLog.lines().filter(l -> l.contains(" failed: ")).count();
      System.out.printf("member duties through the validator client: epoch %s participation read after %d s (genesis at +20 s);"
          + " epoch 1: %s attestations, %s aggregates, %s sync messages, %s contributions; member seats (of %d) signed per block"
          + " of slots 9-16: %s; %d failed duty lines%n", epoch.get("epoch").asText(), seconds, work.group(1), work.group(2),
          sync.group(1), sync.group(2), memberSeats.size(), memberSeatsSigned, failedDuties);

      // a second client with --doppelganger-detection-enabled, given a plain key the beacon node runs and a member key the
      // first client runs: the node's liveness endpoint shows both live (the member by its own participation, asked about
      // by virtual index), so it stops before signing anything
      BlsSecretKey plainKey = plain.get(0);
      BlsSecretKey memberKey = keys.memberKey(1, 2);
      Path secondData = tmp.resolve("vc-doppelganger");
      long t0 = System.nanoTime();
      NodeProcesses.Node second = processes.start("vc-doppelganger", 0, "validator-client", List.of(
          "--network=" + files.configYaml(), "--beacon-node-api-endpoint=http://127.0.0.1:" + restPort,
          "--data-path=" + secondData, "--doppelganger-detection-enabled",
          "--validator-keys=" + ValidatorDevnet.keystores(tmp.resolve("vc-doppelganger-keys"), List.of(plainKey, memberKey)),
          "--metrics-enabled=false", "--log-destination=CONSOLE"));
      assertThat(second.process.waitFor(60, TimeUnit.SECONDS)).as("the second client stopped within 60 s").isTrue();
      long stoppedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertThat(second.process.exitValue()).isEqualTo(1);
      String secondLog = Files.readString(second.log);
      assertThat(secondLog).contains("doppelganger detected: 2 held key(s)")
          .contains(plainKey.publicKey().toBytes().toHexString()).contains(memberKey.publicKey().toBytes().toHexString())
          .contains("(index " + Long.toUnsignedString(VirtualIndex.compute(keys.groupValidator(1), 2)) + ")");
      assertThat(secondLog).doesNotContainPattern("Epoch \\d+ duties:");
      try (var protection = SlashingProtection.openExisting(secondData)) {
        assertThat(protection.export(true).data()).allSatisfy(k -> {
          assertThat(k.signedAttestations()).isEmpty();
          assertThat(k.signedBlocks()).isEmpty();
        });
      }
      System.out.printf("a validator client with a plain and a member key run elsewhere stopped %d ms after it started%n",
          stoppedMs);
    }
  }

  private static boolean allMembersAttested(JsonNode epoch) {
    JsonNode groups = epoch.get("groups");
    if (groups.size() != GROUPS) {
      return false;
    }
    for (JsonNode g : groups) {
      if (g.get("members_with_flag").get("timely_target").asInt() != MEMBERS) {
        return false;
      }
    }
    return true;
  }

}
