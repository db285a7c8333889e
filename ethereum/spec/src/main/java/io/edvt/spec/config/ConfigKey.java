package io.edvt.spec.config;

import java.util.Optional;

/**
 * A preset or network config key: its spec name, where it is defined and the form of its value.
 * Fulu's keys are {@link SpecConfigKey}; a fork built on Fulu in another module lists its own in a
 * {@link SpecConfigExtension}, so its keys live with its code.
 */
public interface ConfigKey {

  /** The spec name, e.g. {@code SLOTS_PER_EPOCH}. */
  String name();

  /** The form of the value. */
  ValueType type();

  /** The preset file that defines the key ({@code phase0.yaml}, ...), or empty for a network config key. */
  Optional<String> presetFile();

  /**
   * Whether a custom network config may omit this key; it then takes the value of the built-in
   * network config of the same preset base.
   */
  boolean isLaterFork();

  default boolean isPreset() {
    return presetFile().isPresent();
  }

  /** Where the key lives, for error messages. */
  default String describeSection() {
    return presetFile().map(f -> "the " + f.replace(".yaml", "") + " preset").orElse("the network config");
  }

  /** The name of the typed getter, e.g. {@code slotsPerEpoch}. */
  default String getterName() {
    StringBuilder sb = new StringBuilder();
    boolean upper = false;
    for (char c : name().toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        sb.append(upper ? c : Character.toLowerCase(c));
        upper = false;
      }
    }
    return sb.toString();
  }
}
