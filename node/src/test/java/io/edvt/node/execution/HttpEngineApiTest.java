package io.edvt.node.execution;

import static io.edvt.node.execution.EngineTesting.JSON;
import static io.edvt.node.execution.EngineTesting.await;
import static io.edvt.node.execution.EngineTesting.failure;
import static io.edvt.node.execution.EngineTesting.ok;
import static io.edvt.node.execution.EngineTesting.specExamplePayload;
import static io.edvt.node.execution.FakeExecutionClient.fixture;
import static io.edvt.node.execution.FakeExecutionClient.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ethereum.ckzg4844.CKZG4844JNI;
import io.edvt.infrastructure.crypto.kzg.Kzg;
import io.edvt.infrastructure.unsigned.UInt256;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.execution.EngineFailure.Offline;
import io.edvt.node.execution.FakeExecutionClient.Drop;
import io.edvt.node.execution.FakeExecutionClient.Hang;
import io.edvt.node.execution.FakeExecutionClient.Raw;
import io.edvt.node.execution.http.HttpEngineApi;
import io.edvt.node.execution.http.JwtSecret;
import io.edvt.node.execution.http.JwtTokens;
import io.edvt.spec.datastructures.execution.ExecutionPayload;
import io.edvt.spec.datastructures.execution.ExecutionRequests;
import io.edvt.spec.datastructures.execution.Withdrawal;
import io.edvt.spec.logic.execution.NewPayloadRequest;
import io.edvt.spec.logic.versions.fulu.MiscHelpersFulu;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Engine API client over HTTP against a loopback server that answers like an execution client:
 * the Osaka methods ethereumjs lacks ({@code getPayloadV5}, {@code getBlobsV2}) from the
 * execution-apis examples, the request forms, the typed errors, and an execution client that
 * refuses the JWT, hangs, drops the connection or is not there.
 */
class HttpEngineApiTest {
  private final JwtSecret secret = JwtSecret.random();
  private final FakeExecutionClient el = new FakeExecutionClient(secret);
  private final HttpEngineApi engine = client(el.endpoint(), secret);

  /**
   * The first request of a JVM loads the JDK's HTTP client, which on a loaded machine can take
   * longer than the 1 s timeouts the tests below measure the server against: one 8 s call first.
   */
  @BeforeAll
  static void loadTheHttpClient() {
    JwtSecret secret = JwtSecret.random();
    try (FakeExecutionClient el = new FakeExecutionClient(secret); HttpEngineApi engine = client(el.endpoint(), secret)) {
      el.onResult("engine_forkchoiceUpdatedV3",
          "{\"payloadStatus\":{\"status\":\"SYNCING\",\"latestValidHash\":null,\"validationError\":null},\"payloadId\":null}");
      ok(engine.forkchoiceUpdatedV3(new ForkchoiceState(hash(1), hash(1), hash(1)), Optional.empty()));
    }
  }

  @AfterEach
  void close() {
    engine.close();
    el.close();
  }

  private static HttpEngineApi client(URI endpoint, JwtSecret secret) {
    return new HttpEngineApi(endpoint, new JwtTokens(secret, InstantSource.system()), JSON);
  }

  @Test
  void getPayloadV5ReadsTheSpecExampleIntoTheBlockBodyTypes() {
    el.onFixture("engine_getPayloadV5", "getPayloadV5.json");
    PayloadId id = new PayloadId(Bytes.fromHexString("0x00000000038fa5dd"));

    GetPayloadResponse response = ok(engine.getPayloadV5(id));

    assertThat(el.requests()).singleElement().satisfies(request -> {
      assertThat(request.get("method").asText()).isEqualTo("engine_getPayloadV5");
      assertThat(request.get("params").toString()).isEqualTo("[\"0x00000000038fa5dd\"]");
    });
    assertThat(response.executionPayload()).isEqualTo(specExamplePayload());
    assertThat(response.blockValue()).isEqualTo(new UInt256(new BigInteger("10a741a46278014d", 16)));
    assertThat(response.shouldOverrideBuilder()).isFalse();
    assertThat(response.executionRequests().deposits().size()).isEqualTo(2);
    assertThat(response.executionRequests().consolidations().size()).isEqualTo(1);
    BlobsBundle bundle = response.blobsBundle();
    assertThat(bundle.version()).isEqualTo(BlobsBundle.Version.V2);
    assertThat(bundle.commitments()).containsExactly(Bytes48.fromHexString(
        "0x85103a5617937691dfeeb89b86a80d5dc9e3c9d3a1a0e7ce311e26e0bb732eabaa47ffa288f0d54de28209a62a7d29d0"));
    assertThat(bundle.proofs()).hasSize(128);
  }

