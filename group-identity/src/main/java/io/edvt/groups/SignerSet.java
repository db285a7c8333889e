package io.edvt.groups;

import java.util.PrimitiveIterator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A set of member indices of one group, as a bitvector of {@link #CAPACITY} bits (the spec's
 * {@code Bitvector[MAX_GROUP_SIZE]}): bit {@code i} set means member {@code i} signed. A member
 * appears at most once by construction, so counting signers is counting bits.
 *
 * <p>The set does not know the group's size; bits at or above a group's {@code n} are legal here
 * and reported as "signer out of range" by the rules that know {@code n}. Immutable.
 */
public final class SignerSet {
  /** Bits in the vector: {@link GroupKeySet#MAX_GROUP_SIZE}. */
  public static final int CAPACITY = GroupKeySet.MAX_GROUP_SIZE;

  public static final SignerSet EMPTY = new SignerSet(0);

  /**
   * {@code {0}}: the {@code signer_bits} of a validator without a group, which signs as member
   * {@code 0} of its own one-member key set ({@code compute_plain_key_set}). All-zero bits are
   * not a second encoding of that: they name no signer.
   */
  public static final SignerSet PLAIN = new SignerSet(1);

  private static final int ALL_BITS = (1 << CAPACITY) - 1;

  private final int bits;

  private SignerSet(int bits) {
    this.bits = bits;
  }

  /**
   * From a bit mask (bit {@code i} for member {@code i}).
   *
   * @throws IllegalArgumentException if a bit at or above {@link #CAPACITY} is set
   */
  public static SignerSet fromBits(int bits) {
    if ((bits & ~ALL_BITS) != 0) {
      throw new IllegalArgumentException(
          "signer bits beyond the " + CAPACITY + "-bit vector: 0x" + Integer.toHexString(bits));
    }
    return bits == 0 ? EMPTY : bits == 1 ? PLAIN : new SignerSet(bits);
  }

  /**
   * The set of the given members; repeated indices collapse into one.
   *
   * @throws IllegalArgumentException for an index outside {@code [0, CAPACITY)}
   */
  public static SignerSet of(int... members) {
    int bits = 0;
    for (int member : members) {
      bits |= bit(member);
    }
    return fromBits(bits);
  }

  /** From an SSZ-style bitvector of at most {@link #CAPACITY} booleans, element {@code i} for member {@code i}. */
  public static SignerSet fromBooleans(boolean... vector) {
    if (vector.length > CAPACITY) {
      throw new IllegalArgumentException(
          "signer bitvector has " + vector.length + " bits, at most " + CAPACITY + " allowed");
    }
    int bits = 0;
    for (int i = 0; i < vector.length; i++) {
      if (vector[i]) {
        bits |= 1 << i;
      }
    }
    return fromBits(bits);
  }

  /** The first {@code count} members, {@code {0, ..., count - 1}}. */
  public static SignerSet firstMembers(int count) {
    if (count < 0 || count > CAPACITY) {
      throw new IllegalArgumentException("member count must be in [0, " + CAPACITY + "]: " + count);
    }
    return fromBits((1 << count) - 1);
  }

  private static int bit(int member) {
    if (member < 0 || member >= CAPACITY) {
      throw new IllegalArgumentException(
          "member index must be in [0, " + CAPACITY + "), got " + member);
    }
    return 1 << member;
  }

  public int bits() {
    return bits;
  }

  public boolean contains(int member) {
    return member >= 0 && member < CAPACITY && (bits & (1 << member)) != 0;
  }

  /** The number of members in the set (distinct by construction). */
  public int count() {
    return Integer.bitCount(bits);
  }

  public boolean isEmpty() {
    return bits == 0;
  }

  /** Every member is below {@code groupSize}, i.e. is a member of a group of that size. */
  public boolean fitsWithin(int groupSize) {
    return groupSize >= CAPACITY || (bits >>> Math.max(groupSize, 0)) == 0;
  }

  /** The largest member index, or -1 for the empty set. */
  public int highestMember() {
    return 31 - Integer.numberOfLeadingZeros(bits);
  }

  public SignerSet with(int member) {
    return fromBits(bits | bit(member));
  }

  public SignerSet without(int member) {
    return fromBits(bits & ~bit(member));
  }

  public SignerSet union(SignerSet other) {
    return fromBits(bits | other.bits);
  }

  public SignerSet intersection(SignerSet other) {
    return fromBits(bits & other.bits);
  }

  /** The members in ascending order. */
  public IntStream stream() {
    return IntStream.range(0, CAPACITY).filter(this::contains);
  }

  /** The members in ascending order: {@code get_signer_indices(signer_bits)}. */
  public int[] toArray() {
    return stream().toArray();
  }

  /** The members in ascending order. */
  public PrimitiveIterator.OfInt iterator() {
    return stream().iterator();
  }

  /** The bitvector of length {@code length} (which must cover every member). */
  public boolean[] toBooleans(int length) {
    if (!fitsWithin(length)) {
      throw new IllegalArgumentException("member " + highestMember() + " does not fit in " + length + " bits");
    }
    boolean[] out = new boolean[length];
    for (int i = 0; i < length; i++) {
      out[i] = contains(i);
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignerSet other && bits == other.bits;
  }

  @Override
  public int hashCode() {
    return bits;
  }

  @Override
  public String toString() {
    return stream().mapToObj(Integer::toString).collect(Collectors.joining(", ", "{", "}"));
  }
}
