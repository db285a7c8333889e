package io.edvt.node.cli.beacon;

import io.edvt.node.config.CheckpointSyncConfig;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/** {@code --checkpoint-sync-url} and the weak subjectivity check. */
final class CheckpointSyncFlags {
  @Option(names = "--checkpoint-sync-url", paramLabel = "<URL>", converter = Converters.HttpUrl.class,
      description = "A beacon node to take the finalized state from, instead of starting at genesis.")
  URI url;

  @Option(names = "--ignore-weak-subjectivity-period-enabled", paramLabel = "<BOOLEAN>", arity = "0..1",
      fallbackValue = "true", showDefaultValue = Visibility.ALWAYS,
      description = "Start even when the finalized state is older than the weak subjectivity period.")
  boolean ignoreWeakSubjectivityPeriod;

  CheckpointSyncConfig toConfig() {
    return new CheckpointSyncConfig(Optional.ofNullable(url), ignoreWeakSubjectivityPeriod);
  }
}
