package io.edvt.node.execution;

import static io.edvt.node.execution.EngineTesting.MAINNET;
import static io.edvt.node.execution.EngineTesting.failure;
import static io.edvt.node.execution.EngineTesting.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.crypto.kzg.Kzg;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.infrastructure.unsigned.UInt256;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.execution.embedded.EmbeddedEngine;
import io.edvt.spec.datastructures.execution.ExecutionPayload;
import io.edvt.spec.datastructures.execution.ExecutionPayloadHeader;
import io.edvt.spec.datastructures.execution.ExecutionRequests;
import io.edvt.spec.datastructures.execution.Withdrawal;
import io.edvt.spec.logic.execution.NewPayloadRequest;
import io.edvt.spec.logic.versions.fulu.MiscHelpersFulu;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

/** The embedded deterministic engine: what it builds, what it accepts, and the Engine API errors it answers with. */
class EmbeddedEngineTest {
  private static final Bytes32 ANCHOR_HASH = Bytes32.fromHexString("0x" + "a1".repeat(32));
  private static final UInt64 GAS_LIMIT = UInt64.valueOf(36_000_000);
  private static final UInt256 BASE_FEE = UInt256.valueOf(7);
  private static final Bytes FEE_RECIPIENT = Bytes.fromHexString("0x" + "fe".repeat(20));
  private static final ExecutionRequests NO_REQUESTS = MAINNET.executionRequests().defaultValue();

  private final EmbeddedEngine engine = newEngine();

  private static EmbeddedEngine newEngine() {
    return newEngine(0);
  }

  private static EmbeddedEngine newEngine(int blobsPerBlock) {
    ExecutionPayloadHeader anchor = ExecutionPayloadHeader.create(MAINNET.executionPayloadHeader(),
        Bytes32.ZERO, Bytes.wrap(new byte[20]), Bytes32.fromHexString("0x" + "5e".repeat(32)), Bytes32.ZERO,
        Bytes.wrap(new byte[256]), Bytes32.ZERO, UInt64.valueOf(100), GAS_LIMIT, UInt64.ZERO, UInt64.valueOf(1_000),
        Bytes.EMPTY, BASE_FEE, ANCHOR_HASH, Bytes32.ZERO, Bytes32.ZERO, UInt64.ZERO, UInt64.ZERO);
    return new EmbeddedEngine(MAINNET, anchor, blobsPerBlock);
  }

  private static PayloadAttributes attributes(long timestamp, Bytes32 beaconRoot) {
    Withdrawal withdrawal = Withdrawal.create(UInt64.valueOf(3), UInt64.valueOf(9), Bytes.fromHexString("0x" + "0a".repeat(20)),
        UInt64.valueOf(1_000_000));
    return new PayloadAttributes(UInt64.valueOf(timestamp), Bytes32.fromHexString("0x" + "7a".repeat(32)), FEE_RECIPIENT,
        List.of(withdrawal), beaconRoot);
  }

  private static ForkchoiceState head(Bytes32 hash) {
    return new ForkchoiceState(hash, hash, ANCHOR_HASH);
  }

  /** The payload {@code engine} builds on {@code parent} with {@code attributes}. */
  private static ExecutionPayload build(EmbeddedEngine engine, Bytes32 parent, PayloadAttributes attributes) {
    ForkchoiceUpdatedResult started = ok(engine.forkchoiceUpdatedV3(head(parent), Optional.of(attributes)));
    assertThat(started.payloadStatus()).isEqualTo(PayloadStatus.valid(parent));
    return ok(engine.getPayloadV5(started.payloadId().orElseThrow())).executionPayload();
  }

  private static NewPayloadRequest request(ExecutionPayload payload, Bytes32 beaconRoot) {
    return new NewPayloadRequest(payload, List.of(), beaconRoot, NO_REQUESTS);
  }

