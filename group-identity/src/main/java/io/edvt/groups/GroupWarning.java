package io.edvt.groups;

/** Valid on chain, but a node should warn its operator. */
public enum GroupWarning {
  /**
   * {@code 2m <= n}: two disjoint sets of {@code m} members can each sign one of two conflicting
   * messages, so honest members following different views (a partition, two leaders) can get the
   * group slashed without any malice.
   */
  THRESHOLD_NOT_A_MAJORITY(
      "2m <= n: two disjoint sets of m members can sign conflicting messages, so the group can be"
          + " slashed without any member being malicious");

  private final String description;

  GroupWarning(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
