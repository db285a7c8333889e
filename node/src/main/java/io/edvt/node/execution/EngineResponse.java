package io.edvt.node.execution;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one Engine API call: its result, or why there is none.
 *
 * <pre>{@code
 * switch (response) {
 *   case EngineResponse.Ok<PayloadStatus>(var status) -> ...
 *   case EngineResponse.Failed<PayloadStatus>(EngineFailure.Offline offline) -> ...
 *   case EngineResponse.Failed<PayloadStatus>(var other) -> ...
 * }
 * }</pre>
 */
public sealed interface EngineResponse<T> {
  record Ok<T>(T value) implements EngineResponse<T> {
    public Ok {
      Objects.requireNonNull(value, "value");
    }
  }

  record Failed<T>(EngineFailure failure) implements EngineResponse<T> {
    public Failed {
      Objects.requireNonNull(failure, "failure");
    }
  }

  static <T> EngineResponse<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> EngineResponse<T> failed(EngineFailure failure) {
    return new Failed<>(failure);
  }

  /** Whether the call succeeded. */
  default boolean isOk() {
    return this instanceof Ok<T>;
  }

  /** Why the call failed, if it did. */
  default Optional<EngineFailure> failureReason() {
    return this instanceof Failed<T> failed ? Optional.of(failed.failure()) : Optional.empty();
  }

  /** The result, or an {@link EngineFailureException} carrying the failure (for code that cannot go on without it). */
  default T orElseThrow() {
    return switch (this) {
      case Ok<T> ok -> ok.value();
      case Failed<T> failed -> throw new EngineFailureException(failed.failure());
    };
  }
}