  @Test
  void theCellProofsOfTheSpecExampleBundleAreReadInCellOrder() {
    el.onFixture("engine_getPayloadV5", "getPayloadV5.json");
    BlobsBundle bundle = ok(engine.getPayloadV5(new PayloadId(Bytes.fromHexString("0x0000000000000001")))).blobsBundle();

    // The example's commitment is not its blob's (c-kzg computes 0xa421e229...); its cell proofs
    // are, so they are checked against the blob's own commitment.
    Kzg.verifyCellKzgProofBatch(List.of(), new long[0], List.of(), List.of()); // loads the trusted setup
    byte[] blob = bundle.blobs().get(0).toArrayUnsafe();
    Bytes48 commitment = Bytes48.wrap(CKZG4844JNI.blobToKzgCommitment(blob));
    byte[] cellBytes = CKZG4844JNI.computeCells(blob);
    List<Bytes> cells = new ArrayList<>();
    for (int i = 0; i < cellBytes.length; i += Kzg.BYTES_PER_CELL) {
      cells.add(Bytes.wrap(cellBytes, i, Kzg.BYTES_PER_CELL));
    }
    long[] indices = LongStream.range(0, cells.size()).toArray();
    List<Bytes48> commitments = Collections.nCopies(cells.size(), commitment);
    assertThat(Kzg.verifyCellKzgProofBatch(commitments, indices, cells, bundle.proofsOf(0))).isTrue();
    List<Bytes48> swapped = new ArrayList<>(bundle.proofsOf(0));
    Collections.swap(swapped, 0, 1);
    assertThat(Kzg.verifyCellKzgProofBatch(commitments, indices, cells, swapped)).isFalse();
  }

  @Test
  void getBlobsV2AsksForTheVersionedHashesAndReadsBlobsWithCellProofs() {
    el.onFixture("engine_getBlobsV2", "getBlobsV2.json");
    Bytes48 commitment = Bytes48.wrap(JSON.blobsBundle(fixture("getPayloadV5.json").get("result").get("blobsBundle"), "b",
        BlobsBundle.Version.V2).commitments().get(0));
    Bytes32 versionedHash = MiscHelpersFulu.kzgCommitmentToVersionedHash(commitment);

    Optional<List<BlobAndProofs>> blobs = ok(engine.getBlobsV2(List.of(versionedHash)));

    assertThat(el.requests().get(0).get("params").toString()).isEqualTo("[[\"" + versionedHash.toHexString() + "\"]]");
    assertThat(blobs).hasValueSatisfying(list -> assertThat(list).singleElement().satisfies(item -> {
      assertThat(item.blob().size()).isEqualTo(131072);
      assertThat(item.proofs()).hasSize(128);
    }));
  }

  @Test
  void getBlobsV2AnsweredWithNullMeansSomeBlobIsMissing() {
    el.onResult("engine_getBlobsV2", "null");
    assertThat(ok(engine.getBlobsV2(List.of(Bytes32.ZERO, Bytes32.ZERO)))).isEmpty();
  }

  @Test
  void getBlobsV2WithFewerItemsThanHashesIsABadResponse() {
    el.onFixture("engine_getBlobsV2", "getBlobsV2.json");
    assertThat(failure(engine.getBlobsV2(List.of(Bytes32.ZERO, Bytes32.ZERO))))
        .isEqualTo(new EngineFailure.BadResponse("engine_getBlobsV2: result: has 1 items for 2 requested hashes"));
  }

