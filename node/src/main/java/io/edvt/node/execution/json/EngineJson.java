package io.edvt.node.execution.json;

import static io.edvt.node.execution.json.EngineHex.data;
import static io.edvt.node.execution.json.EngineHex.dataUpTo;
import static io.edvt.node.execution.json.EngineHex.quantity;
import static io.edvt.node.execution.json.EngineHex.uint256;
import static io.edvt.node.execution.json.EngineHex.uint64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edvt.infrastructure.ssz.types.ByteListType;
import io.edvt.infrastructure.ssz.types.ByteVectorType;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.node.execution.BlobAndProofs;
import io.edvt.node.execution.BlobsBundle;
import io.edvt.node.execution.ExecutionStatus;
import io.edvt.node.execution.ForkchoiceState;
import io.edvt.node.execution.ForkchoiceUpdatedResult;
import io.edvt.node.execution.GetPayloadResponse;
import io.edvt.node.execution.PayloadAttributes;
import io.edvt.node.execution.PayloadId;
import io.edvt.node.execution.PayloadStatus;
import io.edvt.spec.datastructures.execution.ExecutionPayload;
import io.edvt.spec.datastructures.execution.ExecutionRequests;
import io.edvt.spec.datastructures.execution.Withdrawal;
import io.edvt.spec.logic.execution.NewPayloadRequest;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * The Engine API structures as JSON (execution-apis {@code src/engine}: {@code ExecutionPayloadV3},
 * {@code WithdrawalV1}, {@code PayloadAttributesV3}, {@code ForkchoiceStateV1},
 * {@code PayloadStatusV1}, {@code BlobsBundleV1}/{@code V2}, {@code BlobAndProofV2}), mapped to
 * and from this node's SSZ values of one config's schemas.
 *
 * <p>Reading checks what the SSZ types need (byte lengths, list limits from the schemas, numbers
 * in range) and what the Engine API promises (the bundle's counts, the order of execution
 * requests), and fails with a {@link JsonFieldException} naming the JSON path; fields it does not
 * know are ignored, as JSON-RPC clients do.
 */
