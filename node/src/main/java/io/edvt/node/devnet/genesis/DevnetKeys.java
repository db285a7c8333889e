package io.edvt.node.devnet.genesis;

import io.edvt.infrastructure.crypto.bls.BlsSecretKey;

/**
 * Which key is whose, and where it runs, as a function of the {@link DevnetParameters} alone (so
 * the genesis, the keystores and the tests agree without passing lists around).
 *
 * <ul>
 *   <li>validator {@code i} has the interop key {@code i} ({@link BlsSecretKey#interop});
 *   <li>group {@code g} is validator {@code g} (the first {@code groups} validators);
 *   <li>member {@code j} of group {@code g} has the interop key {@code validators + 16 g + j}, used
 *       by no validator;
 *   <li>validator keys go to nodes in contiguous ranges, as ethereum-package splits them (over the
 *       first {@code nodes - memberNodes} nodes: the last {@code memberNodes} run members only); member
 *       {@code j} of group {@code g} runs on node {@code (g + j) mod nodes}, so a group's members
 *       are on different nodes whenever {@code n <= nodes}. With EDVT at genesis a group
 *       validator's own key is on no node (its key set is not in force); before the fork it runs
 *       like any validator's until the group's registration takes effect.
 * </ul>
 */
public record DevnetKeys(DevnetParameters p) {
  public static final int MEMBER_KEY_STRIDE = 16;

  public BlsSecretKey validatorKey(int validator) {
    return BlsSecretKey.interop(validator);
  }

  public int groupValidator(int group) {
    return group;
  }

  public boolean isGroupValidator(int validator) {
    return validator < p.groups();
  }

  public BlsSecretKey memberKey(int group, int member) {
    return BlsSecretKey.interop(p.validators() + MEMBER_KEY_STRIDE * group + member);
  }

  /** The node that runs validator {@code validator}'s own key, or -1 (a group validator's, with EDVT at genesis). */
  public int nodeOfValidator(int validator) {
    if (p.edvtAtGenesis() && isGroupValidator(validator)) {
      return -1;
    }
    return (int) ((long) validator * p.plainNodes() / p.validators());
  }

  public int nodeOfMember(int group, int member) {
    return (group + member) % p.nodes();
  }
}
