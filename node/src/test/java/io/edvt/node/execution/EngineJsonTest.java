package io.edvt.node.execution;

import static io.edvt.node.execution.EngineTesting.JSON;
import static io.edvt.node.execution.EngineTesting.specExamplePayload;
import static io.edvt.node.execution.FakeExecutionClient.fixture;
import static io.edvt.node.execution.FakeExecutionClient.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edvt.infrastructure.unsigned.UInt256;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.execution.json.EngineHex;
import io.edvt.node.execution.json.JsonFieldException;
import io.edvt.spec.datastructures.execution.ExecutionPayload;
import io.edvt.spec.datastructures.execution.ExecutionRequests;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

/** The Engine API's JSON forms of the payload types, against the execution-apis examples and rules. */
class EngineJsonTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Test
  void writesQuantitiesWithoutLeadingZeros() {
    assertThat(EngineHex.quantity(UInt64.ZERO)).isEqualTo("0x0");
    assertThat(EngineHex.quantity(UInt64.valueOf(0x1c9c380))).isEqualTo("0x1c9c380");
    assertThat(EngineHex.quantity(UInt64.MAX_VALUE)).isEqualTo("0xffffffffffffffff");
    assertThat(EngineHex.quantity(new UInt256(BigInteger.ONE.shiftLeft(255)))).isEqualTo("0x8" + "0".repeat(63));
    assertThat(EngineHex.quantity(UInt256.ZERO)).isEqualTo("0x0");
  }

  @Test
  void writesDataWithTwoDigitsEveryByte() {
    assertThat(EngineHex.data(Bytes.EMPTY)).isEqualTo("0x");
    assertThat(EngineHex.data(Bytes.fromHexString("0x000aff"))).isEqualTo("0x000aff");
  }

  @Test
  void readsQuantitiesStrictlyExceptForLeadingZeros() {
    assertThat(EngineHex.uint64(text("0x0"), "q")).isEqualTo(UInt64.ZERO);
    assertThat(EngineHex.uint64(text("0x00ff"), "q")).isEqualTo(UInt64.valueOf(255));
    assertThat(EngineHex.uint64(text("0xffffffffffffffff"), "q")).isEqualTo(UInt64.MAX_VALUE);
    assertThatThrownBy(() -> EngineHex.uint64(text("0x10000000000000000"), "a.b"))
        .isInstanceOf(JsonFieldException.class).hasMessage("a.b: QUANTITY exceeds 64 bits: 0x10000000000000000");
    assertThatThrownBy(() -> EngineHex.uint64(text("0x"), "q")).hasMessage("q: QUANTITY must be 0x followed by hex digits, got \"0x\"");
    assertThatThrownBy(() -> EngineHex.uint64(text("12"), "q")).hasMessage("q: QUANTITY must be 0x followed by hex digits, got \"12\"");
    assertThatThrownBy(() -> EngineHex.uint64(text("0x1g"), "q")).hasMessage("q: QUANTITY has a non-hex character at 3: \"0x1g\"");
    assertThatThrownBy(() -> EngineHex.uint64(NODES.numberNode(5), "q")).hasMessage("q: QUANTITY must be a string, got 5");
    assertThatThrownBy(() -> EngineHex.uint64(null, "q")).hasMessage("q: missing");
  }

  @Test
  void readsDataOfTheRightLengthOnly() {
    assertThat(EngineHex.data(text("0x"), "d")).isEqualTo(Bytes.EMPTY);
    assertThatThrownBy(() -> EngineHex.data(text("0x123"), "d")).hasMessage("d: DATA must have two hex digits a byte, got 3 digits");
    assertThatThrownBy(() -> EngineHex.data(text("0x12"), "d", 20)).hasMessage("d: DATA must have 20 bytes, got 1");
    assertThatThrownBy(() -> EngineHex.dataUpTo(text("0x1234"), "d", 1)).hasMessage("d: DATA must have at most 1 bytes, got 2");
    assertThatThrownBy(() -> EngineHex.data(text("0xzz"), "d")).hasMessage("d: DATA has a non-hex character at 2: \"0xzz\"");
  }

  @Test
  void theSpecExamplePayloadIsWrittenBackAsItWasRead() {
    JsonNode example = fixture("getPayloadV5.json").get("result").get("executionPayload");
    ExecutionPayload payload = specExamplePayload();
    assertThat(payload.blockNumber()).isEqualTo(UInt64.valueOf(0x112720f));
    assertThat(payload.baseFeePerGas()).isEqualTo(UInt256.valueOf(7));
    assertThat(payload.transactions().size()).isEqualTo(3);
    assertThat(payload.withdrawals().get(1).index()).isEqualTo(UInt64.valueOf(0xf1));
    assertThat(payload.extraData()).isEqualTo(Bytes.EMPTY);
    assertThat(JSON.executionPayload(payload)).isEqualTo(example);
  }

  @Test
  void theSpecExampleRequestsAreTheSszListsOfTheirTypes() {
    JsonNode example = fixture("getPayloadV5.json").get("result").get("executionRequests");
    ExecutionRequests requests = JSON.executionRequests(example, "executionRequests");
    assertThat(requests.deposits().size()).isEqualTo(2);
    assertThat(requests.withdrawals().size()).isEqualTo(2);
    assertThat(requests.consolidations().size()).isEqualTo(1);
    assertThat(requests.withdrawals().get(0).sourceAddress())
        .isEqualTo(Bytes.fromHexString("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b"));
    assertThat(JSON.dataArray(JSON.requestsList().getExecutionRequestsList(requests))).isEqualTo(example);
  }

  @Test
  void emptyRequestListsAreLeftOut() {
    ExecutionRequests none = EngineTesting.MAINNET.executionRequests().defaultValue();
    assertThat(JSON.requestsList().getExecutionRequestsList(none)).isEmpty();
    assertThat(JSON.executionRequests(NODES.arrayNode(), "r")).isEqualTo(none);
  }

  @Test
  void requestListsBreakingElectrasRulesFailWithTheRule() {
    JsonNode example = fixture("getPayloadV5.json").get("result").get("executionRequests");
    String deposits = example.get(0).asText();
    String withdrawals = example.get(1).asText();
    assertThatThrownBy(() -> JSON.executionRequests(array(withdrawals, deposits), "r"))
        .hasMessage("r: [1]: prev_request_type < request_type fails: 1 then 0 (types must be strictly ascending)");
    assertThatThrownBy(() -> JSON.executionRequests(array(deposits, deposits), "r"))
        .hasMessage("r: [1]: prev_request_type < request_type fails: 0 then 0 (types must be strictly ascending)");
    assertThatThrownBy(() -> JSON.executionRequests(array("0x01"), "r"))
        .hasMessage("r: [0]: len(request_data) != 0 fails for type 1");
    assertThatThrownBy(() -> JSON.executionRequests(array("0x0300"), "r"))
        .hasMessage("r: [0]: request_type in request_types fails for 0x03");
    assertThatThrownBy(() -> JSON.executionRequests(array(withdrawals + "00"), "r"))
        .hasMessageStartingWith("r: [0] (type 1): ").hasMessageContaining("153 bytes");
  }

  @Test
  void payloadFieldsThatDoNotFitNameTheirPath() {
    ObjectNode example = (ObjectNode) fixture("getPayloadV5.json").get("result").get("executionPayload");
    assertThatThrownBy(() -> JSON.executionPayload(with(example, "feeRecipient", "0x" + "ab".repeat(19)), "result"))
        .hasMessage("result.feeRecipient: DATA must have 20 bytes, got 19");
    assertThatThrownBy(() -> JSON.executionPayload(with(example, "extraData", "0x" + "00".repeat(33)), "result"))
        .hasMessage("result.extraData: DATA must have at most 32 bytes, got 33");
    ObjectNode noAmount = example.deepCopy();
    ((ObjectNode) noAmount.get("withdrawals").get(1)).remove("amount");
    assertThatThrownBy(() -> JSON.executionPayload(noAmount, "result"))
        .hasMessage("result.withdrawals[1].amount: missing");
    ObjectNode noBlobGas = example.deepCopy();
    noBlobGas.remove("blobGasUsed");
    assertThatThrownBy(() -> JSON.executionPayload(noBlobGas, "result")).hasMessage("result.blobGasUsed: missing");
  }

  @Test
  void aBlobsBundleV2HasCellProofsForEveryBlob() {
    ObjectNode bundle = (ObjectNode) fixture("getPayloadV5.json").get("result").get("blobsBundle");
    BlobsBundle read = JSON.blobsBundle(bundle, "b", BlobsBundle.Version.V2);
    assertThat(read.blobs()).singleElement().satisfies(blob -> assertThat(blob.size()).isEqualTo(131072));
    assertThat(read.proofsOf(0)).hasSize(128);
    ((ArrayNode) bundle.get("proofs")).remove(127);
    assertThatThrownBy(() -> JSON.blobsBundle(bundle, "b", BlobsBundle.Version.V2))
        .hasMessage("b: has 127 proofs for 1 blobs; BlobsBundleV2 has 128 a blob");
    assertThatThrownBy(() -> JSON.blobsBundle(bundle, "b", BlobsBundle.Version.V1))
        .hasMessage("b: has 127 proofs for 1 blobs; BlobsBundleV1 has 1 a blob");
  }

  @Test
  void readsEveryPayloadStatus() {
    String hash = "0x" + "11".repeat(32);
    assertThat(JSON.payloadStatus(parse("{\"status\":\"VALID\",\"latestValidHash\":\"" + hash + "\",\"validationError\":null}"), "s"))
        .isEqualTo(PayloadStatus.valid(Bytes32.fromHexString(hash)));
    assertThat(JSON.payloadStatus(parse("{\"status\":\"SYNCING\",\"latestValidHash\":null,\"validationError\":null}"), "s"))
        .isEqualTo(PayloadStatus.syncing());
    assertThat(JSON.payloadStatus(parse("{\"status\":\"ACCEPTED\",\"latestValidHash\":null,\"validationError\":null}"), "s").status())
        .isEqualTo(ExecutionStatus.ACCEPTED);
    assertThat(JSON.payloadStatus(parse("{\"status\":\"INVALID\",\"latestValidHash\":\"" + hash + "\",\"validationError\":\"bad\"}"), "s"))
        .isEqualTo(PayloadStatus.invalid(Optional.of(Bytes32.fromHexString(hash)), "bad"));
    assertThat(JSON.payloadStatus(parse("{\"status\":\"INVALID_BLOCK_HASH\",\"latestValidHash\":null,\"validationError\":\"h\"}"), "s"))
        .isEqualTo(PayloadStatus.invalidBlockHash("h"));
    assertThatThrownBy(() -> JSON.payloadStatus(parse("{\"status\":\"MAYBE\"}"), "s"))
        .hasMessage("s.status: not one of VALID, INVALID, SYNCING, ACCEPTED, INVALID_BLOCK_HASH: \"MAYBE\"");
  }

  private static JsonNode text(String value) {
    return NODES.textNode(value);
  }

  private static ArrayNode array(String... items) {
    ArrayNode array = NODES.arrayNode();
    List.of(items).forEach(array::add);
    return array;
  }

  private static ObjectNode with(ObjectNode object, String field, String value) {
    ObjectNode copy = object.deepCopy();
    copy.put(field, value);
    return copy;
  }
}
