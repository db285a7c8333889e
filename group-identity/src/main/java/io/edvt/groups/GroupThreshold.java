package io.edvt.groups;


/**
 * The two numbers of a group that its reward rules read: threshold {@code m} and member count
 * {@code n}, with {@code 1 <= m <= n <= MAX_GROUP_SIZE}. A validator without a group is
 * {@link #PLAIN}: one member that must act alone.
 *
 * @param threshold {@code m}
 * @param memberCount {@code n}
 */
public record GroupThreshold(int threshold, int memberCount) {
  /** A validator without a group: {@code m = n = 1}. */
  public static final GroupThreshold PLAIN = new GroupThreshold(1, 1);

  /** @throws IllegalArgumentException unless {@code 1 <= threshold <= memberCount <= MAX_GROUP_SIZE} */
  public GroupThreshold {
    if (memberCount < 1 || memberCount > GroupKeySet.MAX_GROUP_SIZE) {
      throw new IllegalArgumentException(
          "a group has 1 to " + GroupKeySet.MAX_GROUP_SIZE + " members, got " + memberCount);
    }
    if (threshold < 1 || threshold > memberCount) {
      throw new IllegalArgumentException("threshold must be in [1, " + memberCount + "], got " + threshold);
    }
  }

  /** The threshold and size of {@code keys}. */
  public static GroupThreshold of(GroupKeySet<?> keys) {
    return new GroupThreshold(keys.threshold(), keys.size());
  }
}
