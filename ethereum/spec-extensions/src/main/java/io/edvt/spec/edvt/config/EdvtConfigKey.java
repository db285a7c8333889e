package io.edvt.spec.edvt.config;

import io.edvt.spec.config.ConfigKey;
import io.edvt.spec.config.ValueType;
import java.util.Optional;

/**
 * The preset and network config keys EDVT adds: the preset of {@code beacon-chain.md}
 * ({@code presets/<preset>/edvt.yaml} beside the spec documents), the fork schedule of
 * {@code fork.md} and the leader timing of {@code validator.md} ({@code configs/<network>.yaml}).
 * The fork's keys are optional in a network config: one that leaves them out gets the values of
 * the built-in network of its preset base, where EDVT is not scheduled.
 */
public enum EdvtConfigKey implements ConfigKey {
  // ---- edvt preset (beacon-chain.md)
  MAX_GROUP_SIZE(ValueType.INT, true),
  MAX_SIGNERS_PER_SLOT(ValueType.INT, true),
  GROUP_REGISTRY_LIMIT(ValueType.UINT64, true),
  MAX_GROUP_REGISTRATIONS(ValueType.INT, true),
  MAX_GROUP_KEY_CHANGES(ValueType.INT, true),
  // ---- network config (fork.md, validator.md)
  EDVT_FORK_VERSION(ValueType.BYTES4, false),
  EDVT_FORK_EPOCH(ValueType.UINT64, false),
  GROUP_LEADER_TIMEOUT_BPS(ValueType.INT, false);

  private static final String PRESET_FILE = "edvt.yaml";

  private final ValueType type;
  private final boolean preset;

  EdvtConfigKey(ValueType type, boolean preset) {
    this.type = type;
    this.preset = preset;
  }

  @Override
  public ValueType type() {
    return type;
  }

  @Override
  public Optional<String> presetFile() {
    return preset ? Optional.of(PRESET_FILE) : Optional.empty();
  }

  /** Every EDVT network config key may be left out of a network config (see the class comment). */
  @Override
  public boolean isLaterFork() {
    return !preset;
  }
}