  @Test
  void buildsOnTheAnchorWithTheAttributesAndNothingElse() {
    PayloadAttributes attributes = attributes(1_012, Bytes32.fromHexString("0x" + "be".repeat(32)));
    ForkchoiceUpdatedResult started = ok(engine.forkchoiceUpdatedV3(head(ANCHOR_HASH), Optional.of(attributes)));
    GetPayloadResponse built = ok(engine.getPayloadV5(started.payloadId().orElseThrow()));

    ExecutionPayload payload = built.executionPayload();
    assertThat(payload.parentHash()).isEqualTo(ANCHOR_HASH);
    assertThat(payload.blockNumber()).isEqualTo(UInt64.valueOf(101));
    assertThat(payload.timestamp()).isEqualTo(attributes.timestamp());
    assertThat(payload.prevRandao()).isEqualTo(attributes.prevRandao());
    assertThat(payload.feeRecipient()).isEqualTo(FEE_RECIPIENT);
    assertThat(payload.withdrawals().asList()).isEqualTo(attributes.withdrawals());
    assertThat(payload.transactions().isEmpty()).isTrue();
    assertThat(payload.stateRoot()).isEqualTo(Bytes32.fromHexString("0x" + "5e".repeat(32)));
    assertThat(payload.gasLimit()).isEqualTo(GAS_LIMIT);
    assertThat(payload.baseFeePerGas()).isEqualTo(BASE_FEE);
    assertThat(payload.blockHash()).isEqualTo(engine.blockHash(payload, attributes.parentBeaconBlockRoot()));
    assertThat(started.payloadId()).hasValue(new PayloadId(payload.blockHash().slice(0, 8)));
    assertThat(built.blobsBundle()).isEqualTo(BlobsBundle.empty(BlobsBundle.Version.V2));
    assertThat(built.executionRequests()).isEqualTo(NO_REQUESTS);
    assertThat(ok(engine.getPayloadV4(started.payloadId().orElseThrow())).blobsBundle().version())
        .isEqualTo(BlobsBundle.Version.V1);
  }

  @Test
  void acceptsWhatItBuiltAndBuildsOnIt() {
    Bytes32 root1 = Bytes32.fromHexString("0x" + "01".repeat(32));
    ExecutionPayload first = build(engine, ANCHOR_HASH, attributes(1_012, root1));

    assertThat(ok(engine.newPayloadV4(request(first, root1)))).isEqualTo(PayloadStatus.valid(first.blockHash()));
    assertThat(ok(engine.forkchoiceUpdatedV3(head(first.blockHash()), Optional.empty())))
        .isEqualTo(new ForkchoiceUpdatedResult(PayloadStatus.valid(first.blockHash()), Optional.empty()));
    ExecutionPayload second = build(engine, first.blockHash(), attributes(1_024, Bytes32.ZERO));
    assertThat(second.parentHash()).isEqualTo(first.blockHash());
    assertThat(second.blockNumber()).isEqualTo(UInt64.valueOf(102));
    // idempotent, as the Engine API asks
    assertThat(ok(engine.newPayloadV4(request(first, root1))).status()).isEqualTo(ExecutionStatus.VALID);
  }

  @Test
  void anotherNodesEmbeddedEngineBuildsTheSamePayloadAndAcceptsIt() {
    EmbeddedEngine peer = newEngine();
    Bytes32 root = Bytes32.fromHexString("0x" + "02".repeat(32));
    ExecutionPayload ours = build(engine, ANCHOR_HASH, attributes(1_012, root));

    assertThat(build(peer, ANCHOR_HASH, attributes(1_012, root))).isEqualTo(ours);
    assertThat(ok(newEngine().newPayloadV4(request(ours, root))).status()).isEqualTo(ExecutionStatus.VALID);
  }

