package io.edvt.node.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the node's chain starts when not from genesis.
 *
 * @param url {@code --checkpoint-sync-url}: a beacon node whose finalized state and block to
 *     start from ({@code /eth/v2/debug/beacon/states/finalized})
 * @param ignoreWeakSubjectivityPeriod {@code --ignore-weak-subjectivity-period-enabled}: start
 *     even when the latest finalized state is older than the weak subjectivity period (a devnet
 *     that starts from an old genesis)
 */
public record CheckpointSyncConfig(Optional<URI> url, boolean ignoreWeakSubjectivityPeriod) {
  public CheckpointSyncConfig {
    Objects.requireNonNull(url, "url");
  }
}
