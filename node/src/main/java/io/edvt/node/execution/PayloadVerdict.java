package io.edvt.node.execution;

import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * What the block importer does with a block after {@code engine_newPayload}, following
 * consensus-specs {@code sync/optimistic.md}:
 * <ul>
 *   <li>{@link Valid}: import it as fully verified;
 *   <li>{@link Optimistic} ({@code SYNCING} or {@code ACCEPTED}): import it optimistically when
 *       {@code is_optimistic_candidate_block} allows, remembering it in {@code optimistic_roots}
 *       until a later {@code VALID} or {@code INVALID} from the engine (a {@code newPayload} or
 *       {@code forkchoiceUpdated} on it or a descendant) settles it; an optimistic head must not be
 *       proposed or attested on;
 *   <li>{@link Invalid}: reject it, and invalidate its optimistic ancestors back to
 *       {@code latestValidHash} with their descendants;
 *   <li>{@link Unavailable} (the engine failed to answer, or answered with an error): do not
 *       import it and do not apply it to fork choice, optimistically or not; it may be queued and
 *       tried again.
 * </ul>
 */
public sealed interface PayloadVerdict {
  /** The engine validated the payload. */
  record Valid(PayloadStatus status) implements PayloadVerdict {}

  /** The engine has not validated the payload ({@code SYNCING} or {@code ACCEPTED}). */
  record Optimistic(PayloadStatus status) implements PayloadVerdict {}

  /** The engine found the payload invalid ({@code INVALID} or {@code INVALID_BLOCK_HASH}). */
  record Invalid(PayloadStatus status) implements PayloadVerdict {
    /** The latest valid ancestor the engine named, if any (the zero hash: none after the merge). */
    public Optional<Bytes32> latestValidHash() {
      return status.latestValidHash();
    }
  }

  /** No status: the engine was offline, refused the JWT, or answered with an error. */
  record Unavailable(EngineFailure failure) implements PayloadVerdict {}

  /** The verdict on a {@code newPayload} response. */
  static PayloadVerdict of(EngineResponse<PayloadStatus> response) {
    return switch (response) {
      case EngineResponse.Failed<PayloadStatus>(EngineFailure failure) -> new Unavailable(failure);
      case EngineResponse.Ok<PayloadStatus>(PayloadStatus status) -> switch (status.status()) {
        case VALID -> new Valid(status);
        case SYNCING, ACCEPTED -> new Optimistic(status);
        case INVALID, INVALID_BLOCK_HASH -> new Invalid(status);
      };
    };
  }
}
