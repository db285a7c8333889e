package io.edvt.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class BeaconBlockApiTest {
  private final ApiFixture api = ApiFixture.get();
  private final ApiTestChain chain = api.chain;

  @Test
  void genesisComesFromTheGenesisState() {
    JsonNode data = api.json("/eth/v1/beacon/genesis").get("data");
    assertThat(data.get("genesis_time").asText()).isEqualTo(chain.genesis.genesisTime().toString());
    assertThat(data.get("genesis_validators_root").asText()).isEqualTo(chain.genesis.genesisValidatorsRoot().toHexString());
    assertThat(data.get("genesis_fork_version").asText())
        .isEqualTo(chain.versions.config().genesisForkVersion().toHexString());
  }

  @Test
  void headerOfTheHeadNamesItsRootAndBodyRoot() {
    SignedBeaconBlock head = chain.head();
    JsonNode r = api.json("/eth/v1/beacon/headers/head");
    JsonNode data = r.get("data");
    assertThat(data.get("root").asText()).isEqualTo(head.message().hashTreeRoot().toHexString());
    assertThat(data.get("canonical").asBoolean()).isTrue();
    JsonNode message = data.get("header").get("message");
    assertThat(message.get("slot").asText()).isEqualTo(head.message().slot().toString());
    assertThat(message.get("body_root").asText()).isEqualTo(head.message().body().hashTreeRoot().toHexString());
    assertThat(data.get("header").get("signature").asText()).isEqualTo(head.signature().toHexString());
    assertThat(r.get("execution_optimistic").asBoolean()).isFalse();
    assertThat(r.get("finalized").asBoolean()).isFalse();
  }

  @Test
  void headersBySlotAndByParentRoot() {
    SignedBeaconBlock at10 = chain.blockAt(10);
    JsonNode bySlot = api.json("/eth/v1/beacon/headers?slot=10").get("data");
    assertThat(bySlot).hasSize(1);
    assertThat(bySlot.get(0).get("root").asText()).isEqualTo(at10.message().hashTreeRoot().toHexString());
    JsonNode byParent = api.json("/eth/v1/beacon/headers?parent_root=" + at10.message().hashTreeRoot().toHexString()).get("data");
    assertThat(byParent).hasSize(1);
    assertThat(byParent.get(0).get("header").get("message").get("slot").asText()).isEqualTo("11");
  }

  @Test
  void blockJsonIsTheSszValueWithVersionAndFinality() {
    SignedBeaconBlock b = chain.blockAt(9);
    HttpResponse<byte[]> r = api.get("/eth/v2/beacon/blocks/9");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Eth-Consensus-Version")).contains("fulu");
    JsonNode body = ApiFixture.parse(r);
    assertThat(body.get("version").asText()).isEqualTo("fulu");
    assertThat(body.get("finalized").asBoolean()).as("slot 9 is before the finalized checkpoint").isTrue();
    JsonNode message = body.get("data").get("message");
    assertThat(message.get("slot").asText()).isEqualTo("9");
    assertThat(message.get("proposer_index").asText()).isEqualTo(b.message().proposerIndex().toString());
    assertThat(message.get("state_root").asText()).isEqualTo(b.message().stateRoot().toHexString());
    // the whole JSON reads back into the same block
    SignedBeaconBlock back = ApiJson.read(body.get("data"), chain.versions.fulu().schemas().signedBeaconBlock(), "data");
    assertThat(back.hashTreeRoot()).isEqualTo(b.hashTreeRoot());
  }

  @Test
  void edvtBlockJsonHasItsForkAndSignerBits() {
    JsonNode body = api.json("/eth/v2/beacon/blocks/head");
    assertThat(body.get("version").asText()).isEqualTo("edvt");
    assertThat(body.get("data").has("signer_bits")).isTrue();
    assertThat(body.get("data").get("message").get("slot").asText()).isEqualTo(Long.toString(ApiTestChain.LAST_SLOT));
  }

  @Test
  void blockAsSszDecodesToTheSameBlock() {
    SignedBeaconBlock head = chain.head();
    HttpResponse<byte[]> r = api.get("/eth/v2/beacon/blocks/" + head.message().hashTreeRoot().toHexString(),
        "Accept", "application/octet-stream");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/octet-stream"));
    assertThat(r.headers().firstValue("Eth-Consensus-Version")).contains("edvt");
    SignedBeaconBlock decoded = chain.versions.edvt().schemas().signedBeaconBlock().deserialize(r.body());
    assertThat(decoded.hashTreeRoot()).isEqualTo(head.hashTreeRoot());
  }

  @Test
  void acceptPrefersTheHigherQuality() {
    HttpResponse<byte[]> json = api.get("/eth/v2/beacon/blocks/head",
        "Accept", "application/octet-stream;q=0.5, application/json;q=0.9");
    assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    HttpResponse<byte[]> none = api.get("/eth/v2/beacon/blocks/head", "Accept", "text/html");
    assertThat(none.statusCode()).isEqualTo(406);
    assertThat(ApiFixture.parse(none).get("message").asText()).contains("text/html");
  }

  @Test
  void rootOfEachNamedBlockId() {
    assertThat(api.json("/eth/v1/beacon/blocks/head/root").get("data").get("root").asText())
        .isEqualTo(chain.head().message().hashTreeRoot().toHexString());
    assertThat(api.json("/eth/v1/beacon/blocks/genesis/root").get("data").get("root").asText())
        .isEqualTo(api.node.genesisBlockRoot().orElseThrow().toHexString());
    assertThat(api.json("/eth/v1/beacon/blocks/finalized/root").get("data").get("root").asText())
        .isEqualTo(api.node.finalizedCheckpoint().root().toHexString());
    JsonNode bySlot = api.json("/eth/v1/beacon/blocks/17/root");
    assertThat(bySlot.get("data").get("root").asText()).isEqualTo(chain.blockAt(17).message().hashTreeRoot().toHexString());
  }

  @Test
  void theChainFinalizedPastTheFork() {
    assertThat(api.node.finalizedCheckpoint().epoch().longValue()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void attestationsOfABlockAreItsBodysAttestations() {
    SignedBeaconBlock b = chain.blockAt(30);
    JsonNode body = api.json("/eth/v2/beacon/blocks/30/attestations");
    assertThat(body.get("version").asText()).isEqualTo("edvt");
    assertThat(body.get("data")).hasSize(b.message().body().attestations().size());
    assertThat(body.get("data").get(0).get("aggregation_bits").asText())
        .isEqualTo(ApiJson.of(b.message().body().attestations().get(0)).get("aggregation_bits").asText());
  }

  @Test
  void badBlockIdsAre400AndUnknownBlocks404() {
    assertError(api.get("/eth/v2/beacon/blocks/latest"), 400, "block_id 'latest'");
    assertError(api.get("/eth/v2/beacon/blocks/0x1234"), 400, "block_id '0x1234' has 2 bytes, expected 32");
    assertError(api.get("/eth/v2/beacon/blocks/0xzz"), 400, "not 0x-prefixed hex");
    assertError(api.get("/eth/v2/beacon/blocks/99999999999999999999999"), 400, "block_id");
    assertError(api.get("/eth/v2/beacon/blocks/" + "0x" + "ab".repeat(32)), 404, "not found");
    assertError(api.get("/eth/v2/beacon/blocks/" + ApiTestChain.EMPTY_SLOT), 404, "no canonical block at slot 22");
    assertError(api.get("/eth/v1/beacon/headers?slot=x"), 400, "slot 'x'");
  }

  @Test
  void unknownPathsAnswerTheStandardErrorShape() {
    HttpResponse<byte[]> r = api.get("/eth/v1/nothing/here");
    assertThat(r.statusCode()).isEqualTo(404);
    JsonNode body = ApiFixture.parse(r);
    assertThat(body.get("code").asInt()).isEqualTo(404);
    assertThat(body.get("message").asText()).contains("/eth/v1/nothing/here");
  }

  static void assertError(HttpResponse<byte[]> r, int status, String messagePart) {
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(status);
    JsonNode body = ApiFixture.parse(r);
    assertThat(body.get("code").asInt()).isEqualTo(status);
    assertThat(body.get("message").asText()).contains(messagePart);
  }
}