  @Test
  void forkchoiceUpdatedV3SendsTheStateAndAttributesInTheSpecForm() {
    el.onResult("engine_forkchoiceUpdatedV3", "{\"payloadStatus\":{\"status\":\"VALID\",\"latestValidHash\":\""
        + hash(1) + "\",\"validationError\":null},\"payloadId\":\"0x0000000000c0ffee\"}");
    ForkchoiceState state = new ForkchoiceState(hash(1), hash(2), hash(3));
    PayloadAttributes attributes = new PayloadAttributes(UInt64.valueOf(1_700_000_012), hash(4),
        Bytes.fromHexString("0x" + "fe".repeat(20)),
        List.of(Withdrawal.create(UInt64.valueOf(16), UInt64.valueOf(0), Bytes.fromHexString("0x" + "0a".repeat(20)),
            UInt64.valueOf(32_000_000_000L))),
        hash(5));

    ForkchoiceUpdatedResult result = ok(engine.forkchoiceUpdatedV3(state, Optional.of(attributes)));

    assertThat(el.requests().get(0).get("params")).isEqualTo(parse("{\"p\":[{"
        + "\"headBlockHash\":\"" + hash(1) + "\",\"safeBlockHash\":\"" + hash(2) + "\",\"finalizedBlockHash\":\"" + hash(3) + "\"},"
        + "{\"timestamp\":\"0x6553f10c\",\"prevRandao\":\"" + hash(4) + "\",\"suggestedFeeRecipient\":\"0x" + "fe".repeat(20) + "\","
        + "\"withdrawals\":[{\"index\":\"0x10\",\"validatorIndex\":\"0x0\",\"address\":\"0x" + "0a".repeat(20) + "\","
        + "\"amount\":\"0x773594000\"}],\"parentBeaconBlockRoot\":\"" + hash(5) + "\"}]}").get("p"));
    assertThat(result).isEqualTo(new ForkchoiceUpdatedResult(PayloadStatus.valid(hash(1)),
        Optional.of(new PayloadId(Bytes.fromHexString("0x0000000000c0ffee")))));
  }

  @Test
  void forkchoiceUpdatedV3WithoutAttributesSendsNullAndMayAnswerSyncing() {
    el.onResult("engine_forkchoiceUpdatedV3",
        "{\"payloadStatus\":{\"status\":\"SYNCING\",\"latestValidHash\":null,\"validationError\":null},\"payloadId\":null}");
    ForkchoiceUpdatedResult result = ok(engine.forkchoiceUpdatedV3(new ForkchoiceState(hash(1), hash(1), hash(1)), Optional.empty()));
    assertThat(el.requests().get(0).get("params").get(1).isNull()).isTrue();
    assertThat(result).isEqualTo(new ForkchoiceUpdatedResult(PayloadStatus.syncing(), Optional.empty()));
  }

  @Test
  void newPayloadV4SendsThePayloadVersionedHashesParentRootAndRequests() {
    el.onResult("engine_newPayloadV4", "{\"status\":\"ACCEPTED\",\"latestValidHash\":null,\"validationError\":null}");
    ExecutionPayload payload = specExamplePayload();
    JsonNode requestsJson = fixture("getPayloadV5.json").get("result").get("executionRequests");
    ExecutionRequests requests = JSON.executionRequests(requestsJson, "r");
    NewPayloadRequest request = new NewPayloadRequest(payload, List.of(hash(7), hash(8)), hash(9), requests);

    PayloadStatus status = ok(engine.newPayloadV4(request));

    JsonNode params = el.requests().get(0).get("params");
    assertThat(params).hasSize(4);
    assertThat(params.get(0)).isEqualTo(fixture("getPayloadV5.json").get("result").get("executionPayload"));
    assertThat(params.get(1).toString()).isEqualTo("[\"" + hash(7) + "\",\"" + hash(8) + "\"]");
    assertThat(params.get(2).asText()).isEqualTo(hash(9).toHexString());
    assertThat(params.get(3)).isEqualTo(requestsJson);
    assertThat(status.status()).isEqualTo(ExecutionStatus.ACCEPTED);
  }

  @Test
  void theGetPayloadRuleTakesV5WhenServedElseV4() {
    assertThat(GetPayloadVersion.choose(List.of(EngineApi.GET_PAYLOAD_V4, EngineApi.GET_PAYLOAD_V5)))
        .isEqualTo(EngineApi.GET_PAYLOAD_V5);
    assertThat(GetPayloadVersion.choose(List.of(EngineApi.NEW_PAYLOAD_V4, EngineApi.GET_PAYLOAD_V4)))
        .isEqualTo(EngineApi.GET_PAYLOAD_V4);
    // a client that lists neither is asked for the fork's own version
    assertThat(GetPayloadVersion.choose(List.of())).isEqualTo(EngineApi.GET_PAYLOAD_V5);
  }

