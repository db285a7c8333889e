package io.edvt.node.execution;

import static io.edvt.node.execution.EngineTesting.JSON;
import static io.edvt.node.execution.EngineTesting.failure;
import static io.edvt.node.execution.EngineTesting.ok;
import static io.edvt.node.execution.EngineTesting.specExamplePayload;
import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.execution.EngineFailure.Offline;
import io.edvt.node.execution.http.HttpEngineApi;
import io.edvt.node.execution.http.JwtSecret;
import io.edvt.node.execution.http.JwtTokens;
import io.edvt.spec.datastructures.execution.ExecutionPayload;
import io.edvt.spec.datastructures.execution.Withdrawal;
import io.edvt.spec.logic.execution.NewPayloadRequest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Engine API client against a real execution client, {@code @ethereumjs/client} 0.10.5 on a
 * fresh Prague chain (see {@link EthereumJs}): the Prague methods end to end, its typed errors, a
 * refused JWT, and an execution client killed while a request is in flight. Kept apart from the
 * loopback tests so it can run alone ({@code -Dtest=EthereumJsEngineTest}).
 */
class EthereumJsEngineTest {
  private static final Bytes FEE_RECIPIENT = Bytes.fromHexString("0x" + "fe".repeat(20));

  private static EthereumJs el;
  private static HttpEngineApi engine;

