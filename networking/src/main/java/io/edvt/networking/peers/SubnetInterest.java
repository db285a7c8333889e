package io.edvt.networking.peers;

import java.util.Set;

/**
 * The subnets the node needs peers on now (its duties and custody), from the node's subscription
 * logic. The peer manager searches for and keeps peers that serve them.
 */
public interface SubnetInterest {
  SubnetInterest NONE = new SubnetInterest() {};

  default Set<Integer> attestationSubnets() {
    return Set.of();
  }

  default Set<Integer> syncCommitteeSubnets() {
    return Set.of();
  }

  /** Custody groups (= data column subnets under the Fulu preset) we sample or custody. */
  default Set<Integer> custodyGroups() {
    return Set.of();
  }

  /** Whether we run member keys (we need peers with {@code gmember}). */
  default boolean groupMemberTopics() {
    return false;
  }

  /** Peers we want per needed subnet (e.g. gossipsub's D_low). */
  default int minPeersPerSubnet() {
    return 2;
  }
}