  @Test
  void getPayloadAsksForTheCapabilitiesOnceAndThenUsesV5WhenServed() {
    el.onResult("engine_exchangeCapabilities", "[\"engine_getPayloadV4\",\"engine_getPayloadV5\"]");
    el.onFixture("engine_getPayloadV5", "getPayloadV5.json");
    PayloadId id = new PayloadId(Bytes.fromHexString("0x0000000000000001"));
    assertThat(ok(engine.getPayload(id)).blobsBundle().version()).isEqualTo(BlobsBundle.Version.V2);
    ok(engine.getPayload(id));
    assertThat(el.requests()).extracting(r -> r.get("method").asText())
        .containsExactly("engine_exchangeCapabilities", "engine_getPayloadV5", "engine_getPayloadV5");
  }

  @Test
  void getPayloadFallsBackToV4ForAPragueClientOnceItHasAnsweredTheCapabilities() {
    el.on("engine_exchangeCapabilities", request -> new Raw(502, "<html>Bad Gateway</html>"));
    el.onError("engine_getPayloadV5", -32601, "the method engine_getPayloadV5 does not exist/is not available");
    el.onError("engine_getPayloadV4", -38001, "Unknown payload");
    PayloadId id = new PayloadId(Bytes.fromHexString("0x0000000000000001"));
    // no answer to the capabilities yet: the fork's own V5, and the question is asked again next time
    assertThat(failure(engine.getPayload(id))).isInstanceOfSatisfying(EngineFailure.RpcError.class,
        e -> assertThat(e.error()).isEqualTo(EngineError.METHOD_NOT_FOUND));
    el.onResult("engine_exchangeCapabilities", "[\"engine_forkchoiceUpdatedV3\",\"engine_getPayloadV4\",\"engine_newPayloadV4\"]");
    assertThat(failure(engine.getPayload(id))).isInstanceOfSatisfying(EngineFailure.RpcError.class,
        e -> assertThat(e.error()).isEqualTo(EngineError.UNKNOWN_PAYLOAD));
    failure(engine.getPayload(id));
    assertThat(el.requests()).extracting(r -> r.get("method").asText()).containsExactly("engine_exchangeCapabilities",
        "engine_getPayloadV5", "engine_exchangeCapabilities", "engine_getPayloadV4", "engine_getPayloadV4");
  }

  @Test
  void exchangeCapabilitiesSendsOurMethodsAndReadsTheirs() {
    el.onResult("engine_exchangeCapabilities", "[\"engine_newPayloadV4\",\"engine_getPayloadV5\"]");
    assertThat(ok(engine.exchangeCapabilities(EngineApi.CONSENSUS_METHODS)))
        .containsExactly("engine_newPayloadV4", "engine_getPayloadV5");
    assertThat(el.requests().get(0).get("params").get(0).toString()).contains("\"engine_getPayloadV5\"", "\"engine_getBlobsV2\"");
  }

  @Test
  void engineApiErrorsAreTyped() {
    el.onError("engine_getPayloadV5", -38001, "Unknown payload");
    el.onError("engine_newPayloadV4", -38005, "Unsupported fork");
    el.onError("engine_forkchoiceUpdatedV3", -38002, "Invalid forkchoice state");
    assertThat(failure(engine.getPayloadV5(new PayloadId(Bytes.fromHexString("0x0102030405060708")))))
        .isEqualTo(new EngineFailure.RpcError(EngineError.UNKNOWN_PAYLOAD, -38001, "Unknown payload"));
    assertThat(failure(engine.newPayloadV4(new NewPayloadRequest(specExamplePayload(), List.of(), hash(1),
        EngineTesting.MAINNET.executionRequests().defaultValue()))))
        .isEqualTo(new EngineFailure.RpcError(EngineError.UNSUPPORTED_FORK, -38005, "Unsupported fork"));
    assertThat(failure(engine.forkchoiceUpdatedV3(new ForkchoiceState(hash(1), hash(1), hash(2)), Optional.empty())))
        .isEqualTo(new EngineFailure.RpcError(EngineError.INVALID_FORKCHOICE_STATE, -38002, "Invalid forkchoice state"));
  }

  @Test
  void aServerErrorCarriesItsExplanation() {
    el.on("engine_getPayloadV5", request -> new FakeExecutionClient.Answer(parse(
        "{\"jsonrpc\":\"2.0\",\"id\":0,\"error\":{\"code\":-32000,\"message\":\"Server error\",\"data\":{\"err\":\"Database corrupted\"}}}")));
    assertThat(failure(engine.getPayloadV5(new PayloadId(Bytes.fromHexString("0x0102030405060708")))))
        .isEqualTo(new EngineFailure.RpcError(EngineError.SERVER_ERROR, -32000, "Server error (Database corrupted)"));
  }