  @Test
  void anUnknownParentOrHeadIsSyncing() {
    Bytes32 root = Bytes32.ZERO;
    ExecutionPayload first = build(engine, ANCHOR_HASH, attributes(1_012, root));
    ok(engine.newPayloadV4(request(first, root)));
    ExecutionPayload second = build(engine, first.blockHash(), attributes(1_024, root));

    EmbeddedEngine behind = newEngine();
    assertThat(ok(behind.newPayloadV4(request(second, root)))).isEqualTo(PayloadStatus.syncing());
    assertThat(ok(behind.forkchoiceUpdatedV3(head(second.blockHash()), Optional.of(attributes(1_036, root)))))
        .isEqualTo(new ForkchoiceUpdatedResult(PayloadStatus.syncing(), Optional.empty()));
  }

  @Test
  void aBlockHashThatIsNotTheHashOfTheFieldsIsInvalidBlockHash() {
    Bytes32 root = Bytes32.fromHexString("0x" + "03".repeat(32));
    ExecutionPayload payload = build(engine, ANCHOR_HASH, attributes(1_012, root));

    PayloadStatus otherRoot = ok(engine.newPayloadV4(request(payload, Bytes32.ZERO)));
    assertThat(otherRoot.status()).isEqualTo(ExecutionStatus.INVALID_BLOCK_HASH);
    assertThat(otherRoot.latestValidHash()).isEmpty();
    ExecutionPayload changed = with(payload, ExecutionPayload.GAS_USED, UInt64.ONE);
    assertThat(ok(engine.newPayloadV4(request(changed, root))).status()).isEqualTo(ExecutionStatus.INVALID_BLOCK_HASH);
  }

  @Test
  void aPayloadItWouldNotHaveBuiltIsInvalidAfterItsParent() {
    Bytes32 root = Bytes32.fromHexString("0x" + "04".repeat(32));
    ExecutionPayload payload = build(engine, ANCHOR_HASH, attributes(1_012, root));

    ExecutionPayload gasUsed = rehashed(with(payload, ExecutionPayload.GAS_USED, UInt64.ONE), root);
    PayloadStatus status = ok(engine.newPayloadV4(request(gasUsed, root)));
    assertThat(status.status()).isEqualTo(ExecutionStatus.INVALID);
    assertThat(status.latestValidHash()).hasValue(ANCHOR_HASH);
    assertThat(status.validationError()).hasValue("gas_used differs from the payload built on the parent: 1 instead of 0");

    @SuppressWarnings("unchecked")
    ListType<Bytes> txType = (ListType<Bytes>) MAINNET.executionPayload().fields().get(ExecutionPayload.TRANSACTIONS).type();
    ExecutionPayload withTx = rehashed(with(payload, ExecutionPayload.TRANSACTIONS, txType.of(List.of(Bytes.of(2, 0xf8)))), root);
    assertThat(ok(engine.newPayloadV4(request(withTx, root))).validationError())
        .hasValue("the embedded engine's payloads carry no transaction or one blob transaction (0x03 and versioned hashes)");

    assertThat(ok(engine.newPayloadV4(new NewPayloadRequest(payload, List.of(Bytes32.ZERO), root, NO_REQUESTS))))
        .isEqualTo(PayloadStatus.invalid(Optional.of(ANCHOR_HASH), "the expected versioned hashes [" + Bytes32.ZERO
            + "] are not those of the payload's blob transactions []"));
    // none of these became known: the real one is still accepted
    assertThat(ok(engine.newPayloadV4(request(payload, root))).status()).isEqualTo(ExecutionStatus.VALID);
  }

  @Test
  void getPayloadOfAnIdItDidNotHandOutIsUnknownPayload() {
    assertThat(failure(engine.getPayloadV5(new PayloadId(Bytes.fromHexString("0x0102030405060708")))))
        .isEqualTo(EngineFailure.RpcError.of(EngineError.UNKNOWN_PAYLOAD, "no build process 0x0102030405060708"));
  }

