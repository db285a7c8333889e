package io.edvt.node.execution.embedded;

import io.edvt.infrastructure.crypto.Sha256;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ByteVectorType;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.infrastructure.unsigned.UInt256;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.execution.BlobAndProofs;
import io.edvt.node.execution.BlobsBundle;
import io.edvt.node.execution.EngineApi;
import io.edvt.node.execution.EngineError;
import io.edvt.node.execution.EngineFailure.RpcError;
import io.edvt.node.execution.EngineResponse;
import io.edvt.node.execution.ForkchoiceState;
import io.edvt.node.execution.ForkchoiceUpdatedResult;
import io.edvt.node.execution.GetPayloadResponse;
import io.edvt.node.execution.PayloadAttributes;
import io.edvt.node.execution.PayloadId;
import io.edvt.node.execution.PayloadStatus;
import io.edvt.spec.datastructures.execution.ExecutionPayload;
import io.edvt.spec.datastructures.execution.ExecutionPayloadHeader;
import io.edvt.spec.datastructures.execution.ExecutionRequests;
import io.edvt.spec.datastructures.execution.Withdrawal;
import io.edvt.spec.logic.execution.NewPayloadRequest;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;

/**
 * A deterministic execution engine inside the node, for when no execution client is configured
 * (local devnets, tests). It executes nothing: a payload it builds on a parent carries the
 * attributes' timestamp, prev_randao, fee recipient and withdrawals, no transactions and no blobs,
 * and copies the parent's state root, gas limit and base fee. Its block hash is a SHA-256 of the
 * payload's other fields and the parent beacon block root, so every node running this engine
 * builds, and accepts, the same payload for the same parent and attributes.
 *
 * <p>Answers, following the Engine API's rules:
 * <ul>
 *   <li>{@code newPayloadV4}: {@code INVALID_BLOCK_HASH} if the block hash is not the hash of the
 *       fields; {@code SYNCING} if the parent is unknown; {@code VALID} (and the block is
 *       remembered) if the payload is exactly the one this engine builds on that parent with the
 *       payload's own attributes, else {@code INVALID} naming the first field that differs, with
 *       the parent as latest valid hash.
 *   <li>{@code forkchoiceUpdatedV3}: {@code SYNCING} for an unknown head; -38002 if the finalized
 *       block is not an ancestor of the head; with attributes, -38003 unless their timestamp is
 *       after the head's, else {@code VALID} and the id of the build (its first 8 block-hash bytes).
 *   <li>{@code getPayloadV4}/{@code V5}: the built payload, with an empty bundle and no requests;
 *       -38001 for an id it did not hand out (it keeps the last {@value #KEPT_BUILDS} builds).
 *   <li>{@code getBlobsV2}: no blob is ever in its pool, so {@code null} for any hash.
 * </ul>
 * Blocks below the finalized block's number are forgotten when the finalized block moves.
 * Thread-safe; every future it returns is already complete.
 */
