package io.edvt.spec.logic.common;

/**
 * Altair's {@code ParticipationFlags} helpers: a validator's participation in an epoch is one
 * byte, bit {@code i} set when it earned flag {@code i} (timely source, target, head).
 */
public final class ParticipationFlags {
  private ParticipationFlags() {}

  /** {@code has_flag(flags, flag_index)} (Altair). */
  public static boolean hasFlag(int flags, int flagIndex) {
    int flag = 1 << flagIndex;
    return (flags & flag) == flag;
  }

  /** {@code add_flag(flags, flag_index)} (Altair). */
  public static int addFlag(int flags, int flagIndex) {
    return flags | (1 << flagIndex);
  }
}