  @Test
  void attributesWhoseTimestampIsNotAfterTheHeadsAreInvalidPayloadAttributes() {
    assertThat(failure(engine.forkchoiceUpdatedV3(head(ANCHOR_HASH), Optional.of(attributes(1_000, Bytes32.ZERO)))))
        .isEqualTo(EngineFailure.RpcError.of(EngineError.INVALID_PAYLOAD_ATTRIBUTES,
            "timestamp 1000 is not after the head's 1000"));
  }

  @Test
  void aFinalizedBlockOffTheHeadsChainIsAnInvalidForkchoiceState() {
    Bytes32 root = Bytes32.ZERO;
    ExecutionPayload a = build(engine, ANCHOR_HASH, attributes(1_012, root));
    ExecutionPayload b = build(engine, ANCHOR_HASH, attributes(1_013, root));
    ok(engine.newPayloadV4(request(a, root)));
    ok(engine.newPayloadV4(request(b, root)));

    EngineFailure failure = failure(engine.forkchoiceUpdatedV3(
        new ForkchoiceState(b.blockHash(), ANCHOR_HASH, a.blockHash()), Optional.empty()));
    assertThat(failure).isInstanceOfSatisfying(EngineFailure.RpcError.class,
        e -> assertThat(e.error()).isEqualTo(EngineError.INVALID_FORKCHOICE_STATE));
    assertThat(ok(engine.forkchoiceUpdatedV3(new ForkchoiceState(b.blockHash(), ANCHOR_HASH, ANCHOR_HASH), Optional.empty()))
        .payloadStatus().status()).isEqualTo(ExecutionStatus.VALID);
  }

  @Test
  void forgetsBlocksBelowTheFinalizedOne() {
    Bytes32 root = Bytes32.ZERO;
    ExecutionPayload a = build(engine, ANCHOR_HASH, attributes(1_012, root));
    ok(engine.newPayloadV4(request(a, root)));
    ExecutionPayload b = build(engine, a.blockHash(), attributes(1_024, root));
    ok(engine.newPayloadV4(request(b, root)));

    ok(engine.forkchoiceUpdatedV3(new ForkchoiceState(b.blockHash(), b.blockHash(), b.blockHash()), Optional.empty()));

    assertThat(ok(engine.forkchoiceUpdatedV3(head(ANCHOR_HASH), Optional.empty())).payloadStatus())
        .isEqualTo(PayloadStatus.syncing());
    assertThat(ok(engine.newPayloadV4(request(b, root))).status()).isEqualTo(ExecutionStatus.VALID);
  }

  @Test
  void hasNoBlobsAndServesTheOsakaMethods() {
    assertThat(ok(engine.getBlobsV2(List.of(Bytes32.ZERO)))).isEmpty();
    assertThat(ok(engine.getBlobsV2(List.of()))).hasValue(List.of());
    assertThat(ok(engine.exchangeCapabilities(List.of()))).contains("engine_getPayloadV5", "engine_newPayloadV4");
  }

  private static ExecutionPayload with(ExecutionPayload payload, int field, Object value) {
    Object[] values = payload.values();
    values[field] = value;
    return MAINNET.executionPayload().create(values);
  }

  private ExecutionPayload rehashed(ExecutionPayload payload, Bytes32 beaconRoot) {
    return with(payload, ExecutionPayload.BLOCK_HASH, engine.blockHash(payload, beaconRoot));
  }