public final class EmbeddedEngine implements EngineApi {
  /** How many build processes {@code getPayload} can still answer for. */
  public static final int KEPT_BUILDS = 32;
  /** {@code extra_data} of every payload this engine builds. */
  public static final Bytes EXTRA_DATA = Bytes.wrap("edvt embedded engine".getBytes(StandardCharsets.US_ASCII));
  /** The root of an empty Merkle-Patricia trie: the receipts root of a block without transactions. */
  public static final Bytes32 EMPTY_TRIE_ROOT =
      Bytes32.fromHexString("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
  private static final byte[] HASH_DOMAIN = "EDVT embedded engine block hash".getBytes(StandardCharsets.US_ASCII);

  /** What the engine keeps of a block it accepted: what building on it and checking ancestry need. */
  private record Block(Bytes32 hash, Bytes32 parentHash, UInt64 number, UInt64 timestamp, UInt64 gasLimit,
      UInt256 baseFeePerGas, Bytes32 stateRoot) {}

  private final ContainerType<? extends ExecutionPayload> payloadType;
  private final ListType<Bytes> transactionsType;
  private final ListType<Withdrawal> withdrawalsType;
  private final Bytes emptyLogsBloom;
  private final ExecutionRequests noRequests;
  private final Map<Bytes32, Block> blocks = new HashMap<>();
  private final Map<PayloadId, ExecutionPayload> builds = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<PayloadId, ExecutionPayload> eldest) {
      return size() > KEPT_BUILDS;
    }
  };
  private UInt64 finalizedNumber;

  /**
   * An engine that knows one block, the anchor: the execution block of the chain's genesis or
   * checkpoint state ({@code state.latest_execution_payload_header}).
   */
  @SuppressWarnings("unchecked")
  public EmbeddedEngine(SchemaDefinitionsFulu schemas, ExecutionPayloadHeader anchor) {
    this.payloadType = schemas.executionPayload();
    this.transactionsType = (ListType<Bytes>) payloadType.fields().get(ExecutionPayload.TRANSACTIONS).type();
    this.withdrawalsType = (ListType<Withdrawal>) payloadType.fields().get(ExecutionPayload.WITHDRAWALS).type();
    this.emptyLogsBloom = ((ByteVectorType<?>) payloadType.fields().get(ExecutionPayload.LOGS_BLOOM).type()).defaultValue();
    this.noRequests = schemas.executionRequests().defaultValue();
    Block block = new Block(anchor.blockHash(), anchor.parentHash(), anchor.blockNumber(), anchor.timestamp(),
        anchor.gasLimit(), anchor.baseFeePerGas(), anchor.stateRoot());
    blocks.put(block.hash(), block);
    this.finalizedNumber = anchor.blockNumber();
  }

  @Override
  public CompletableFuture<EngineResponse<List<String>>> exchangeCapabilities(List<String> consensusMethods) {
    return done(EngineResponse.ok(CONSENSUS_METHODS));
  }

  @Override
  public synchronized CompletableFuture<EngineResponse<ForkchoiceUpdatedResult>> forkchoiceUpdatedV3(
      ForkchoiceState state, Optional<PayloadAttributes> attributes) {
    Block head = blocks.get(state.headBlockHash());
    if (head == null) {
      return done(EngineResponse.ok(new ForkchoiceUpdatedResult(PayloadStatus.syncing(), Optional.empty())));
    }
    for (Bytes32 ancestor : List.of(state.safeBlockHash(), state.finalizedBlockHash())) {
      if (!ancestor.isZero() && !isAncestorOrSelf(ancestor, head)) {
        return done(EngineResponse.failed(RpcError.of(EngineError.INVALID_FORKCHOICE_STATE,
            "block " + ancestor + " is not an ancestor of the head " + head.hash())));
      }
    }
    Block finalized = blocks.get(state.finalizedBlockHash());
    if (finalized != null && finalized.number().isGreaterThan(finalizedNumber)) {
      finalizedNumber = finalized.number();
      blocks.values().removeIf(b -> b.number().isLessThan(finalizedNumber));
    }
    PayloadStatus valid = PayloadStatus.valid(head.hash());
    if (attributes.isEmpty()) {
      return done(EngineResponse.ok(new ForkchoiceUpdatedResult(valid, Optional.empty())));
    }
    PayloadAttributes attrs = attributes.get();
    if (!attrs.timestamp().isGreaterThan(head.timestamp())) {
      return done(EngineResponse.failed(RpcError.of(EngineError.INVALID_PAYLOAD_ATTRIBUTES,
          "timestamp " + attrs.timestamp() + " is not after the head's " + head.timestamp())));
    }
    ExecutionPayload payload = build(head, attrs.timestamp(), attrs.prevRandao(), attrs.suggestedFeeRecipient(),
        withdrawalsType.of(attrs.withdrawals()), attrs.parentBeaconBlockRoot());
    PayloadId id = new PayloadId(payload.blockHash().slice(0, PayloadId.SIZE));
    builds.put(id, payload);
    return done(EngineResponse.ok(new ForkchoiceUpdatedResult(valid, Optional.of(id))));
  }

  @Override
  public CompletableFuture<EngineResponse<GetPayloadResponse>> getPayloadV4(PayloadId payloadId) {
    return getPayload(payloadId, BlobsBundle.Version.V1);
  }

  @Override
  public CompletableFuture<EngineResponse<GetPayloadResponse>> getPayloadV5(PayloadId payloadId) {
    return getPayload(payloadId, BlobsBundle.Version.V2);
  }

  private synchronized CompletableFuture<EngineResponse<GetPayloadResponse>> getPayload(
      PayloadId payloadId, BlobsBundle.Version version) {
    ExecutionPayload payload = builds.get(payloadId);
    if (payload == null) {
      return done(EngineResponse.failed(RpcError.of(EngineError.UNKNOWN_PAYLOAD, "no build process " + payloadId)));
    }
    return done(EngineResponse.ok(
        new GetPayloadResponse(payload, UInt256.ZERO, BlobsBundle.empty(version), false, noRequests)));
  }

  /**
   * A payload of a block the node's own storage holds, remembered as the anchor is: after a
   * restart this engine knows only its anchor, while the chain resumes at its stored head, and an
   * engine that cannot find the head's payload answers {@code SYNCING} to everything built on it (the
   * node could then neither propose nor validate a group's proposal). Only a payload whose block
   * hash is this engine's hash of its fields is taken; returns whether it was.
   */
  public synchronized boolean remember(ExecutionPayload payload, Bytes32 parentBeaconBlockRoot) {
    if (!blockHash(payload, parentBeaconBlockRoot).equals(payload.blockHash())) {
      return false;
    }
    blocks.putIfAbsent(payload.blockHash(), new Block(payload.blockHash(), payload.parentHash(), payload.blockNumber(),
        payload.timestamp(), payload.gasLimit(), payload.baseFeePerGas(), payload.stateRoot()));
    return true;
  }

  @Override
  public synchronized CompletableFuture<EngineResponse<PayloadStatus>> newPayloadV4(NewPayloadRequest request) {
    ExecutionPayload payload = request.executionPayload();
    Bytes32 expectedHash = blockHash(payload, request.parentBeaconBlockRoot());
    if (!expectedHash.equals(payload.blockHash())) {
      return done(EngineResponse.ok(PayloadStatus.invalidBlockHash(
          "block hash " + payload.blockHash() + " is not the hash of the payload's fields, " + expectedHash)));
    }
    if (blocks.containsKey(payload.blockHash())) {
      return done(EngineResponse.ok(PayloadStatus.valid(payload.blockHash())));
    }
    Block parent = blocks.get(payload.parentHash());
    if (parent == null) {
      return done(EngineResponse.ok(PayloadStatus.syncing()));
    }
    Optional<String> invalid = whyNotBuiltHere(request, parent);
    if (invalid.isPresent()) {
      return done(EngineResponse.ok(PayloadStatus.invalid(Optional.of(parent.hash()), invalid.get())));
    }
    Block block = new Block(payload.blockHash(), parent.hash(), payload.blockNumber(), payload.timestamp(),
        payload.gasLimit(), payload.baseFeePerGas(), payload.stateRoot());
    blocks.put(block.hash(), block);
    return done(EngineResponse.ok(PayloadStatus.valid(block.hash())));
  }

  @Override
  public CompletableFuture<EngineResponse<Optional<List<BlobAndProofs>>>> getBlobsV2(List<Bytes32> versionedHashes) {
    return done(EngineResponse.ok(versionedHashes.isEmpty() ? Optional.of(List.of()) : Optional.empty()));
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "embedded execution engine";
  }

  // ------------------------------------------------------------------------------- building

  /** The payload this engine builds on {@code parent} with these attributes. */
  private ExecutionPayload build(Block parent, UInt64 timestamp, Bytes32 prevRandao, Bytes feeRecipient,
      SszList<Withdrawal> withdrawals, Bytes32 parentBeaconBlockRoot) {
    ExecutionPayload unhashed = ExecutionPayload.create(
        payloadType,
        parent.hash(),
        feeRecipient,
        parent.stateRoot(),
        EMPTY_TRIE_ROOT,
        emptyLogsBloom,
        prevRandao,
        parent.number().increment(),
        parent.gasLimit(),
        UInt64.ZERO,
        timestamp,
        EXTRA_DATA,
        parent.baseFeePerGas(),
        Bytes32.ZERO,
        transactionsType.defaultValue(),
        withdrawals,
        UInt64.ZERO,
        UInt64.ZERO);
    return withBlockHash(unhashed, blockHash(unhashed, parentBeaconBlockRoot));
  }

  /**
   * Why {@code request} is not the payload this engine builds on {@code parent} with the
   * payload's own timestamp, prev_randao, fee recipient and withdrawals; empty if it is.
   */
  private Optional<String> whyNotBuiltHere(NewPayloadRequest request, Block parent) {
    ExecutionPayload payload = request.executionPayload();
    if (!request.versionedHashes().isEmpty()) {
      return Optional.of("the embedded engine builds no blob transactions, but " + request.versionedHashes().size()
          + " versioned hashes are expected");
    }
    if (!request.executionRequests().equals(noRequests)) {
      return Optional.of("the embedded engine's payloads make no execution requests");
    }
    if (!payload.timestamp().isGreaterThan(parent.timestamp())) {
      return Optional.of("timestamp " + payload.timestamp() + " is not after the parent's " + parent.timestamp());
    }
    ExecutionPayload expected = build(parent, payload.timestamp(), payload.prevRandao(), payload.feeRecipient(),
        payload.withdrawals(), request.parentBeaconBlockRoot());
    for (int i = 0; i < payloadType.fieldCount(); i++) {
      // the block hash differs whenever another field does: name that field
      if (i != ExecutionPayload.BLOCK_HASH && !expected.get(i).equals(payload.get(i))) {
        return Optional.of(payloadType.fieldName(i) + " differs from the payload built on the parent: "
            + abbreviate(payload.get(i)) + " instead of " + abbreviate(expected.get(i)));
      }
    }
    return Optional.empty();
  }

  /**
   * The block hash this engine gives {@code payload}: SHA-256 over a domain tag, the hash tree root
   * of the payload with a zero block hash, and the parent beacon block root (which a real
   * execution block header also commits to).
   */
  public Bytes32 blockHash(ExecutionPayload payload, Bytes32 parentBeaconBlockRoot) {
    Bytes32 fieldsRoot = withBlockHash(payload, Bytes32.ZERO).hashTreeRoot();
    return Bytes32.wrap(Sha256.hash(Bytes.concatenate(Bytes.wrap(HASH_DOMAIN), fieldsRoot, parentBeaconBlockRoot).toArrayUnsafe()));
  }

  private ExecutionPayload withBlockHash(ExecutionPayload payload, Bytes32 blockHash) {
    Object[] values = payload.values();
    values[ExecutionPayload.BLOCK_HASH] = blockHash;
    return payloadType.create(values);
  }

  private boolean isAncestorOrSelf(Bytes32 hash, Block head) {
    Block block = head;
    while (block != null) {
      if (block.hash().equals(hash)) {
        return true;
      }
      if (block.number().isLessThanOrEqualTo(finalizedNumber)) {
        return false;
      }
      block = blocks.get(block.parentHash());
    }
    return false;
  }

  private static String abbreviate(Object value) {
    String text = String.valueOf(value);
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
