package io.edvt.spec.edvt.config;

import io.edvt.groups.GroupKeySet;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import org.apache.tuweni.bytes.Bytes;

/**
 * The typed values of EDVT's keys in a {@link SpecConfig} loaded with {@link EdvtConfig}. Fulu's
 * values stay on the {@link SpecConfig} ({@link #base()}).
 */
public final class SpecConfigEdvt {
  private final SpecConfig base;

  private SpecConfigEdvt(SpecConfig base) {
    this.base = base;
  }

  /**
   * EDVT's view of {@code config}.
   *
   * @throws IllegalArgumentException if {@code config} was loaded without EDVT's keys, or its
   *     {@code MAX_GROUP_SIZE} is not the bound the group rules are written for
   */
  public static SpecConfigEdvt of(SpecConfig config) {
    if (!config.extensions().contains(EdvtConfig.EXTENSION)) {
      throw new IllegalArgumentException(config + " has no EDVT keys: load it with EdvtConfig.load(...)");
    }
    SpecConfigEdvt edvt = new SpecConfigEdvt(config);
    if (edvt.maxGroupSize() != GroupKeySet.MAX_GROUP_SIZE) {
      throw new IllegalArgumentException("MAX_GROUP_SIZE is " + edvt.maxGroupSize() + ", but the group rules (and "
          + "the SignerBits length) are written for " + GroupKeySet.MAX_GROUP_SIZE);
    }
    return edvt;
  }

  /** The whole config (Fulu's keys with their typed getters). */
  public SpecConfig base() {
    return base;
  }

  /** {@code MAX_GROUP_SIZE}: the most keys a group key set has (the length of {@code SignerBits}). */
  public int maxGroupSize() {
    return (Integer) base.get(EdvtConfigKey.MAX_GROUP_SIZE);
  }

  /** {@code MAX_SIGNERS_PER_SLOT}: the limit of {@code AggregationBits} and {@code AttestingIndices}. */
  public int maxSignersPerSlot() {
    return (Integer) base.get(EdvtConfigKey.MAX_SIGNERS_PER_SLOT);
  }

  /** {@code GROUP_REGISTRY_LIMIT}: the limit of {@code state.groups}. */
  public UInt64 groupRegistryLimit() {
    return (UInt64) base.get(EdvtConfigKey.GROUP_REGISTRY_LIMIT);
  }

  /** {@code MAX_GROUP_REGISTRATIONS}: {@code SignedGroupRegistration}s per block. */
  public int maxGroupRegistrations() {
    return (Integer) base.get(EdvtConfigKey.MAX_GROUP_REGISTRATIONS);
  }

  /** {@code MAX_GROUP_KEY_CHANGES}: {@code SignedGroupKeyChange}s per block. */
  public int maxGroupKeyChanges() {
    return (Integer) base.get(EdvtConfigKey.MAX_GROUP_KEY_CHANGES);
  }

  /** {@code EDVT_FORK_VERSION}. */
  public Bytes edvtForkVersion() {
    return (Bytes) base.get(EdvtConfigKey.EDVT_FORK_VERSION);
  }

  /** {@code EDVT_FORK_EPOCH}. */
  public UInt64 edvtForkEpoch() {
    return (UInt64) base.get(EdvtConfigKey.EDVT_FORK_EPOCH);
  }

  /** {@code GROUP_LEADER_TIMEOUT_BPS} (validator.md): the delay per leader rank. */
  public int groupLeaderTimeoutBps() {
    return (Integer) base.get(EdvtConfigKey.GROUP_LEADER_TIMEOUT_BPS);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SpecConfigEdvt other && base.equals(other.base);
  }

  @Override
  public int hashCode() {
    return base.hashCode();
  }

  @Override
  public String toString() {
    return "SpecConfigEdvt[" + base + "]";
  }
}
