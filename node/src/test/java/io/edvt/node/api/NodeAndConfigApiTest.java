package io.edvt.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.spec.config.SpecConfig;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class NodeAndConfigApiTest {
  private final ApiFixture api = ApiFixture.get();

  @Test
  void healthIs200WhenSynced206WhileSyncingAnd503WhenNotReady() {
    TestNetwork network = api.node.network();
    try {
      assertThat(api.get("/eth/v1/node/health").statusCode()).isEqualTo(200);
      network.syncing = true;
      assertThat(api.get("/eth/v1/node/health").statusCode()).isEqualTo(206);
      assertThat(api.get("/eth/v1/node/health?syncing_status=299").statusCode()).isEqualTo(299);
      network.ready = false;
      assertThat(api.get("/eth/v1/node/health").statusCode()).isEqualTo(503);
    } finally {
      network.syncing = false;
      network.ready = true;
    }
  }

  @Test
  void identityCarriesPeerIdEnrAddressesAndMetadata() {
    JsonNode data = api.json("/eth/v1/node/identity").get("data");
    assertThat(data.get("peer_id").asText()).isEqualTo(TestNetwork.PEER_ID);
    assertThat(data.get("enr").asText()).isEqualTo(TestNetwork.ENR);
    assertThat(data.get("p2p_addresses").get(0).asText()).endsWith("/p2p/" + TestNetwork.PEER_ID);
    assertThat(data.get("discovery_addresses").get(0).asText()).contains("/udp/9000");
    JsonNode metadata = data.get("metadata");
    assertThat(metadata.get("seq_number").asText()).isEqualTo("7");
    assertThat(metadata.get("attnets").asText()).isEqualTo("0x0300000000000000");
    assertThat(metadata.get("custody_group_count").asText()).isEqualTo("4");
  }

  @Test
  void versionNamesTheClient() {
    assertThat(api.json("/eth/v1/node/version").get("data").get("version").asText()).startsWith("edvt/v");
  }

  @Test
  void syncingReportsTheHeadSlot() {
    JsonNode data = api.json("/eth/v1/node/syncing").get("data");
    assertThat(data.get("head_slot").asText()).isEqualTo(Long.toString(ApiTestChain.LAST_SLOT));
    assertThat(data.get("is_syncing").asBoolean()).isFalse();
    assertThat(data.get("sync_distance").asText()).isEqualTo("0");
  }

  @Test
  void peersAreFilteredByStateAndDirectionAndCounted() {
    JsonNode all = api.json("/eth/v1/node/peers");
    assertThat(all.get("data")).hasSize(3);
    assertThat(all.get("meta").get("count").asInt()).isEqualTo(3);
    JsonNode connectedInbound = api.json("/eth/v1/node/peers?state=connected&direction=inbound");
    assertThat(connectedInbound.get("data")).hasSize(1);
    assertThat(connectedInbound.get("data").get(0).get("peer_id").asText()).isEqualTo("16Uiu2HAkv2");
    assertThat(api.json("/eth/v1/node/peers/16Uiu2HAkv1").get("data").get("enr").asText()).isEqualTo("enr:-peer1");
    JsonNode count = api.json("/eth/v1/node/peer_count").get("data");
    assertThat(count.get("connected").asText()).isEqualTo("2");
    assertThat(count.get("disconnected").asText()).isEqualTo("1");
    assertThat(count.get("connecting").asText()).isEqualTo("0");
  }

  @Test
  void rejectsAnUnknownPeerStateAndAnswers404ForAnUnknownPeer() {
    HttpResponse<byte[]> bad = api.get("/eth/v1/node/peers?state=sleeping");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(ApiFixture.parse(bad).get("message").asText()).contains("state 'sleeping'");
    HttpResponse<byte[]> missing = api.get("/eth/v1/node/peers/nobody");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(ApiFixture.parse(missing).get("code").asInt()).isEqualTo(404);
  }

  @Test
  void specHasEveryConfigValueAsText() {
    SpecConfig config = api.chain.versions.config();
    JsonNode data = api.json("/eth/v1/config/spec").get("data");
    assertThat(data.get("SLOTS_PER_EPOCH").asText()).isEqualTo("8");
    assertThat(data.get("EDVT_FORK_EPOCH").asText()).isEqualTo(Integer.toString(ApiTestChain.FORK_EPOCH));
    assertThat(data.get("GENESIS_FORK_VERSION").asText()).isEqualTo(config.genesisForkVersion().toHexString());
    assertThat(data.size()).isEqualTo(config.keys().size());
  }

  @Test
  void forkScheduleEndsWithEdvtChainedByVersions() {
    JsonNode data = api.json("/eth/v1/config/fork_schedule").get("data");
    JsonNode last = data.get(data.size() - 1);
    assertThat(last.get("epoch").asText()).isEqualTo(Integer.toString(ApiTestChain.FORK_EPOCH));
    assertThat(last.get("current_version").asText()).isEqualTo(
        io.edvt.spec.SpecMilestone.EDVT.forkVersion(api.chain.versions.config()).toHexString());
    for (int i = 1; i < data.size(); i++) {
      assertThat(data.get(i).get("previous_version").asText()).isEqualTo(data.get(i - 1).get("current_version").asText());
    }
  }

  @Test
  void depositContractComesFromTheConfig() {
    SpecConfig config = api.chain.versions.config();
    JsonNode data = api.json("/eth/v1/config/deposit_contract").get("data");
    assertThat(data.get("chain_id").asText()).isEqualTo(config.depositChainId().toString());
    assertThat(data.get("address").asText()).isEqualTo(config.depositContractAddress().toHexString());
  }
}
