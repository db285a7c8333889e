package io.edvt.groups;

import java.util.Arrays;

/**
 * One epoch's participation of a group's members (protocol decision 5): per member, which timely
 * flags ({@link ParticipationFlags}) it earned. The group's validator earns a flag iff at least
 * {@code m} members earned that flag; flags are judged independently, so a split head vote can
 * still earn source and target. Immutable; updates return a new tally.
 */
public final class ParticipationTally {
  private final byte[] memberFlags;

  private ParticipationTally(byte[] memberFlags) {
    this.memberFlags = memberFlags;
  }

  /** No member has earned anything. */
  public static ParticipationTally empty(int groupSize) {
    if (groupSize < 1 || groupSize > GroupKeySet.MAX_GROUP_SIZE) {
      throw new IllegalArgumentException(
          "group size must be in [1, " + GroupKeySet.MAX_GROUP_SIZE + "], got " + groupSize);
    }
    return new ParticipationTally(new byte[groupSize]);
  }

  /** From stored per-member flag bytes (element {@code i} for member {@code i}). */
  public static ParticipationTally of(byte[] memberFlags) {
    ParticipationTally tally = empty(memberFlags.length);
    for (int i = 0; i < memberFlags.length; i++) {
      tally.memberFlags[i] = (byte) checkFlags(memberFlags[i] & 0xff);
    }
    return tally;
  }

  public int size() {
    return memberFlags.length;
  }

  /** The flags member {@code member} has earned. */
  public int flags(int member) {
    return memberFlags[checkMember(member)];
  }

  /** With {@code flags} added to what member {@code member} earned (flags are only ever added). */
  public ParticipationTally withFlags(int member, int flags) {
    checkMember(member);
    checkFlags(flags);
    byte[] copy = memberFlags.clone();
    copy[member] |= (byte) flags;
    return new ParticipationTally(copy);
  }

  /** The members that earned {@code flag} (one of the {@link ParticipationFlags} bits). */
  public SignerSet membersWith(int flag) {
    checkSingleFlag(flag);
    int bits = 0;
    for (int i = 0; i < memberFlags.length; i++) {
      if ((memberFlags[i] & flag) != 0) {
        bits |= 1 << i;
      }
    }
    return SignerSet.fromBits(bits);
  }

  /** How many members earned {@code flag}. */
  public int count(int flag) {
    return membersWith(flag).count();
  }

  /** The flags that at least {@code threshold} members earned: the group validator's flags. */
  public int flagsReachingThreshold(int threshold) {
    if (threshold < 1 || threshold > memberFlags.length) {
      throw new IllegalArgumentException(
          "threshold must be in [1, " + memberFlags.length + "], got " + threshold);
    }
    int earned = 0;
    for (int index = 0; index < ParticipationFlags.FLAG_COUNT; index++) {
      int flag = ParticipationFlags.flag(index);
      if (count(flag) >= threshold) {
        earned |= flag;
      }
    }
    return earned;
  }

  /** The per-member flag bytes, as a state would store them. */
  public byte[] toBytes() {
    return memberFlags.clone();
  }

  private int checkMember(int member) {
    if (member < 0 || member >= memberFlags.length) {
      throw new IllegalArgumentException(
          "member must be in [0, " + memberFlags.length + "), got " + member);
    }
    return member;
  }

  private static int checkFlags(int flags) {
    if ((flags & ~ParticipationFlags.ALL) != 0) {
      throw new IllegalArgumentException("unknown participation flag bits: 0x" + Integer.toHexString(flags));
    }
    return flags;
  }

  private static void checkSingleFlag(int flag) {
    if (Integer.bitCount(flag) != 1 || (flag & ~ParticipationFlags.ALL) != 0) {
      throw new IllegalArgumentException("not a single participation flag: 0x" + Integer.toHexString(flag));
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParticipationTally other && Arrays.equals(memberFlags, other.memberFlags);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(memberFlags);
  }

  @Override
  public String toString() {
    return "ParticipationTally" + Arrays.toString(memberFlags);
  }
}