  @BeforeAll
  static void start() {
    el = EthereumJs.start();
    engine = client(el, el.secret());
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.close();
    }
    if (el != null) {
      el.close();
    }
  }

  private static HttpEngineApi client(EthereumJs el, JwtSecret secret) {
    return new HttpEngineApi(el.endpoint(), new JwtTokens(secret, InstantSource.system()), JSON);
  }

  private static PayloadAttributes attributes(EthereumJs.Block parent, int n) {
    List<Withdrawal> withdrawals = List.of(
        Withdrawal.create(UInt64.valueOf(2L * n), UInt64.valueOf(7), Bytes.fromHexString("0x" + "0a".repeat(20)), UInt64.valueOf(1_000_000)),
        Withdrawal.create(UInt64.valueOf(2L * n + 1), UInt64.valueOf(8), Bytes.fromHexString("0x" + "0b".repeat(20)), UInt64.valueOf(32)));
    return new PayloadAttributes(UInt64.valueOf(parent.timestamp() + 12), Bytes32.leftPad(Bytes.of(0x5a, n)), FEE_RECIPIENT,
        withdrawals, Bytes32.leftPad(Bytes.of(0xbe, n)));
  }

  @Test
  void exchangeCapabilitiesListsThePragueMethodsButNotOsakas() {
    List<String> methods = ok(engine.exchangeCapabilities(EngineApi.CONSENSUS_METHODS));
    assertThat(methods).contains("engine_forkchoiceUpdatedV3", "engine_getPayloadV4", "engine_newPayloadV4")
        .doesNotContain("engine_getPayloadV5", "engine_getBlobsV2");
  }

  @Test
  void buildsImportsAndMovesTheHeadThroughTheEngineApi() {
    Bytes32 genesis = el.block("0x0").hash();
    for (int n = 1; n <= 2; n++) {
      EthereumJs.Block parent = el.block("latest");
      PayloadAttributes attributes = attributes(parent, n);

      ForkchoiceUpdatedResult started = ok(engine.forkchoiceUpdatedV3(
          new ForkchoiceState(parent.hash(), parent.hash(), genesis), Optional.of(attributes)));
      assertThat(started.payloadStatus()).isEqualTo(PayloadStatus.valid(parent.hash()));
      GetPayloadResponse built = ok(engine.getPayloadV4(started.payloadId().orElseThrow()));

      ExecutionPayload payload = built.executionPayload();
      assertThat(payload.parentHash()).isEqualTo(parent.hash());
      assertThat(payload.blockNumber()).isEqualTo(UInt64.valueOf(parent.number() + 1));
      assertThat(payload.timestamp()).isEqualTo(attributes.timestamp());
      assertThat(payload.prevRandao()).isEqualTo(attributes.prevRandao());
      assertThat(payload.feeRecipient()).isEqualTo(FEE_RECIPIENT);
      assertThat(payload.withdrawals().asList()).isEqualTo(attributes.withdrawals());
      assertThat(built.blobsBundle()).isEqualTo(BlobsBundle.empty(BlobsBundle.Version.V1));

      PayloadStatus status = ok(engine.newPayloadV4(
          new NewPayloadRequest(payload, List.of(), attributes.parentBeaconBlockRoot(), built.executionRequests())));
      assertThat(status).isEqualTo(PayloadStatus.valid(payload.blockHash()));

      ForkchoiceUpdatedResult moved = ok(engine.forkchoiceUpdatedV3(
          new ForkchoiceState(payload.blockHash(), payload.blockHash(), genesis), Optional.empty()));
      assertThat(moved).isEqualTo(new ForkchoiceUpdatedResult(PayloadStatus.valid(payload.blockHash()), Optional.empty()));
      assertThat(el.block("latest").hash()).isEqualTo(payload.blockHash());
    }
  }

  @Test
  void getPayloadFallsBackToPraguesV4OnThisClient() {
    EthereumJs.Block parent = el.block("latest");
    PayloadAttributes attributes = attributes(parent, 7);
    PayloadId id = ok(engine.forkchoiceUpdatedV3(new ForkchoiceState(parent.hash(), parent.hash(), Bytes32.ZERO),
        Optional.of(attributes))).payloadId().orElseThrow();
    GetPayloadResponse built = ok(engine.getPayload(id));
    assertThat(built.executionPayload().parentHash()).isEqualTo(parent.hash());
    assertThat(built.blobsBundle()).isEqualTo(BlobsBundle.empty(BlobsBundle.Version.V1));
  }

  @Test
  void theNotifierReportsValidForThePayloadAndInvalidUnderAnotherParentBeaconRoot() throws Exception {
    EthereumJs.Block parent = el.block("latest");
    PayloadAttributes attributes = attributes(parent, 9);
    PayloadId id = ok(engine.forkchoiceUpdatedV3(new ForkchoiceState(parent.hash(), parent.hash(), Bytes32.ZERO),
        Optional.of(attributes))).payloadId().orElseThrow();
    GetPayloadResponse built = ok(engine.getPayloadV4(id));

    NewPayloadNotifier wrongRoot = new NewPayloadNotifier(engine);
    wrongRoot.verifyAndNotifyNewPayload(new NewPayloadRequest(built.executionPayload(), List.of(), Bytes32.ZERO, built.executionRequests()));
    assertThat(wrongRoot.verdict().get(10, TimeUnit.SECONDS)).isInstanceOf(PayloadVerdict.Invalid.class);

    NewPayloadNotifier rightRoot = new NewPayloadNotifier(engine);
    rightRoot.verifyAndNotifyNewPayload(new NewPayloadRequest(built.executionPayload(), List.of(),
        attributes.parentBeaconBlockRoot(), built.executionRequests()));
    assertThat(rightRoot.verdict().get(10, TimeUnit.SECONDS))
        .isEqualTo(new PayloadVerdict.Valid(PayloadStatus.valid(built.executionPayload().blockHash())));
  }

  @Test
  void anUnknownHeadIsSyncing() {
    Bytes32 unknown = Bytes32.fromHexString("0x" + "77".repeat(32));
    assertThat(ok(engine.forkchoiceUpdatedV3(new ForkchoiceState(unknown, unknown, unknown), Optional.empty())))
        .isEqualTo(new ForkchoiceUpdatedResult(PayloadStatus.syncing(), Optional.empty()));
  }

  @Test
  void aFinalizedBlockOffTheHeadsChainIsTheTypedInvalidForkchoiceStateError() {
    Bytes32 head = el.block("latest").hash();
    EngineFailure failure = failure(engine.forkchoiceUpdatedV3(
        new ForkchoiceState(head, head, Bytes32.fromHexString("0x" + "11".repeat(32))), Optional.empty()));
    assertThat(failure).isInstanceOfSatisfying(EngineFailure.RpcError.class, e -> {
      assertThat(e.error()).isEqualTo(EngineError.INVALID_FORKCHOICE_STATE);
      assertThat(e.code()).isEqualTo(-38002);
    });
  }

  @Test
  void anUnknownPayloadIdIsTheTypedUnknownPayloadError() {
    EngineFailure failure = failure(engine.getPayloadV4(new PayloadId(Bytes.fromHexString("0x0000000000000001"))));
    // ethereumjs 0.10.5 still answers with the code of early Engine API drafts
    assertThat(failure).isEqualTo(new EngineFailure.RpcError(EngineError.UNKNOWN_PAYLOAD, EngineError.LEGACY_UNKNOWN_PAYLOAD,
        "Unknown payload"));
  }

  @Test
  void theOsakaMethodsAreNotFoundOnThisPragueClient() {
    PayloadId id = new PayloadId(Bytes.fromHexString("0x0000000000000001"));
    assertThat(failure(engine.getPayloadV5(id))).isInstanceOfSatisfying(EngineFailure.RpcError.class,
        e -> assertThat(e.error()).isEqualTo(EngineError.METHOD_NOT_FOUND));
    assertThat(failure(engine.getBlobsV2(List.of(Bytes32.ZERO)))).isInstanceOfSatisfying(EngineFailure.RpcError.class,
        e -> assertThat(e.error()).isEqualTo(EngineError.METHOD_NOT_FOUND));
  }

  @Test
  void aJwtUnderAnotherSecretGets401AsATypedAuthError() {
    try (HttpEngineApi stranger = client(el, JwtSecret.random())) {
      assertThat(failure(stranger.exchangeCapabilities(EngineApi.CONSENSUS_METHODS)))
          .isInstanceOfSatisfying(EngineFailure.Unauthorized.class, e -> assertThat(e.httpStatus()).isEqualTo(401));
    }
  }

  @Test
  void anExecutionClientKilledMidRequestIsOfflineWithinTheTimeout() {
    try (EthereumJs victim = EthereumJs.start(); HttpEngineApi api = client(victim, victim.secret())) {
      NewPayloadRequest request = new NewPayloadRequest(specExamplePayload(), List.of(), Bytes32.ZERO,
          EngineTesting.MAINNET.executionRequests().defaultValue());
      victim.freeze();

      CompletableFuture<EngineResponse<PayloadStatus>> inFlight = api.newPayloadV4(request);
      // a frozen client is a hung one: getPayload gives up after its 1 s
      assertThat(failure(api.getPayloadV4(new PayloadId(Bytes.fromHexString("0x0000000000000001")))))
          .isEqualTo(new Offline(Offline.Reason.TIMED_OUT, "engine_getPayloadV4: no answer within 1000 ms"));
      assertThat(inFlight).as("newPayload waits up to 8 s").isNotDone();

      long killed = System.nanoTime();
      victim.kill();
      EngineFailure failure = failure(inFlight);
      Duration afterKill = Duration.ofNanos(System.nanoTime() - killed);

      assertThat(failure).isInstanceOfSatisfying(Offline.class,
          offline -> assertThat(offline.reason()).isEqualTo(Offline.Reason.CONNECTION_LOST));
      assertThat(afterKill).isLessThan(HttpEngineApi.NEW_PAYLOAD_TIMEOUT);
      assertThat(failure(api.exchangeCapabilities(List.of()))).isInstanceOfSatisfying(Offline.class,
          offline -> assertThat(offline.reason()).isEqualTo(Offline.Reason.UNREACHABLE));
    }
  }
}
