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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * A deterministic execution engine inside the node, for when no execution client is configured
 * (local devnets, tests). It executes nothing: a payload it builds on a parent carries the
 * attributes' timestamp, prev_randao, fee recipient and withdrawals, and copies the parent's state
 * root, gas limit and base fee. It has no transactions unless the engine was made with blobs per
 * block ({@code --Xembedded-engine-blobs-per-block}): then its one transaction is
 * {@link EmbeddedBlobs}'s blob transaction (type byte {@code 0x03} and the versioned hashes, not
 * RLP) over that many blobs derived from the parent hash and block number. Its block hash is a SHA-256 of the
 * payload's other fields and the parent beacon block root, so every node running this engine
 * builds, and accepts, the same payload for the same parent and attributes.
 *
 * <p>Answers, following the Engine API's rules:
 * <ul>
 *   <li>{@code newPayloadV4}: {@code INVALID_BLOCK_HASH} if the block hash is not the hash of the
 *       fields; {@code SYNCING} if the parent is unknown; {@code VALID} (and the block is
 *       remembered) if the payload is exactly the one this engine builds on that parent with the
 *       payload's own attributes and its own number of blobs, else {@code INVALID} naming the first
 *       field that differs, with the parent as latest valid hash; {@code INVALID} too if the
 *       expected versioned hashes are not those of the payload's blob transaction.
 *   <li>{@code forkchoiceUpdatedV3}: {@code SYNCING} for an unknown head; -38002 if the finalized
 *       block is not an ancestor of the head; with attributes, -38003 unless their timestamp is
 *       after the head's, else {@code VALID} and the id of the build (its first 8 block-hash bytes).
 *   <li>{@code getPayloadV5}: the built payload, its {@code BlobsBundleV2} (blobs, commitments and
 *       every cell proof) and no requests; {@code getPayloadV4} the same for a payload without
 *       blobs (it makes no V1 blob proofs: -38001 for one with blobs); -38001 for an id it did not
 *       hand out (it keeps the last {@value #KEPT_BUILDS} builds).
 *   <li>{@code getBlobsV2}: the blobs of the payloads it built or accepted (the last
 *       {@value #KEPT_BLOBS}) with their cell proofs; {@code null} if any hash is unknown.
 * </ul>
 * Blocks below the finalized block's number are forgotten when the finalized block moves.
 * Thread-safe; every future it returns is already complete.
 */
public final class EmbeddedEngine implements EngineApi {
  /** How many build processes {@code getPayload} can still answer for. */
  public static final int KEPT_BUILDS = 32;
  /** How many blobs of built or accepted payloads {@code getBlobsV2} can still answer for. */
  public static final int KEPT_BLOBS = 64;
  /** {@code extra_data} of every payload this engine builds. */
  public static final Bytes EXTRA_DATA = Bytes.wrap("edvt embedded engine".getBytes(StandardCharsets.US_ASCII));
  /** The root of an empty Merkle-Patricia trie: the receipts root of a block without transactions. */
  public static final Bytes32 EMPTY_TRIE_ROOT =
      Bytes32.fromHexString("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
  private static final byte[] HASH_DOMAIN = "EDVT embedded engine block hash".getBytes(StandardCharsets.US_ASCII);

  /** What the engine keeps of a block it accepted: what building on it and checking ancestry need. */
  /** A payload this engine built, with its blobs. */
  private record Build(ExecutionPayload payload, List<EmbeddedBlobs.Blob> blobs) {}

  private record Block(Bytes32 hash, Bytes32 parentHash, UInt64 number, UInt64 timestamp, UInt64 gasLimit,
      UInt256 baseFeePerGas, Bytes32 stateRoot) {}

  private final ContainerType<? extends ExecutionPayload> payloadType;
  private final ListType<Bytes> transactionsType;
  private final ListType<Withdrawal> withdrawalsType;
  private final Bytes emptyLogsBloom;
  private final ExecutionRequests noRequests;
  private final Map<Bytes32, Block> blocks = new HashMap<>();
  private final Map<PayloadId, Build> builds = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<PayloadId, Build> eldest) {
      return size() > KEPT_BUILDS;
    }
  };
  private final Map<Bytes32, EmbeddedBlobs.Blob> pool = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Bytes32, EmbeddedBlobs.Blob> eldest) {
      return size() > KEPT_BLOBS;
    }
  };
  private final EmbeddedBlobs blobs = new EmbeddedBlobs();
  private final int blobsPerBlock;
  /** With blobs: computes the blobs of the block after each new head ahead, on one daemon thread, the latest head only. */
  private final Optional<ExecutorService> preparer;
  private final AtomicReference<Block> toPrepare = new AtomicReference<>();
  private UInt64 finalizedNumber;

  /**
   * An engine that knows one block, the anchor: the execution block of the chain's genesis or
   * checkpoint state ({@code state.latest_execution_payload_header}).
   */
  public EmbeddedEngine(SchemaDefinitionsFulu schemas, ExecutionPayloadHeader anchor) {
    this(schemas, anchor, 0);
  }

  /**
   * As {@link #EmbeddedEngine(SchemaDefinitionsFulu, ExecutionPayloadHeader)}, building payloads
   * with {@code blobsPerBlock} blobs each (the caller bounds it by the fork's maximum).
   */
  @SuppressWarnings("unchecked")
  public EmbeddedEngine(SchemaDefinitionsFulu schemas, ExecutionPayloadHeader anchor, int blobsPerBlock) {
    if (blobsPerBlock < 0) {
      throw new IllegalArgumentException("blobs per block must not be negative: " + blobsPerBlock);
    }
    this.blobsPerBlock = blobsPerBlock;
    this.preparer = blobsPerBlock == 0 ? Optional.empty() : Optional.of(Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "embedded-engine-blobs");
      t.setDaemon(true);
      return t;
    }));
    this.payloadType = schemas.executionPayload();
    this.transactionsType = (ListType<Bytes>) payloadType.fields().get(ExecutionPayload.TRANSACTIONS).type();
    this.withdrawalsType = (ListType<Withdrawal>) payloadType.fields().get(ExecutionPayload.WITHDRAWALS).type();
    this.emptyLogsBloom = ((ByteVectorType<?>) payloadType.fields().get(ExecutionPayload.LOGS_BLOOM).type()).defaultValue();
    this.noRequests = schemas.executionRequests().defaultValue();
    Block block = new Block(anchor.blockHash(), anchor.parentHash(), anchor.blockNumber(), anchor.timestamp(),
        anchor.gasLimit(), anchor.baseFeePerGas(), anchor.stateRoot());
    blocks.put(block.hash(), block);
    this.finalizedNumber = anchor.blockNumber();
    prepareAfter(block);
  }

  /**
   * Takes {@code payload} as an accepted block without checking it: what an execution client that
   * restarts on its own database knows already. This engine keeps nothing on disk, so a node that
   * restarts hands it back the payloads of its stored blocks after the anchor (they were checked
   * when first imported); without them it would answer {@code SYNCING} for the stored head.
   */
  public synchronized void remember(ExecutionPayload payload) {
    blocks.putIfAbsent(payload.blockHash(), new Block(payload.blockHash(), payload.parentHash(), payload.blockNumber(),
        payload.timestamp(), payload.gasLimit(), payload.baseFeePerGas(), payload.stateRoot()));
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
    prepareAfter(head);
    if (attributes.isEmpty()) {
      return done(EngineResponse.ok(new ForkchoiceUpdatedResult(valid, Optional.empty())));
    }
    PayloadAttributes attrs = attributes.get();
    if (!attrs.timestamp().isGreaterThan(head.timestamp())) {
      return done(EngineResponse.failed(RpcError.of(EngineError.INVALID_PAYLOAD_ATTRIBUTES,
          "timestamp " + attrs.timestamp() + " is not after the head's " + head.timestamp())));
    }
    List<EmbeddedBlobs.Blob> built = blobs.blobs(head.hash(), head.number().increment(), blobsPerBlock);
    ExecutionPayload payload = build(head, attrs.timestamp(), attrs.prevRandao(), attrs.suggestedFeeRecipient(),
        withdrawalsType.of(attrs.withdrawals()), attrs.parentBeaconBlockRoot(), built);
    PayloadId id = new PayloadId(payload.blockHash().slice(0, PayloadId.SIZE));
    builds.put(id, new Build(payload, built));
    built.forEach(b -> pool.put(b.versionedHash(), b));
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

  private CompletableFuture<EngineResponse<GetPayloadResponse>> getPayload(PayloadId payloadId, BlobsBundle.Version version) {
    Build build;
    synchronized (this) {
      build = builds.get(payloadId);
    }
    if (build == null) {
      return done(EngineResponse.failed(RpcError.of(EngineError.UNKNOWN_PAYLOAD, "no build process " + payloadId)));
    }
    if (build.blobs().isEmpty()) {
      return done(EngineResponse.ok(
          new GetPayloadResponse(build.payload(), UInt256.ZERO, BlobsBundle.empty(version), false, noRequests)));
    }
    if (version == BlobsBundle.Version.V1) {
      return done(EngineResponse.failed(RpcError.of(EngineError.UNKNOWN_PAYLOAD,
          "the embedded engine makes no V1 blob proofs; build " + payloadId + " has blobs: use engine_getPayloadV5")));
    }
    // the cell proofs cost a few hundred ms per blob: computed outside the engine's lock
    List<Bytes48> proofs = new ArrayList<>();
    for (EmbeddedBlobs.Blob blob : build.blobs()) {
      proofs.addAll(blobs.proofs(blob));
    }
    BlobsBundle bundle = new BlobsBundle(version, build.blobs().stream().map(EmbeddedBlobs.Blob::commitment).toList(),
        proofs, build.blobs().stream().map(EmbeddedBlobs.Blob::blob).toList());
    return done(EngineResponse.ok(new GetPayloadResponse(build.payload(), UInt256.ZERO, bundle, false, noRequests)));
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
    Optional<List<Bytes32>> carried = blobHashes(payload);
    if (carried.isEmpty()) {
      return done(EngineResponse.ok(PayloadStatus.invalid(Optional.of(parent.hash()),
          "the embedded engine's payloads carry no transaction or one blob transaction (0x03 and versioned hashes)")));
    }
    if (!carried.get().equals(request.versionedHashes())) {
      return done(EngineResponse.ok(PayloadStatus.invalid(Optional.of(parent.hash()), "the expected versioned hashes "
          + request.versionedHashes() + " are not those of the payload's blob transactions " + carried.get())));
    }
    // as many as the block's commitments, which block processing bounded by the fork's maximum before asking
    List<EmbeddedBlobs.Blob> expectedBlobs = blobs.blobs(parent.hash(), parent.number().increment(), carried.get().size());
    Optional<String> invalid = whyNotBuiltHere(request, parent, expectedBlobs);
    if (invalid.isPresent()) {
      return done(EngineResponse.ok(PayloadStatus.invalid(Optional.of(parent.hash()), invalid.get())));
    }
    expectedBlobs.forEach(b -> pool.put(b.versionedHash(), b));
    Block block = new Block(payload.blockHash(), parent.hash(), payload.blockNumber(), payload.timestamp(),
        payload.gasLimit(), payload.baseFeePerGas(), payload.stateRoot());
    blocks.put(block.hash(), block);
    prepareAfter(block);
    return done(EngineResponse.ok(PayloadStatus.valid(block.hash())));
  }

  @Override
  public CompletableFuture<EngineResponse<Optional<List<BlobAndProofs>>>> getBlobsV2(List<Bytes32> versionedHashes) {
    List<EmbeddedBlobs.Blob> found = new ArrayList<>(versionedHashes.size());
    synchronized (this) {
      for (Bytes32 hash : versionedHashes) {
        EmbeddedBlobs.Blob blob = pool.get(hash);
        if (blob == null) {
          return done(EngineResponse.ok(Optional.empty()));
        }
        found.add(blob);
      }
    }
    return done(EngineResponse.ok(Optional.of(found.stream()
        .map(b -> new BlobAndProofs(b.blob(), blobs.proofs(b))).toList())));
  }

  @Override
  public void close() {
    preparer.ifPresent(ExecutorService::shutdownNow);
  }

  /**
   * Starts computing the blobs of the block on {@code head} (commitments and cell proofs), unless a
   * newer head or accepted block comes first: a proposer's build then finds them ready, as a real execution client
   * has its pool's blob transactions and their proofs before it builds.
   */
  private void prepareAfter(Block head) {
    preparer.ifPresent(executor -> {
      if (toPrepare.getAndSet(head) == null) {
        executor.execute(() -> {
          Block latest = toPrepare.getAndSet(null);
          if (latest != null) {
            blobs.prepare(latest.hash(), latest.number().increment(), blobsPerBlock);
          }
        });
      }
    });
  }

  @Override
  public String toString() {
    return "embedded execution engine";
  }

  // ------------------------------------------------------------------------------- building

  /** The payload this engine builds on {@code parent} with these attributes. */
  private ExecutionPayload build(Block parent, UInt64 timestamp, Bytes32 prevRandao, Bytes feeRecipient,
      SszList<Withdrawal> withdrawals, Bytes32 parentBeaconBlockRoot, List<EmbeddedBlobs.Blob> blobs) {
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
        blobs.isEmpty() ? transactionsType.defaultValue() : transactionsType.of(List.of(EmbeddedBlobs.transaction(blobs))),
        withdrawals,
        UInt64.ZERO,
        UInt64.ZERO);
    return withBlockHash(unhashed, blockHash(unhashed, parentBeaconBlockRoot));
  }

  /**
   * Why {@code request} is not the payload this engine builds on {@code parent} with the
   * payload's own timestamp, prev_randao, fee recipient and withdrawals; empty if it is.
   */
  private Optional<String> whyNotBuiltHere(NewPayloadRequest request, Block parent, List<EmbeddedBlobs.Blob> blobs) {
    ExecutionPayload payload = request.executionPayload();
    if (!request.executionRequests().equals(noRequests)) {
      return Optional.of("the embedded engine's payloads make no execution requests");
    }
    if (!payload.timestamp().isGreaterThan(parent.timestamp())) {
      return Optional.of("timestamp " + payload.timestamp() + " is not after the parent's " + parent.timestamp());
    }
    ExecutionPayload expected = build(parent, payload.timestamp(), payload.prevRandao(), payload.feeRecipient(),
        payload.withdrawals(), request.parentBeaconBlockRoot(), blobs);
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
   * The versioned hashes of {@code payload}'s blob transaction: none for no transaction; empty if
   * it has transactions that are not exactly one of {@link EmbeddedBlobs}'s blob transactions.
   */
  private static Optional<List<Bytes32>> blobHashes(ExecutionPayload payload) {
    List<Bytes> transactions = payload.transactions().asList();
    if (transactions.isEmpty()) {
      return Optional.of(List.of());
    }
    return transactions.size() == 1 ? EmbeddedBlobs.versionedHashes(transactions.get(0)) : Optional.empty();
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
