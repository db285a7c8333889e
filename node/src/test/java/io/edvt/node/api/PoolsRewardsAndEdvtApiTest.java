package io.edvt.node.api;

import static io.edvt.node.api.BeaconBlockApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.rewards.BlockRewardsCalculator;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.operations.VoluntaryExit;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.datastructures.groups.Group;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class PoolsRewardsAndEdvtApiTest {
  private final ApiFixture api = ApiFixture.get();
  private final ApiTestChain chain = api.chain;

  @Test
  void attestationPoolServesItsAttestationsFilteredBySlot() {
    SignedBeaconBlock head = chain.head();
    HttpResponse<byte[]> r = api.get("/eth/v2/beacon/pool/attestations");
    assertThat(r.headers().firstValue("Eth-Consensus-Version")).contains("edvt");
    JsonNode data = ApiFixture.parse(r).get("data");
    assertThat(data).hasSize(head.message().body().attestations().size());
    String slot = data.get(0).get("data").get("slot").asText();
    assertThat(api.json("/eth/v2/beacon/pool/attestations?slot=" + slot).get("data")).isNotEmpty();
    assertThat(api.json("/eth/v2/beacon/pool/attestations?slot=1").get("data")).isEmpty();
    assertError(api.get("/eth/v2/beacon/pool/attestations?committee_index=x"), 400, "committee_index 'x'");
  }

  @Test
  void aVoluntaryExitIsReadPooledAndARejectionCarriesThePoolsReason() {
    // the head is an EDVT state, so an exit is EDVT's SignedVoluntaryExit (with signer_bits)
    String json = exitJson(11);
    HttpResponse<byte[]> ok = api.post("/eth/v1/beacon/pool/voluntary_exits", json);
    assertThat(ok.statusCode()).as(new String(ok.body())).isEqualTo(200);
    JsonNode pooled = api.json("/eth/v1/beacon/pool/voluntary_exits").get("data");
    assertThat(pooled.toString()).contains("\"validator_index\":\"11\"");
    assertError(api.post("/eth/v1/beacon/pool/voluntary_exits", exitJson(500)), 400, "validator 500 is not in the head state");
  }

  private String exitJson(long validator) {
    ObjectNode exit = (ObjectNode) ApiJson.of(chain.versions.edvt().schemas().signedVoluntaryExit().defaultValue());
    exit.set("message", ApiJson.of(VoluntaryExit.create(UInt64.valueOf(3), UInt64.valueOf(validator))));
    return exit.toString();
  }

  @Test
  void malformedSubmissionsAre400NamingTheFieldAndWrongTypes415() {
    assertError(api.post("/eth/v1/beacon/pool/voluntary_exits", "{\"message\":{\"epoch\":\"x\",\"validator_index\":\"1\"},"
        + "\"signature\":\"0x00\"}"), 400, "the body is not a valid");
    assertError(api.post("/eth/v1/beacon/pool/voluntary_exits", "not json"), 400, "not valid JSON");
    assertError(api.post("/eth/v1/beacon/pool/voluntary_exits", "{}", "Content-Type", "text/plain"), 415, "text/plain");
    assertError(api.post("/eth/v2/beacon/pool/attestations", "[]"), 400, "Eth-Consensus-Version header is required");
  }

  @Test
  void attestationSubmissionsReportFailuresByIndex() {
    String good = "{\"committee_index\":\"0\",\"attester_index\":\"1\",\"data\":"
        + ApiJson.of(chain.head().message().body().attestations().get(0).data()) + ",\"signature\":\"0x" + "00".repeat(96) + "\"}";
    String bad = good.replace("\"attester_index\":\"1\"", "\"attester_index\":\"900\"");
    HttpResponse<byte[]> r = api.post("/eth/v2/beacon/pool/attestations", "[" + good + "," + bad + "]",
        "Content-Type", "application/json", "Eth-Consensus-Version", "edvt");
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode failures = ApiFixture.parse(r).get("failures");
    assertThat(failures).hasSize(1);
    assertThat(failures.get(0).get("index").asInt()).isEqualTo(1);
    assertThat(failures.get(0).get("message").asText()).contains("validator 900");
    assertThat(api.node.pools().submittedAttestations).anyMatch(a -> a.attesterIndex().equals(UInt64.ONE));
  }

  @Test
  void blockRewardsAreTheRewardsModulesForTheParentState() {
    SignedBeaconBlock b = chain.blockAt(30);
    BeaconState pre = chain.postAt(29);
    var expected = new BlockRewardsCalculator(chain.versions).blockRewards(pre, b.message());
    JsonNode data = api.json("/eth/v1/beacon/rewards/blocks/30").get("data");
    assertThat(data.get("proposer_index").asText()).isEqualTo(b.message().proposerIndex().toString());
    assertThat(data.get("total").asText()).isEqualTo(expected.total().toString());
    assertThat(expected.attestations().isZero()).as("the block's attestations paid its proposer").isFalse();
    assertError(api.get("/eth/v1/beacon/rewards/blocks/genesis"), 404, "genesis");
  }

  @Test
  void syncCommitteeRewardsFilteredByBody() {
    HttpResponse<byte[]> all = api.post("/eth/v1/beacon/rewards/sync_committee/30", "");
    assertThat(all.statusCode()).as(new String(all.body())).isEqualTo(200);
    JsonNode data = ApiFixture.parse(all).get("data");
    assertThat(data).isNotEmpty();
    String first = data.get(0).get("validator_index").asText();
    JsonNode one = ApiFixture.parse(api.post("/eth/v1/beacon/rewards/sync_committee/30", "[\"" + first + "\"]")).get("data");
    assertThat(one).hasSize(1);
    assertThat(one.get(0).get("reward").asText()).isEqualTo(data.get(0).get("reward").asText());
  }

  @Test
  void attestationRewardsOfAnEpochAndTheirBounds() {
    HttpResponse<byte[]> r = api.post("/eth/v1/beacon/rewards/attestations/3", "[\"2\"]");
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
    JsonNode data = ApiFixture.parse(r).get("data");
    assertThat(data.get("total_rewards")).hasSize(1);
    assertThat(data.get("total_rewards").get(0).get("validator_index").asText()).isEqualTo("2");
    assertThat(Long.parseLong(data.get("total_rewards").get(0).get("head").asText())).isPositive();
    assertThat(data.get("ideal_rewards")).isNotEmpty();
    assertError(api.post("/eth/v1/beacon/rewards/attestations/4", ""), 404, "end of epoch 5");
    assertError(api.post("/eth/v1/beacon/rewards/attestations/three", ""), 400, "epoch 'three'");
  }

  @Test
  void edvtGroupsOfAStateAndOneGroupByIndexPubkeyOrMember() {
    BeaconStateEdvt head = BeaconStateEdvt.toVersionEdvt(chain.headState()).orElseThrow();
    Group group = head.groups().get(0);
    JsonNode all = api.json("/edvt/v1/beacon/states/head/groups").get("data");
    assertThat(all).hasSize(head.groups().size());
    JsonNode g = all.get(0);
    assertThat(g.get("validator_index").asText()).isEqualTo(Integer.toString(ApiTestChain.GROUP_VALIDATOR));
    JsonNode keySet = g.get("key_sets").get(g.get("key_sets").size() - 1);
    assertThat(keySet.get("threshold").asText()).isEqualTo(Integer.toString(ApiTestChain.GROUP_M));
    assertThat(keySet.get("pubkeys")).hasSize(ApiTestChain.GROUP_N);
    String member = EdvtFixtures.memberKey(ApiTestChain.GROUP_VALIDATOR, 1).publicKey().toBytes().toHexString();
    assertThat(keySet.get("pubkeys").toString()).contains(member);
    assertThat(api.json("/edvt/v1/beacon/states/head/groups/" + member).get("data").get("validator_index").asText())
        .isEqualTo(group.validatorIndex().toString());
    assertThat(api.json("/edvt/v1/beacon/states/head/groups/" + ApiTestChain.GROUP_VALIDATOR).get("data")
        .get("validator_pubkey").asText()).isEqualTo(head.validators().get(ApiTestChain.GROUP_VALIDATOR).pubkey().toHexString());
    assertThat(api.json("/edvt/v1/beacon/states/head/groups?id=1,2").get("data")).isEmpty();
    assertError(api.get("/edvt/v1/beacon/states/head/groups/1"), 404, "no group with validator or member 1");
    assertError(api.get("/edvt/v1/beacon/states/10/groups"), 404, "before the edvt fork");
    assertError(api.get("/edvt/v1/beacon/states/head/groups/0x1234"), 400, "group_id '0x1234'");
  }
  @Test
  void participationOfThePreviousAndCurrentEpochForPlainValidatorsAndPerGroupMember() {
    BeaconStateEdvt head = BeaconStateEdvt.toVersionEdvt(chain.headState()).orElseThrow();
    JsonNode data = api.json("/edvt/v1/beacon/states/head/participation").get("data");
    assertThat(data.get("slot").asLong()).isEqualTo(ApiTestChain.LAST_SLOT);
    // the head is the first slot of epoch 5: its block carried the last attestations of epoch 4, in which everyone voted
    JsonNode previous = data.get("previous_epoch");
    assertThat(previous.get("epoch").asText()).isEqualTo("4");
    JsonNode plain = previous.get("plain_validators");
    assertThat(plain.get("active").asInt()).isEqualTo(ApiTestChain.VALIDATORS - 1);
    long targets = java.util.stream.IntStream.range(0, ApiTestChain.VALIDATORS).filter(i -> i != ApiTestChain.GROUP_VALIDATOR)
        .filter(i -> (head.previousEpochParticipation().get(i) & 2) != 0).count();
    assertThat(targets).isEqualTo(ApiTestChain.VALIDATORS - 1);
    assertThat(plain.get("timely_target").asLong()).isEqualTo(targets);
    assertThat(plain.get("timely_source").asInt()).isEqualTo(ApiTestChain.VALIDATORS - 1);
    JsonNode group = previous.get("groups").get(0);
    assertThat(previous.get("groups")).hasSize(1);
    assertThat(group.get("validator_index").asText()).isEqualTo(Integer.toString(ApiTestChain.GROUP_VALIDATOR));
    assertThat(group.get("threshold").asInt()).isEqualTo(ApiTestChain.GROUP_M);
    assertThat(group.get("members").asInt()).isEqualTo(ApiTestChain.GROUP_N);
    assertThat(group.get("member_flags")).hasSize(ApiTestChain.GROUP_N);
    for (int j = 0; j < ApiTestChain.GROUP_N; j++) {
      // the group is the registry's first: its members' flags are the list's first entries
      assertThat(group.get("member_flags").get(j).asInt()).isEqualTo(head.previousEpochMemberParticipation().get(j));
    }
    assertThat(group.get("members_with_flag").get("timely_target").asInt()).isEqualTo(ApiTestChain.GROUP_N);
    assertThat(group.get("credited").get("timely_target").asBoolean()).isTrue();
    assertThat(group.get("credited").get("timely_source").asBoolean()).isTrue();
    // epoch 5 has had no attestation included yet
    JsonNode current = data.get("current_epoch");
    assertThat(current.get("epoch").asText()).isEqualTo("5");
    assertThat(current.get("plain_validators").get("timely_target").asInt()).isZero();
    assertThat(current.get("groups").get(0).get("members_with_flag").get("timely_source").asInt()).isZero();
    assertThat(current.get("groups").get(0).get("credited").get("timely_source").asBoolean()).isFalse();
    // before the fork: the same counts, no groups
    JsonNode fulu = api.json("/edvt/v1/beacon/states/10/participation").get("data").get("previous_epoch");
    assertThat(fulu.get("plain_validators").get("active").asInt()).isEqualTo(ApiTestChain.VALIDATORS);
    assertThat(fulu.get("groups")).isEmpty();
    assertError(api.get("/edvt/v1/beacon/states/nowhere/participation"), 400, "nowhere");
  }
}