  @Test
  void aJwtUnderAnotherSecretIsRefusedWithAnAuthError() {
    try (HttpEngineApi stranger = client(el.endpoint(), JwtSecret.random())) {
      EngineFailure refused = failure(stranger.exchangeCapabilities(EngineApi.CONSENSUS_METHODS));
      assertThat(refused).isInstanceOf(EngineFailure.Unauthorized.class);
      assertThat(((EngineFailure.Unauthorized) refused).httpStatus()).isEqualTo(401);
      assertThat(refused.describe()).contains("--ee-jwt-secret-file");
    }
    assertThat(el.requests()).isEmpty();
  }

  @Test
  void anEngineThatDoesNotAnswerIsOfflineWhenTheMethodTimesOut() {
    el.on("engine_getPayloadV5", request -> new Hang());
    long start = System.nanoTime();
    EngineFailure failure = failure(engine.getPayloadV5(new PayloadId(Bytes.fromHexString("0x0102030405060708"))));
    Duration waited = Duration.ofNanos(System.nanoTime() - start);

    assertThat(failure).isEqualTo(new Offline(Offline.Reason.TIMED_OUT, "engine_getPayloadV5: no answer within 1000 ms"));
    assertThat(waited).isBetween(HttpEngineApi.GET_PAYLOAD_TIMEOUT.minusMillis(50), HttpEngineApi.GET_PAYLOAD_TIMEOUT.plusSeconds(2));
  }

  @Test
  void aConnectionDroppedMidRequestIsOffline() {
    el.on("engine_newPayloadV4", request -> new Drop());
    EngineFailure failure = failure(engine.newPayloadV4(new NewPayloadRequest(specExamplePayload(), List.of(), hash(1),
        EngineTesting.MAINNET.executionRequests().defaultValue())));
    assertThat(failure).isInstanceOfSatisfying(Offline.class,
        offline -> assertThat(offline.reason()).isEqualTo(Offline.Reason.CONNECTION_LOST));
  }

  @Test
  void nothingListeningIsOfflineAtOnce() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    try (HttpEngineApi nowhere = client(URI.create("http://127.0.0.1:" + port), secret)) {
      long start = System.nanoTime();
      EngineFailure failure = failure(nowhere.newPayloadV4(new NewPayloadRequest(specExamplePayload(), List.of(), hash(1),
          EngineTesting.MAINNET.executionRequests().defaultValue())));
      assertThat(failure).isInstanceOfSatisfying(Offline.class,
          offline -> assertThat(offline.reason()).isEqualTo(Offline.Reason.UNREACHABLE));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void answersThatAreNotTheResultAreBadResponsesNamingWhatIsWrong() {
    el.onResult("engine_forkchoiceUpdatedV3", "{\"payloadStatus\":{\"latestValidHash\":null},\"payloadId\":null}");
    assertThat(failure(engine.forkchoiceUpdatedV3(new ForkchoiceState(hash(1), hash(1), hash(1)), Optional.empty())))
        .isEqualTo(new EngineFailure.BadResponse("engine_forkchoiceUpdatedV3: result.payloadStatus.status: missing or not a string"));

    el.on("engine_exchangeCapabilities", request -> new Raw(502, "<html>Bad Gateway</html>"));
    assertThat(failure(engine.exchangeCapabilities(List.of())))
        .isEqualTo(new EngineFailure.BadResponse("engine_exchangeCapabilities: HTTP 502, not JSON: <html>Bad Gateway</html>"));

    el.on("engine_getBlobsV2", request -> new Raw(200, "{\"jsonrpc\":\"2.0\",\"id\":99999,\"result\":null}"));
    assertThat(failure(engine.getBlobsV2(List.of())).describe()).contains("has id 99999");
  }

  @Test
  void callsNeverThrowEvenWhenTheClientIsClosed() {
    engine.close();
    EngineResponse<List<String>> response = await(engine.exchangeCapabilities(List.of()));
    assertThat(response.failureReason()).hasValueSatisfying(f -> assertThat(f).isInstanceOf(Offline.class));
  }

  private static Bytes32 hash(int n) {
    return Bytes32.leftPad(Bytes.of(n));
  }
}
