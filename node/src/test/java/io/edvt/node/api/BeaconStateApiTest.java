package io.edvt.node.api;

import static io.edvt.node.api.BeaconBlockApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BeaconStateApiTest {
  private final ApiFixture api = ApiFixture.get();
  private final ApiTestChain chain = api.chain;

  @Test
  void stateRootIsTheStatesHashTreeRoot() {
    BeaconState head = chain.headState();
    assertThat(api.json("/eth/v1/beacon/states/head/root").get("data").get("root").asText())
        .isEqualTo(head.hashTreeRoot().toHexString());
    // a Fulu state the store does not hold as a snapshot: replayed from an earlier one
    assertThat(api.json("/eth/v1/beacon/states/11/root").get("data").get("root").asText())
        .isEqualTo(chain.postAt(11).hashTreeRoot().toHexString());
    assertThat(api.json("/eth/v1/beacon/states/genesis/root").get("data").get("root").asText())
        .isEqualTo(chain.genesis.hashTreeRoot().toHexString());
  }

  @Test
  void aStateRootIdFindsItsState() {
    BeaconState s = chain.postAt(20);
    JsonNode r = api.json("/eth/v1/beacon/states/" + s.hashTreeRoot().toHexString() + "/fork");
    assertThat(r.get("data").get("current_version").asText()).isEqualTo(s.fork().currentVersion().toHexString());
  }

  @Test
  void anEmptySlotsStateIsTheLastBlocksStateAdvanced() {
    BeaconState expected = new io.edvt.spec.edvt.MultiForkStateTransition(chain.versions)
        .processSlots(chain.postAt(ApiTestChain.EMPTY_SLOT - 1), UInt64.valueOf(ApiTestChain.EMPTY_SLOT));
    assertThat(api.json("/eth/v1/beacon/states/" + ApiTestChain.EMPTY_SLOT + "/root").get("data").get("root").asText())
        .isEqualTo(expected.hashTreeRoot().toHexString());
  }

  @Test
  void forkAcrossTheUpgrade() {
    JsonNode fulu = api.json("/eth/v1/beacon/states/15/fork").get("data");
    JsonNode edvt = api.json("/eth/v1/beacon/states/head/fork").get("data");
    assertThat(edvt.get("previous_version").asText()).isEqualTo(fulu.get("current_version").asText());
    assertThat(edvt.get("epoch").asText()).isEqualTo(Integer.toString(ApiTestChain.FORK_EPOCH));
  }

  @Test
  void finalityCheckpointsAreTheStates() {
    BeaconState head = chain.headState();
    JsonNode r = api.json("/eth/v1/beacon/states/head/finality_checkpoints");
    JsonNode data = r.get("data");
    assertThat(data.get("finalized").get("epoch").asText()).isEqualTo(head.finalizedCheckpoint().epoch().toString());
    assertThat(data.get("finalized").get("root").asText()).isEqualTo(head.finalizedCheckpoint().root().toHexString());
    assertThat(data.get("current_justified").get("epoch").asText())
        .isEqualTo(head.currentJustifiedCheckpoint().epoch().toString());
    assertThat(r.get("execution_optimistic").asBoolean()).isFalse();
  }

  @Test
  void finalizedStateIsTheCheckpointState() {
    JsonNode r = api.json("/eth/v1/beacon/states/finalized/finality_checkpoints");
    assertThat(r.get("finalized").asBoolean()).isTrue();
    UInt64 epoch = api.node.finalizedCheckpoint().epoch();
    JsonNode fork = api.json("/eth/v1/beacon/states/finalized/root");
    UInt64 slot = chain.versions.fulu().misc().computeStartSlotAtEpoch(epoch);
    assertThat(fork.get("data").get("root").asText())
        .isEqualTo(api.json("/eth/v1/beacon/states/" + slot + "/root").get("data").get("root").asText());
  }

  @Test
  void validatorsAreFilteredByIndexPubkeyAndStatus() {
    BeaconState head = chain.headState();
    String pubkey7 = head.validators().get(7).pubkey().toHexString();
    JsonNode data = api.json("/eth/v1/beacon/states/head/validators?id=3&id=" + pubkey7 + ",9999").get("data");
    assertThat(data).hasSize(2);
    assertThat(data.get(0).get("index").asText()).isEqualTo("3");
    assertThat(data.get(0).get("status").asText()).isEqualTo("active_ongoing");
    assertThat(data.get(0).get("balance").asText()).isEqualTo(head.balances().get(3).toString());
    assertThat(data.get(1).get("index").asText()).isEqualTo("7");
    assertThat(data.get(1).get("validator").get("pubkey").asText()).isEqualTo(pubkey7);
    assertThat(data.get(1).get("validator").get("slashed").asBoolean()).isFalse();
    assertThat(api.json("/eth/v1/beacon/states/head/validators?status=active").get("data")).hasSize(ApiTestChain.VALIDATORS);
    assertThat(api.json("/eth/v1/beacon/states/head/validators?status=exited,pending_queued").get("data")).isEmpty();
  }

  @Test
  void validatorsByPostBodyAndOneById() {
    HttpResponse<byte[]> r = api.post("/eth/v1/beacon/states/head/validators", "{\"ids\":[\"1\",\"2\"],\"statuses\":[\"active_ongoing\"]}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(ApiFixture.parse(r).get("data")).hasSize(2);
    JsonNode one = api.json("/eth/v1/beacon/states/head/validators/5").get("data");
    assertThat(one.get("index").asText()).isEqualTo("5");
    assertError(api.get("/eth/v1/beacon/states/head/validators/100"), 404, "validator 100");
  }

  @Test
  void balancesByGetAndPost() {
    BeaconState head = chain.headState();
    JsonNode data = api.json("/eth/v1/beacon/states/head/validator_balances?id=4").get("data");
    assertThat(data).hasSize(1);
    assertThat(data.get(0).get("balance").asText()).isEqualTo(head.balances().get(4).toString());
    HttpResponse<byte[]> r = api.post("/eth/v1/beacon/states/head/validator_balances", "[\"0\",\"63\"]");
    assertThat(ApiFixture.parse(r).get("data").get(1).get("balance").asText()).isEqualTo(head.balances().get(63).toString());
  }

  @Test
  void committeesAreTheSpecsBeaconCommittees() {
    BeaconState head = chain.headState();
    UInt64 slot = head.slot();
    JsonNode data = api.json("/eth/v1/beacon/states/head/committees?slot=" + slot + "&index=0").get("data");
    assertThat(data).hasSize(1);
    int[] expected = chain.versions.forState(head).accessors().getBeaconCommittee(new MutableBeaconState(head), slot, 0);
    List<String> members = new ArrayList<>();
    data.get(0).get("validators").forEach(v -> members.add(v.asText()));
    assertThat(members).containsExactly(java.util.Arrays.stream(expected).mapToObj(Integer::toString).toArray(String[]::new));
    // all committees of the epoch: every active validator exactly once
    JsonNode epoch = api.json("/eth/v1/beacon/states/head/committees").get("data");
    int total = 0;
    for (JsonNode c : epoch) {
      total += c.get("validators").size();
    }
    assertThat(total).isEqualTo(ApiTestChain.VALIDATORS);
  }

  @Test
  void syncCommitteesSplitIntoFourSubcommittees() {
    JsonNode data = api.json("/eth/v1/beacon/states/15/sync_committees").get("data");
    int size = chain.versions.config().syncCommitteeSize();
    assertThat(data.get("validators")).hasSize(size);
    assertThat(data.get("validator_aggregates")).hasSize(4);
    assertThat(data.get("validator_aggregates").get(0)).hasSize(size / 4);
    JsonNode edvt = api.json("/eth/v1/beacon/states/head/sync_committees").get("data");
    assertThat(edvt.get("validators")).hasSize(size);
    edvt.get("validators").forEach(v -> assertThat(Integer.parseInt(v.asText())).isBetween(0, ApiTestChain.VALIDATORS - 1));
  }

  @Test
  void randaoIsTheStatesMix() {
    BeaconState head = chain.headState();
    UInt64 epoch = UInt64.valueOf(3);
    JsonNode data = api.json("/eth/v1/beacon/states/head/randao?epoch=3").get("data");
    assertThat(data.get("randao").asText()).isEqualTo(
        chain.versions.forState(head).accessors().getRandaoMix(new MutableBeaconState(head), epoch).toHexString());
    assertError(api.get("/eth/v1/beacon/states/head/randao?epoch=99"), 400, "epoch 99");
  }

  @Test
  void debugStateJsonAndSszAreTheState() {
    BeaconState head = chain.headState();
    HttpResponse<byte[]> ssz = api.get("/eth/v2/debug/beacon/states/head", "Accept", "application/octet-stream");
    assertThat(ssz.statusCode()).isEqualTo(200);
    assertThat(ssz.headers().firstValue("Eth-Consensus-Version")).contains("edvt");
    assertThat(ssz.body()).isEqualTo(head.serialize());
    JsonNode json = api.json("/eth/v2/debug/beacon/states/15");
    assertThat(json.get("version").asText()).isEqualTo("fulu");
    BeaconState back = ApiJson.read(json.get("data"), chain.versions.fulu().schemas().beaconState(), "data");
    assertThat(back.hashTreeRoot()).isEqualTo(chain.postAt(15).hashTreeRoot());
    assertThat(json.get("data").get("validators").get(0).get("effective_balance").isTextual()).isTrue();
  }

  @Test
  void forkChoiceDumpHasTheCheckpointsAndTheHotBlocks() {
    JsonNode body = api.json("/eth/v1/debug/fork_choice");
    assertThat(body.get("finalized_checkpoint").get("epoch").asText()).isEqualTo(api.node.finalizedCheckpoint().epoch().toString());
    JsonNode nodes = body.get("fork_choice_nodes");
    JsonNode last = nodes.get(nodes.size() - 1);
    assertThat(last.get("block_root").asText()).isEqualTo(chain.head().message().hashTreeRoot().toHexString());
    assertThat(last.get("validity").asText()).isEqualTo("valid");
  }

  @Test
  void badStateIdsEpochsAndIdsAre400AndUnknownStates404() {
    assertError(api.get("/eth/v1/beacon/states/current/root"), 400, "state_id 'current'");
    assertError(api.get("/eth/v1/beacon/states/0x12/root"), 400, "state_id '0x12' has 1 bytes, expected 32");
    assertError(api.get("/eth/v1/beacon/states/" + "0x" + "cd".repeat(32) + "/root"), 404, "not found");
    assertError(api.get("/eth/v1/beacon/states/1000/root"), 404, "the head is at slot 40");
    assertError(api.get("/eth/v1/beacon/states/head/committees?epoch=-1"), 400, "epoch '-1'");
    assertError(api.get("/eth/v1/beacon/states/head/committees?epoch=1"), 400, "epoch 1 is outside");
    assertError(api.get("/eth/v1/beacon/states/head/validators?id=0xabc"), 400, "id '0xabc'");
    assertError(api.get("/eth/v1/beacon/states/head/validators?status=sleeping"), 400, "status 'sleeping'");
    assertError(api.get("/eth/v1/beacon/states/head/validators?id=seven"), 400, "id 'seven'");
  }
}
