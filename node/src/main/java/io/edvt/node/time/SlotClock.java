package io.edvt.node.time;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import java.time.InstantSource;

/**
 * Slots and epochs from wall time: genesis time plus {@code SLOT_DURATION_MS} per slot, read from
 * an injectable {@link InstantSource} (the system clock in the node, a settable one in tests).
 * Before genesis the current slot is 0 and {@link #isBeforeGenesis()} says so. Immutable and
 * thread-safe.
 */
public final class SlotClock {
  private final long genesisTimeSeconds;
  private final long slotDurationMs;
  private final long slotsPerEpoch;
  private final InstantSource time;

  public SlotClock(long genesisTimeSeconds, long slotDurationMs, long slotsPerEpoch, InstantSource time) {
    if (slotDurationMs <= 0 || slotsPerEpoch <= 0) {
      throw new IllegalArgumentException("slot duration " + slotDurationMs + " ms and slots per epoch " + slotsPerEpoch
          + " must be positive");
    }
    this.genesisTimeSeconds = genesisTimeSeconds;
    this.slotDurationMs = slotDurationMs;
    this.slotsPerEpoch = slotsPerEpoch;
    this.time = time;
  }

  /** The clock of a network with {@code config}'s slot duration and epoch length, genesis at {@code genesisTime}. */
  public static SlotClock of(SpecConfig config, UInt64 genesisTime, InstantSource time) {
    return new SlotClock(genesisTime.longValue(), config.slotDurationMs(), config.slotsPerEpoch(), time);
  }

  public long genesisTimeSeconds() {
    return genesisTimeSeconds;
  }

  public long slotDurationMs() {
    return slotDurationMs;
  }

  public long slotsPerEpoch() {
    return slotsPerEpoch;
  }

  /** Milliseconds since the epoch of the time source. */
  public long nowMillis() {
    return time.millis();
  }

  /** Whole seconds now: what fork choice's {@code on_tick} takes. */
  public UInt64 nowSeconds() {
    return UInt64.valueOf(Math.max(0, time.millis() / 1000));
  }

  public boolean isBeforeGenesis() {
    return time.millis() < genesisTimeSeconds * 1000;
  }

  /** {@code get_current_slot}: 0 before genesis. */
  public long currentSlot() {
    long sinceGenesis = time.millis() - genesisTimeSeconds * 1000;
    return sinceGenesis <= 0 ? 0 : sinceGenesis / slotDurationMs;
  }

  public long currentEpoch() {
    return currentSlot() / slotsPerEpoch;
  }

  public long epochOf(long slot) {
    return slot / slotsPerEpoch;
  }

  /** Milliseconds since the current slot started (0 before genesis). */
  public long millisIntoSlot() {
    long sinceGenesis = time.millis() - genesisTimeSeconds * 1000;
    return sinceGenesis <= 0 ? 0 : sinceGenesis % slotDurationMs;
  }

  /** When {@code slot} starts, in milliseconds of the time source. */
  public long slotStartMillis(long slot) {
    return genesisTimeSeconds * 1000 + slot * slotDurationMs;
  }

  /** Milliseconds until the next slot starts (until genesis, before it). */
  public long millisToNextSlot() {
    long now = time.millis();
    long genesis = genesisTimeSeconds * 1000;
    if (now < genesis) {
      return genesis - now;
    }
    return slotStartMillis(currentSlot() + 1) - now;
  }
}
