package io.edvt.node.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.node.execution.json.EngineJson;
import io.edvt.spec.config.SpecConfigLoader;
import io.edvt.spec.datastructures.execution.ExecutionPayload;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Shared pieces of the execution engine tests. */
final class EngineTesting {
  /** Mainnet's Fulu schemas (the presets' payload limits differ; mainnet's fit the spec examples). */
  static final SchemaDefinitionsFulu MAINNET = new SchemaDefinitionsFulu(SpecConfigLoader.load("mainnet"));
  static final EngineJson JSON = new EngineJson(MAINNET);

  private EngineTesting() {}

  /** The answer of a call, which must come within 20 s and never as an exception. */
  static <T> EngineResponse<T> await(CompletableFuture<EngineResponse<T>> call) {
    try {
      return call.get(20, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new AssertionError("an engine call must complete normally within its timeout", e);
    }
  }

  /** The result of a call that must succeed. */
  static <T> T ok(CompletableFuture<EngineResponse<T>> call) {
    EngineResponse<T> response = await(call);
    assertThat(response.failureReason()).as("failure").isEmpty();
    return response.orElseThrow();
  }

  /** The failure of a call that must fail. */
  static EngineFailure failure(CompletableFuture<? extends EngineResponse<?>> call) {
    EngineResponse<?> response;
    try {
      response = call.get(20, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new AssertionError("an engine call must complete normally within its timeout", e);
    }
    assertThat(response.isOk()).as("call succeeded: %s", response).isFalse();
    return response.failureReason().orElseThrow();
  }

  /** The execution payload of the execution-apis {@code engine_getPayloadV5} example. */
  static ExecutionPayload specExamplePayload() {
    return JSON.executionPayload(FakeExecutionClient.fixture("getPayloadV5.json").get("result").get("executionPayload"),
        "executionPayload");
  }
}
