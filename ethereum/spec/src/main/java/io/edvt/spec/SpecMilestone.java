package io.edvt.spec;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;

/**
 * The forks this client runs, oldest first. Switches over it are exhaustive, so adding a fork
 * makes the compiler name every place that must handle it.
 *
 * <p>{@link #EDVT} (enshrined distributed validators) is a fork branching from Fulu; its logic,
 * config keys and presets live in {@code ethereum/spec-extensions}, and this entry is all this
 * module knows of it. A milestone's fork epoch and version are the config keys
 * {@code <NAME>_FORK_EPOCH} and {@code <NAME>_FORK_VERSION}; a config loaded without a later
 * fork's keys does not schedule that fork.
 */
public enum SpecMilestone {
  FULU,
  EDVT;

  /** The fork's name in the spec and in reference-test folders: {@code fulu}, {@code edvt}. */
  public String forkName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The milestone named {@code forkName} ({@link #forkName()}), if this client runs it. */
  public static Optional<SpecMilestone> byForkName(String forkName) {
    return Arrays.stream(values()).filter(m -> m.forkName().equals(forkName)).findFirst();
  }

  public boolean isAtLeast(SpecMilestone other) {
    return compareTo(other) >= 0;
  }

  /**
   * {@code <NAME>_FORK_EPOCH} of this milestone in {@code config}; {@code FAR_FUTURE_EPOCH} (not
   * scheduled) if the config was loaded without the milestone's keys.
   */
  public UInt64 forkEpoch(SpecConfig config) {
    return config.key(name() + "_FORK_EPOCH").map(key -> (UInt64) config.get(key)).orElse(UInt64.MAX_VALUE);
  }

  /**
   * {@code <NAME>_FORK_VERSION} of this milestone in {@code config}.
   *
   * @throws IllegalArgumentException if the config was loaded without the milestone's keys
   */
  public Bytes forkVersion(SpecConfig config) {
    return config.key(name() + "_FORK_VERSION").map(key -> (Bytes) config.get(key)).orElseThrow(() ->
        new IllegalArgumentException(config + " has no " + name() + "_FORK_VERSION: load it with the "
            + forkName() + " config extension"));
  }

  /** The milestone before this one, if this client runs one. */
  public Optional<SpecMilestone> previous() {
    return ordinal() == 0 ? Optional.empty() : Optional.of(values()[ordinal() - 1]);
  }

  /** The milestone after this one, if there is one. */
  public Optional<SpecMilestone> next() {
    SpecMilestone[] all = values();
    return ordinal() + 1 == all.length ? Optional.empty() : Optional.of(all[ordinal() + 1]);
  }

  /**
   * The milestone in force at {@code epoch}: the latest one whose fork epoch is at or before it,
   * and {@link #FULU}, the oldest this client runs, before every later fork (whatever
   * {@code FULU_FORK_EPOCH} says: a chain this client runs is Fulu from its start).
   */
  public static SpecMilestone atEpoch(SpecConfig config, UInt64 epoch) {
    SpecMilestone[] all = values();
    for (int i = all.length - 1; i > 0; i--) {
      if (epoch.isGreaterThanOrEqualTo(all[i].forkEpoch(config))) {
        return all[i];
      }
    }
    return all[0];
  }
}
