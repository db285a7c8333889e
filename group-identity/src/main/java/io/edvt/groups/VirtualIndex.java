package io.edvt.groups;

import io.edvt.infrastructure.unsigned.UInt64;

/**
 * The spec's {@code VirtualIndex}: a signer named by its validator index in the low bits and its
 * member index above them, {@code member_index * 2**41 + validator_index}. Member {@code 0} of a
 * validator has the validator's own index, so a validator without a group (member 0 of itself)
 * keeps its index in every message.
 *
 * <pre>
 * def compute_virtual_index(validator_index, member_index) -> VirtualIndex:
 *     assert validator_index < VALIDATOR_REGISTRY_LIMIT
 *     assert member_index < MAX_GROUP_SIZE
 *     return VirtualIndex(member_index * MEMBER_INDEX_MULTIPLIER + validator_index)
 *
 * def get_validator_index_of(index) -> ValidatorIndex:
 *     return ValidatorIndex(index % MEMBER_INDEX_MULTIPLIER)
 *
 * def get_member_index_of(index) -> MemberIndex:
 *     return MemberIndex(index // MEMBER_INDEX_MULTIPLIER)
 * </pre>
 *
 * All values are {@code uint64}; arithmetic here is unsigned.
 */
public final class VirtualIndex {
  /** {@code MEMBER_INDEX_MULTIPLIER = 2**41}; bit 40 stays unused (Gloas' builder flag). */
  public static final long MEMBER_INDEX_MULTIPLIER = 1L << 41;

  /** {@code VALIDATOR_REGISTRY_LIMIT = 2**40}. */
  public static final long VALIDATOR_REGISTRY_LIMIT = 1L << 40;

  private VirtualIndex() {}

  /**
   * {@code compute_virtual_index(validator_index, member_index)}.
   *
   * @throws IllegalArgumentException where the spec's assertions fail: {@code validatorIndex >=
   *     2**40} or {@code memberIndex >= MAX_GROUP_SIZE}
   */
  public static UInt64 compute(UInt64 validatorIndex, UInt64 memberIndex) {
    if (!validatorIndex.isLessThan(VALIDATOR_REGISTRY_LIMIT)) {
      throw new IllegalArgumentException(
          "validator index " + validatorIndex + " is not below VALIDATOR_REGISTRY_LIMIT = 2**40");
    }
    if (!memberIndex.isLessThan(GroupKeySet.MAX_GROUP_SIZE)) {
      throw new IllegalArgumentException(
          "member index " + memberIndex + " is not below MAX_GROUP_SIZE = " + GroupKeySet.MAX_GROUP_SIZE);
    }
    return memberIndex.times(MEMBER_INDEX_MULTIPLIER).plus(validatorIndex);
  }

  /** {@link #compute(UInt64, UInt64)} with an {@code int} member index. */
  public static UInt64 compute(UInt64 validatorIndex, int memberIndex) {
    if (memberIndex < 0) {
      throw new IllegalArgumentException("member index must not be negative: " + memberIndex);
    }
    return compute(validatorIndex, UInt64.valueOf(memberIndex));
  }

  /**
   * {@code compute_virtual_index} on primitive values, for the state transition's hot loops
   * (committee expansion): the same assertions, the same result.
   *
   * @throws IllegalArgumentException where the spec's assertions fail
   */
  public static long compute(long validatorIndex, int memberIndex) {
    if (validatorIndex < 0 || validatorIndex >= VALIDATOR_REGISTRY_LIMIT) {
      throw new IllegalArgumentException(
          "validator index " + Long.toUnsignedString(validatorIndex) + " is not below VALIDATOR_REGISTRY_LIMIT = 2**40");
    }
    if (memberIndex < 0 || memberIndex >= GroupKeySet.MAX_GROUP_SIZE) {
      throw new IllegalArgumentException(
          "member index " + memberIndex + " is not below MAX_GROUP_SIZE = " + GroupKeySet.MAX_GROUP_SIZE);
    }
    return memberIndex * MEMBER_INDEX_MULTIPLIER + validatorIndex;
  }

  /** {@code get_validator_index_of} of an unsigned 64-bit index held in a {@code long}. */
  public static long validatorIndexOf(long index) {
    return Long.remainderUnsigned(index, MEMBER_INDEX_MULTIPLIER);
  }

  /** {@code get_member_index_of} of an unsigned 64-bit index held in a {@code long} (unchecked, as the spec's). */
  public static long memberIndexOf(long index) {
    return Long.divideUnsigned(index, MEMBER_INDEX_MULTIPLIER);
  }

  /** {@code get_validator_index_of(index)}: {@code index % 2**41}. */
  public static UInt64 validatorIndexOf(UInt64 index) {
    return index.mod(MEMBER_INDEX_MULTIPLIER);
  }

  /**
   * {@code get_member_index_of(index)}: {@code index // 2**41}. It exceeds {@code MAX_GROUP_SIZE}
   * for a malformed index (up to {@code 2**23 - 1}); callers check it.
   */
  public static UInt64 memberIndexOf(UInt64 index) {
    return index.dividedBy(MEMBER_INDEX_MULTIPLIER);
  }

  /** The member index as an {@code int} if it names a possible member ({@code < MAX_GROUP_SIZE}), else -1. */
  public static int memberIndexOrMinusOne(UInt64 index) {
    UInt64 member = memberIndexOf(index);
    return member.isLessThan(GroupKeySet.MAX_GROUP_SIZE) ? member.intValue() : -1;
  }
}
