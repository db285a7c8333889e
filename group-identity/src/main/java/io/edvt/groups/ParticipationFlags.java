package io.edvt.groups;

/**
 * Altair's timely participation flags as bits of one byte: bit {@code i} is {@code
 * TIMELY_*_FLAG_INDEX == i}, so the byte has the layout of {@code ParticipationFlags} in state.
 */
public final class ParticipationFlags {
  /** {@code TIMELY_SOURCE_FLAG_INDEX = 0}. */
  public static final int TIMELY_SOURCE = 1;
  /** {@code TIMELY_TARGET_FLAG_INDEX = 1}. */
  public static final int TIMELY_TARGET = 1 << 1;
  /** {@code TIMELY_HEAD_FLAG_INDEX = 2}. */
  public static final int TIMELY_HEAD = 1 << 2;

  public static final int ALL = TIMELY_SOURCE | TIMELY_TARGET | TIMELY_HEAD;

  /** The flag indices in order. */
  public static final int FLAG_COUNT = 3;

  private ParticipationFlags() {}

  /** {@code 1 << flagIndex}. */
  public static int flag(int flagIndex) {
    if (flagIndex < 0 || flagIndex >= FLAG_COUNT) {
      throw new IllegalArgumentException("flag index must be in [0, " + FLAG_COUNT + "), got " + flagIndex);
    }
    return 1 << flagIndex;
  }
}