  @Test
  void withBlobsItsPayloadCarriesOneBlobTransactionAndItsBundleHasEveryCellProof() {
    EmbeddedEngine blobby = newEngine(2);
    Bytes32 root = Bytes32.fromHexString("0x" + "0b".repeat(32));
    ForkchoiceUpdatedResult started = ok(blobby.forkchoiceUpdatedV3(head(ANCHOR_HASH), Optional.of(attributes(1_012, root))));
    GetPayloadResponse built = ok(blobby.getPayloadV5(started.payloadId().orElseThrow()));

    BlobsBundle bundle = built.blobsBundle();
    assertThat(bundle.version()).isEqualTo(BlobsBundle.Version.V2);
    assertThat(bundle.blobs()).hasSize(2).doesNotHaveDuplicates();
    assertThat(bundle.proofs()).hasSize(2 * 128);
    List<Bytes32> hashes = bundle.commitments().stream().map(MiscHelpersFulu::kzgCommitmentToVersionedHash).toList();
    for (int b = 0; b < 2; b++) {
      Bytes blob = bundle.blobs().get(b);
      assertThat(bundle.commitments().get(b)).isEqualTo(Kzg.blobToKzgCommitment(blob));
      List<Bytes> cells = Kzg.computeCells(blob);
      long[] indices = {0, 77, 127};
      assertThat(Kzg.verifyCellKzgProofBatch(List.of(bundle.commitments().get(b), bundle.commitments().get(b),
          bundle.commitments().get(b)), indices, List.of(cells.get(0), cells.get(77), cells.get(127)),
          List.of(bundle.proofsOf(b).get(0), bundle.proofsOf(b).get(77), bundle.proofsOf(b).get(127)))).isTrue();
    }
    ExecutionPayload payload = built.executionPayload();
    assertThat(payload.transactions().asList()).containsExactly(
        Bytes.concatenate(Bytes.of(0x03), hashes.get(0), hashes.get(1)));
    assertThat(failure(blobby.getPayloadV4(started.payloadId().orElseThrow())).describe())
        .contains("no V1 blob proofs");

    // another node's engine, itself without blobs, accepts the payload with its versioned hashes, and only with them
    EmbeddedEngine peer = newEngine();
    PayloadStatus wrong = ok(peer.newPayloadV4(new NewPayloadRequest(payload, List.of(hashes.get(1), hashes.get(0)), root,
        NO_REQUESTS)));
    assertThat(wrong.status()).isEqualTo(ExecutionStatus.INVALID);
    assertThat(wrong.validationError().orElseThrow()).contains("are not those of the payload's blob transactions");
    assertThat(ok(peer.newPayloadV4(request(payload, root))).status()).isEqualTo(ExecutionStatus.INVALID);
    assertThat(ok(peer.newPayloadV4(new NewPayloadRequest(payload, hashes, root, NO_REQUESTS))))
        .isEqualTo(PayloadStatus.valid(payload.blockHash()));

    // and then holds its blobs, as a pool would: what a backup publisher builds sidecars from
    List<BlobAndProofs> pooled = ok(peer.getBlobsV2(hashes)).orElseThrow();
    assertThat(pooled.stream().map(BlobAndProofs::blob).toList()).isEqualTo(bundle.blobs());
    assertThat(pooled.get(1).proofs()).isEqualTo(bundle.proofsOf(1));
    assertThat(ok(peer.getBlobsV2(List.of(hashes.get(0), Bytes32.ZERO)))).isEmpty();
  }

  @Test
  void aPayloadWithAnotherBlobThanTheDeterministicOneIsInvalid() {
    EmbeddedEngine blobby = newEngine(1);
    Bytes32 root = Bytes32.fromHexString("0x" + "0c".repeat(32));
    ExecutionPayload payload = build(blobby, ANCHOR_HASH, attributes(1_012, root));
    Bytes32 otherHash = Bytes32.fromHexString("0x01" + "ee".repeat(31));
    @SuppressWarnings("unchecked")
    ListType<Bytes> txType = (ListType<Bytes>) MAINNET.executionPayload().fields().get(ExecutionPayload.TRANSACTIONS).type();
    ExecutionPayload forged = rehashed(with(payload, ExecutionPayload.TRANSACTIONS,
        txType.of(List.of(Bytes.concatenate(Bytes.of(0x03), otherHash)))), root);

    PayloadStatus status = ok(newEngine().newPayloadV4(new NewPayloadRequest(forged, List.of(otherHash), root, NO_REQUESTS)));
    assertThat(status.status()).isEqualTo(ExecutionStatus.INVALID);
    assertThat(status.validationError().orElseThrow()).startsWith("transactions differs from the payload built on the parent");
  }
}
