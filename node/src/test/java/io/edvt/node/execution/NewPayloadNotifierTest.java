package io.edvt.node.execution;

import static io.edvt.node.execution.EngineTesting.JSON;
import static io.edvt.node.execution.EngineTesting.MAINNET;
import static io.edvt.node.execution.EngineTesting.specExamplePayload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.node.execution.EngineFailure.Offline;
import io.edvt.node.execution.FakeExecutionClient.DropWhen;
import io.edvt.node.execution.http.HttpEngineApi;
import io.edvt.node.execution.http.JwtSecret;
import io.edvt.node.execution.http.JwtTokens;
import io.edvt.spec.logic.execution.NewPayloadRequest;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The spec's {@code ExecutionEngine} over the Engine API: it answers the state transition at once
 * and hands the importer a verdict per {@code sync/optimistic.md}.
 */
class NewPayloadNotifierTest {
  private static final Bytes32 LATEST_VALID = Bytes32.fromHexString("0x" + "1a".repeat(32));
  private static final NewPayloadRequest REQUEST =
      new NewPayloadRequest(specExamplePayload(), List.of(), Bytes32.ZERO, MAINNET.executionRequests().defaultValue());

  private final JwtSecret secret = JwtSecret.random();
  private final FakeExecutionClient el = new FakeExecutionClient(secret);
  private final HttpEngineApi engine = new HttpEngineApi(el.endpoint(), new JwtTokens(secret, InstantSource.system()), JSON);

  @AfterEach
  void close() {
    engine.close();
    el.close();
  }

  @ParameterizedTest
  @EnumSource(ExecutionStatus.class)
  void eachStatusBecomesTheVerdictTheImporterActsOn(ExecutionStatus status) throws Exception {
    String latestValid = status == ExecutionStatus.VALID || status == ExecutionStatus.INVALID
        ? "\"" + LATEST_VALID + "\"" : "null";
    el.onResult("engine_newPayloadV4", "{\"status\":\"" + status + "\",\"latestValidHash\":" + latestValid
        + ",\"validationError\":" + (status.isInvalid() ? "\"why\"" : "null") + "}");
    NewPayloadNotifier notifier = new NewPayloadNotifier(engine);

    assertThat(notifier.verifyAndNotifyNewPayload(REQUEST)).isTrue();
    PayloadVerdict verdict = notifier.verdict().get(10, TimeUnit.SECONDS);

    switch (status) {
      case VALID -> assertThat(verdict).isInstanceOf(PayloadVerdict.Valid.class);
      case SYNCING, ACCEPTED -> assertThat(verdict).isInstanceOf(PayloadVerdict.Optimistic.class);
      case INVALID -> assertThat(verdict).isInstanceOfSatisfying(PayloadVerdict.Invalid.class,
          invalid -> assertThat(invalid.latestValidHash()).hasValue(LATEST_VALID));
      case INVALID_BLOCK_HASH -> assertThat(verdict).isInstanceOfSatisfying(PayloadVerdict.Invalid.class,
          invalid -> assertThat(invalid.status().validationError()).hasValue("why"));
    }
    assertThat(el.requests()).singleElement()
        .satisfies(r -> assertThat(r.get("method").asText()).isEqualTo("engine_newPayloadV4"));
  }

  @Test
  void answersTheStateTransitionBeforeTheEngineAnswersAndReportsAnEngineThatWentAwayAsUnavailable() throws Exception {
    CountDownLatch goAway = new CountDownLatch(1);
    el.on("engine_newPayloadV4", request -> new DropWhen(goAway));
    NewPayloadNotifier notifier = new NewPayloadNotifier(engine);

    assertThat(notifier.verifyAndNotifyNewPayload(REQUEST)).isTrue();
    assertThat(notifier.verdict()).isNotDone();

    goAway.countDown();
    PayloadVerdict verdict = notifier.verdict().get(5, TimeUnit.SECONDS);
    assertThat(verdict).isInstanceOfSatisfying(PayloadVerdict.Unavailable.class, unavailable -> assertThat(unavailable.failure())
        .isInstanceOfSatisfying(Offline.class, offline -> assertThat(offline.reason()).isEqualTo(Offline.Reason.CONNECTION_LOST)));
  }

  @Test
  void anEngineErrorIsUnavailableNotInvalid() throws Exception {
    el.onError("engine_newPayloadV4", -38005, "Unsupported fork");
    NewPayloadNotifier notifier = new NewPayloadNotifier(engine);
    notifier.verifyAndNotifyNewPayload(REQUEST);
    assertThat(notifier.verdict().get(10, TimeUnit.SECONDS)).isEqualTo(new PayloadVerdict.Unavailable(
        new EngineFailure.RpcError(EngineError.UNSUPPORTED_FORK, -38005, "Unsupported fork")));
  }

  @Test
  void aNotifierServesOneBlock() {
    el.onResult("engine_newPayloadV4", "{\"status\":\"SYNCING\",\"latestValidHash\":null,\"validationError\":null}");
    NewPayloadNotifier notifier = new NewPayloadNotifier(engine);
    notifier.verifyAndNotifyNewPayload(REQUEST);
    assertThatThrownBy(() -> notifier.verifyAndNotifyNewPayload(REQUEST))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("serves one block");
  }

  @Test
  void verdictsOfResponsesFollowOptimisticSync() {
    assertThat(PayloadVerdict.of(EngineResponse.ok(PayloadStatus.syncing())))
        .isEqualTo(new PayloadVerdict.Optimistic(PayloadStatus.syncing()));
    assertThat(PayloadVerdict.of(EngineResponse.ok(PayloadStatus.invalid(Optional.empty(), "x"))))
        .isInstanceOf(PayloadVerdict.Invalid.class);
    Offline offline = new Offline(Offline.Reason.TIMED_OUT, "engine_newPayloadV4: no answer within 8000 ms");
    assertThat(PayloadVerdict.of(EngineResponse.failed(offline))).isEqualTo(new PayloadVerdict.Unavailable(offline));
  }
}