public final class EngineJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int BYTES_PER_FIELD_ELEMENT = 32;
  private static final int BYTES_PER_COMMITMENT = 48;
  private static final int ADDRESS_SIZE = 20;

  private final ContainerType<? extends ExecutionPayload> payloadType;
  private final int logsBloomSize;
  private final ByteListType extraDataType;
  private final ListType<Bytes> transactionsType;
  private final ByteListType transactionType;
  private final ListType<Withdrawal> withdrawalsType;
  private final ExecutionRequestsList requestsList;
  private final int bytesPerBlob;
  private final int cellsPerExtBlob;
  private final int maxBlobs;

  @SuppressWarnings("unchecked")
  public EngineJson(SchemaDefinitionsFulu schemas) {
    this.payloadType = schemas.executionPayload();
    this.logsBloomSize = ((ByteVectorType<?>) fieldType(ExecutionPayload.LOGS_BLOOM)).length();
    this.extraDataType = (ByteListType) fieldType(ExecutionPayload.EXTRA_DATA);
    this.transactionsType = (ListType<Bytes>) fieldType(ExecutionPayload.TRANSACTIONS);
    this.transactionType = (ByteListType) transactionsType.elementType();
    this.withdrawalsType = (ListType<Withdrawal>) fieldType(ExecutionPayload.WITHDRAWALS);
    this.requestsList = new ExecutionRequestsList(schemas.executionRequests());
    this.bytesPerBlob = schemas.config().fieldElementsPerBlob() * BYTES_PER_FIELD_ELEMENT;
    this.cellsPerExtBlob = schemas.config().cellsPerExtBlob();
    this.maxBlobs = schemas.config().maxBlobCommitmentsPerBlock();
  }

  private Object fieldType(int index) {
    return payloadType.fields().get(index).type();
  }

  /** The execution requests codec of these schemas. */
  public ExecutionRequestsList requestsList() {
    return requestsList;
  }

  // ------------------------------------------------------------------------------- writing

  /** {@code ExecutionPayloadV3}. */
  public ObjectNode executionPayload(ExecutionPayload payload) {
    ObjectNode json = NODES.objectNode();
    json.put("parentHash", data(payload.parentHash()));
    json.put("feeRecipient", data(payload.feeRecipient()));
    json.put("stateRoot", data(payload.stateRoot()));
    json.put("receiptsRoot", data(payload.receiptsRoot()));
    json.put("logsBloom", data(payload.logsBloom()));
    json.put("prevRandao", data(payload.prevRandao()));
    json.put("blockNumber", quantity(payload.blockNumber()));
    json.put("gasLimit", quantity(payload.gasLimit()));
    json.put("gasUsed", quantity(payload.gasUsed()));
    json.put("timestamp", quantity(payload.timestamp()));
    json.put("extraData", data(payload.extraData()));
    json.put("baseFeePerGas", quantity(payload.baseFeePerGas()));
    json.put("blockHash", data(payload.blockHash()));
    ArrayNode transactions = json.putArray("transactions");
    payload.transactions().forEach(tx -> transactions.add(data(tx)));
    ArrayNode withdrawals = json.putArray("withdrawals");
    payload.withdrawals().forEach(w -> withdrawals.add(withdrawal(w)));
    json.put("blobGasUsed", quantity(payload.blobGasUsed()));
    json.put("excessBlobGas", quantity(payload.excessBlobGas()));
    return json;
  }

  /** {@code WithdrawalV1} (amounts in Gwei, big-endian as every {@code QUANTITY}). */
  public ObjectNode withdrawal(Withdrawal withdrawal) {
    ObjectNode json = NODES.objectNode();
    json.put("index", quantity(withdrawal.index()));
    json.put("validatorIndex", quantity(withdrawal.validatorIndex()));
    json.put("address", data(withdrawal.address()));
    json.put("amount", quantity(withdrawal.amount()));
    return json;
  }

  /** {@code ForkchoiceStateV1}. */
  public ObjectNode forkchoiceState(ForkchoiceState state) {
    ObjectNode json = NODES.objectNode();
    json.put("headBlockHash", data(state.headBlockHash()));
    json.put("safeBlockHash", data(state.safeBlockHash()));
    json.put("finalizedBlockHash", data(state.finalizedBlockHash()));
    return json;
  }

  /** {@code PayloadAttributesV3}. */
  public ObjectNode payloadAttributes(PayloadAttributes attributes) {
    ObjectNode json = NODES.objectNode();
    json.put("timestamp", quantity(attributes.timestamp()));
    json.put("prevRandao", data(attributes.prevRandao()));
    json.put("suggestedFeeRecipient", data(attributes.suggestedFeeRecipient()));
    ArrayNode withdrawals = json.putArray("withdrawals");
    attributes.withdrawals().forEach(w -> withdrawals.add(withdrawal(w)));
    json.put("parentBeaconBlockRoot", data(attributes.parentBeaconBlockRoot()));
    return json;
  }

  /** The params of {@code engine_forkchoiceUpdatedV3}: the state and the attributes or {@code null}. */
  public ArrayNode forkchoiceUpdatedParams(ForkchoiceState state, Optional<PayloadAttributes> attributes) {
    ArrayNode params = NODES.arrayNode();
    params.add(forkchoiceState(state));
    params.add(attributes.<JsonNode>map(this::payloadAttributes).orElse(NullNode.getInstance()));
    return params;
  }

  /**
   * The params of {@code engine_newPayloadV4}: the payload, the expected blob versioned hashes,
   * the parent beacon block root, and the execution requests list.
   */
  public ArrayNode newPayloadParams(NewPayloadRequest request) {
    ArrayNode params = NODES.arrayNode();
    params.add(executionPayload(request.executionPayload()));
    ArrayNode hashes = params.addArray();
    request.versionedHashes().forEach(h -> hashes.add(data(h)));
    params.add(data(request.parentBeaconBlockRoot()));
    ArrayNode requests = params.addArray();
    requestsList.getExecutionRequestsList(request.executionRequests()).forEach(r -> requests.add(data(r)));
    return params;
  }

  /** An array of {@code DATA} (versioned hashes, for {@code engine_getBlobsV2}). */
  public ArrayNode dataArray(List<? extends Bytes> items) {
    ArrayNode array = NODES.arrayNode();
    items.forEach(item -> array.add(data(item)));
    return array;
  }

  // ------------------------------------------------------------------------------- reading

  /** {@code ExecutionPayloadV3} at {@code path}. */
  public ExecutionPayload executionPayload(JsonNode json, String path) {
    object(json, path);
    List<Bytes> transactions = list(json.get("transactions"), path + ".transactions", transactionsType.limit(),
        (tx, p) -> dataUpTo(tx, p, transactionType.limit()));
    List<Withdrawal> withdrawals = list(json.get("withdrawals"), path + ".withdrawals", withdrawalsType.limit(),
        this::withdrawal);
    return ExecutionPayload.create(
        payloadType,
        Bytes32.wrap(data(json.get("parentHash"), path + ".parentHash", 32)),
        data(json.get("feeRecipient"), path + ".feeRecipient", ADDRESS_SIZE),
        Bytes32.wrap(data(json.get("stateRoot"), path + ".stateRoot", 32)),
        Bytes32.wrap(data(json.get("receiptsRoot"), path + ".receiptsRoot", 32)),
        data(json.get("logsBloom"), path + ".logsBloom", logsBloomSize),
        Bytes32.wrap(data(json.get("prevRandao"), path + ".prevRandao", 32)),
        uint64(json.get("blockNumber"), path + ".blockNumber"),
        uint64(json.get("gasLimit"), path + ".gasLimit"),
        uint64(json.get("gasUsed"), path + ".gasUsed"),
        uint64(json.get("timestamp"), path + ".timestamp"),
        dataUpTo(json.get("extraData"), path + ".extraData", extraDataType.limit()),
        uint256(json.get("baseFeePerGas"), path + ".baseFeePerGas"),
        Bytes32.wrap(data(json.get("blockHash"), path + ".blockHash", 32)),
        transactionsType.of(transactions),
        withdrawalsType.of(withdrawals),
        uint64(json.get("blobGasUsed"), path + ".blobGasUsed"),
        uint64(json.get("excessBlobGas"), path + ".excessBlobGas"));
  }

  /** {@code WithdrawalV1} at {@code path}. */
  public Withdrawal withdrawal(JsonNode json, String path) {
    object(json, path);
    return Withdrawal.create(
        uint64(json.get("index"), path + ".index"),
        uint64(json.get("validatorIndex"), path + ".validatorIndex"),
        data(json.get("address"), path + ".address", ADDRESS_SIZE),
        uint64(json.get("amount"), path + ".amount"));
  }

  /** {@code PayloadStatusV1} at {@code path}. */
  public PayloadStatus payloadStatus(JsonNode json, String path) {
    object(json, path);
    JsonNode status = json.get("status");
    if (status == null || !status.isTextual()) {
      throw new JsonFieldException(path + ".status", "missing or not a string");
    }
    ExecutionStatus executionStatus;
    try {
      executionStatus = ExecutionStatus.valueOf(status.textValue());
    } catch (IllegalArgumentException e) {
      throw new JsonFieldException(path + ".status", "not one of VALID, INVALID, SYNCING, ACCEPTED, INVALID_BLOCK_HASH: \""
          + EngineHex.abbreviate(status.textValue()) + "\"");
    }
    Optional<Bytes32> latestValidHash = optional(json.get("latestValidHash"))
        .map(h -> Bytes32.wrap(data(h, path + ".latestValidHash", 32)));
    Optional<String> validationError = optional(json.get("validationError")).map(JsonNode::asText);
    return new PayloadStatus(executionStatus, latestValidHash, validationError);
  }

  /** The result of {@code engine_forkchoiceUpdated} at {@code path}. */
  public ForkchoiceUpdatedResult forkchoiceUpdatedResult(JsonNode json, String path) {
    object(json, path);
    PayloadStatus status = payloadStatus(json.get("payloadStatus"), path + ".payloadStatus");
    Optional<PayloadId> payloadId = optional(json.get("payloadId"))
        .map(id -> new PayloadId(data(id, path + ".payloadId", PayloadId.SIZE)));
    return new ForkchoiceUpdatedResult(status, payloadId);
  }

  /**
   * The result of {@code engine_getPayloadV4} ({@code version} {@link BlobsBundle.Version#V1}) or
   * {@code engine_getPayloadV5} ({@link BlobsBundle.Version#V2}) at {@code path}.
   */
  public GetPayloadResponse getPayloadResponse(JsonNode json, String path, BlobsBundle.Version version) {
    object(json, path);
    ExecutionPayload payload = executionPayload(json.get("executionPayload"), path + ".executionPayload");
    BlobsBundle bundle = blobsBundle(json.get("blobsBundle"), path + ".blobsBundle", version);
    JsonNode override = json.get("shouldOverrideBuilder");
    if (override == null || !override.isBoolean()) {
      throw new JsonFieldException(path + ".shouldOverrideBuilder", "missing or not a boolean");
    }
    return new GetPayloadResponse(
        payload,
        uint256(json.get("blockValue"), path + ".blockValue"),
        bundle,
        override.booleanValue(),
        executionRequests(json.get("executionRequests"), path + ".executionRequests"));
  }

  /** An {@code executionRequests} list (array of {@code DATA}) at {@code path}, as the SSZ container. */
  public ExecutionRequests executionRequests(JsonNode json, String path) {
    List<Bytes> list = list(json, path, 3, EngineHex::data);
    try {
      return requestsList.getExecutionRequests(list);
    } catch (IllegalArgumentException e) {
      throw new JsonFieldException(path, e.getMessage());
    }
  }

  /** {@code BlobsBundleV1} or {@code BlobsBundleV2} at {@code path}. */
  public BlobsBundle blobsBundle(JsonNode json, String path, BlobsBundle.Version version) {
    object(json, path);
    List<Bytes48> commitments = list(json.get("commitments"), path + ".commitments", maxBlobs,
        (c, p) -> Bytes48.wrap(data(c, p, BYTES_PER_COMMITMENT)));
    List<Bytes> blobs = list(json.get("blobs"), path + ".blobs", maxBlobs, (b, p) -> data(b, p, bytesPerBlob));
    int proofsPerBlob = version == BlobsBundle.Version.V1 ? 1 : cellsPerExtBlob;
    List<Bytes48> proofs = list(json.get("proofs"), path + ".proofs", (long) maxBlobs * proofsPerBlob,
        (c, p) -> Bytes48.wrap(data(c, p, BYTES_PER_COMMITMENT)));
    if (commitments.size() != blobs.size()) {
      throw new JsonFieldException(path, "has " + commitments.size() + " commitments for " + blobs.size() + " blobs");
    }
    if (proofs.size() != blobs.size() * proofsPerBlob) {
      throw new JsonFieldException(path, "has " + proofs.size() + " proofs for " + blobs.size() + " blobs; BlobsBundle"
          + version + " has " + proofsPerBlob + " a blob");
    }
    return new BlobsBundle(version, commitments, proofs, blobs);
  }

  /**
   * The result of {@code engine_getBlobsV2} at {@code path} for {@code requested} hashes: empty for
   * {@code null} (some blob is missing), else one {@code BlobAndProofV2} per hash.
   */
  public Optional<List<BlobAndProofs>> blobsAndProofs(JsonNode json, String path, int requested) {
    if (json == null || json.isNull()) {
      return Optional.empty();
    }
    List<BlobAndProofs> items = list(json, path, requested, (item, p) -> {
      object(item, p);
      Bytes blob = data(item.get("blob"), p + ".blob", bytesPerBlob);
      List<Bytes48> proofs = list(item.get("proofs"), p + ".proofs", cellsPerExtBlob,
          (c, q) -> Bytes48.wrap(data(c, q, BYTES_PER_COMMITMENT)));
      if (proofs.size() != cellsPerExtBlob) {
        throw new JsonFieldException(p + ".proofs", "has " + proofs.size() + " cell proofs; a blob has " + cellsPerExtBlob);
      }
      return new BlobAndProofs(blob, proofs);
    });
    if (items.size() != requested) {
      throw new JsonFieldException(path, "has " + items.size() + " items for " + requested + " requested hashes");
    }
    return Optional.of(items);
  }

  /** An array of strings (the result of {@code engine_exchangeCapabilities}) at {@code path}. */
  public List<String> strings(JsonNode json, String path) {
    return list(json, path, Integer.MAX_VALUE, (s, p) -> {
      if (!s.isTextual()) {
        throw new JsonFieldException(p, "must be a string, got " + s);
      }
      return s.textValue();
    });
  }

  // ------------------------------------------------------------------------------- helpers

  private static void object(JsonNode json, String path) {
    if (json == null || json.isMissingNode()) {
      throw new JsonFieldException(path, "missing");
    }
    if (!json.isObject()) {
      throw new JsonFieldException(path, "must be an object, got " + EngineHex.abbreviate(json.toString()));
    }
  }

  private static Optional<JsonNode> optional(JsonNode json) {
    return json == null || json.isNull() ? Optional.empty() : Optional.of(json);
  }

  private static <T> List<T> list(JsonNode json, String path, long limit, BiFunction<JsonNode, String, T> item) {
    if (json == null || json.isMissingNode()) {
      throw new JsonFieldException(path, "missing");
    }
    if (!json.isArray()) {
      throw new JsonFieldException(path, "must be an array, got " + EngineHex.abbreviate(json.toString()));
    }
    if (json.size() > limit) {
      throw new JsonFieldException(path, "has " + json.size() + " items, more than the limit " + limit);
    }
    List<T> out = new ArrayList<>(json.size());
    for (int i = 0; i < json.size(); i++) {
      out.add(item.apply(json.get(i), path + "[" + i + "]"));
    }
    return out;
  }
}
