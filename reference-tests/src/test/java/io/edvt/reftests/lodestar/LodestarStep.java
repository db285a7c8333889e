package io.edvt.reftests.lodestar;

import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;

/** One line of {@code stf.mjs} output (see the comment at the top of {@code stf.mjs}). */
public sealed interface LodestarStep {

  /** The preset and chain config Lodestar ran with, as spec name to text (or list) value. */
  record Config(Map<String, Object> preset, Map<String, Object> config) implements LodestarStep {}

  /**
   * The state has just entered {@code epoch} by {@code process_slots} (its slot is the epoch's
   * first slot), before any block of that slot.
   */
  record Epoch(long epoch, long slot, Bytes32 stateRoot) implements LodestarStep {}

  /** The state after block {@code index} (at {@code slot}). */
  record Block(int index, long slot, Bytes32 stateRoot) implements LodestarStep {}

  /** The state after the empty-slot processing asked for by {@code slots.json}. */
  record Slots(long slot, Bytes32 stateRoot) implements LodestarStep {}

  /** Last line of a complete run. */
  record Done(int blocks, long slot, Bytes32 stateRoot) implements LodestarStep {}

  /**
   * Lodestar rejected block {@code index} (or the empty-slot processing after the last block,
   * {@code index == blocks}; {@code -1} for a set-up error).
   */
  record Error(int index, String message) implements LodestarStep {}
}
