package io.edvt.node.chain;

import java.util.Set;
import org.apache.tuweni.bytes.Bytes32;

/**
 * What became of one block handed to {@link BlockImporter#importBlock}. Gossip maps it to
 * ACCEPT/IGNORE/REJECT, req/resp sync to "go on" or "drop the peer", the API to a status code.
 */
public sealed interface ImportResult {
  /** The root of the block this result is about. */
  Bytes32 blockRoot();

  /** The block is in fork choice and storage; {@code optimistic} when the engine has not validated its payload yet. */
  record Imported(Bytes32 blockRoot, long slot, boolean optimistic) implements ImportResult {}

  /** The block was imported (or is being imported) already; nothing changed. */
  record AlreadyKnown(Bytes32 blockRoot) implements ImportResult {}

  /**
   * The parent is unknown: the block waits in the pending pool (unless {@code queued} is false: the
   * pool refused it, being full of younger blocks or the block too old) and sync should fetch
   * {@code missingRoot} by root. The block is imported when its parent is.
   */
  record UnknownParent(Bytes32 blockRoot, Bytes32 missingRoot, boolean queued) implements ImportResult {}

  /**
   * A consensus rule refused the block; nothing was stored. {@code rule} is the spec's condition
   * (or the fork-choice rule's name), {@code reason} the details.
   */
  record Invalid(Bytes32 blockRoot, String rule, String reason) implements ImportResult {}

  /** The execution engine found the payload invalid ({@code INVALID} or {@code INVALID_BLOCK_HASH}); nothing was stored. */
  record ExecutionInvalid(Bytes32 blockRoot, String reason) implements ImportResult {}

  /**
   * Not imported for now, without a verdict on validity: the engine did not answer, or the block's
   * slot has not started yet. It may be offered again later.
   */
  record Deferred(Bytes32 blockRoot, String reason) implements ImportResult {}

  /**
   * Valid (state transition, execution payload) but not imported yet: {@code is_data_available}
   * is false, the sidecars of {@code missingColumns} of its custody columns are not held. The block
   * waits for them and is imported when they are stored (or dropped after a few slots).
   */
  record AwaitingColumns(Bytes32 blockRoot, Set<Long> missingColumns) implements ImportResult {
    public AwaitingColumns {
      missingColumns = Set.copyOf(missingColumns);
    }
  }
}
