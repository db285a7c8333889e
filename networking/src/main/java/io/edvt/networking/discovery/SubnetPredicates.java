package io.edvt.networking.discovery;

import java.util.function.Predicate;

/**
 * What a subnet search looks for in a candidate's ENR: an attestation or sync committee subnet
 * bit, a custody group (Fulu: the data column subnet of the same index under the Fulu preset), or
 * EDVT's {@code gmember}. Used with {@link PeerSource#searchForPeers(Predicate)}; combine them
 * with {@link Predicate#and} / {@link Predicate#or}.
 *
 * <p>Indices are checked here, when the predicate is made, so a bad index from a caller fails at
 * once with the range instead of matching nothing (or throwing) later inside a search.
 */
public final class SubnetPredicates {
  private SubnetPredicates() {}

  /** Nodes with bit {@code subnet} of {@code attnets} set. */
  public static Predicate<DiscoveredPeer> attestationSubnet(int subnet) {
    checkIndex("attestation subnet", subnet, Eth2EnrFields.ATTESTATION_SUBNET_COUNT);
    return p -> p.servesAttestationSubnet(subnet);
  }

  /** Nodes with bit {@code subnet} of {@code syncnets} set. */
  public static Predicate<DiscoveredPeer> syncCommitteeSubnet(int subnet) {
    checkIndex("sync committee subnet", subnet, Eth2EnrFields.SYNC_COMMITTEE_SUBNET_COUNT);
    return p -> p.servesSyncCommitteeSubnet(subnet);
  }

  /**
   * Nodes that custody {@code group}: the ENR carries only the count ({@code cgc}), so the groups
   * are derived from the node id ({@link DiscoveredPeer#custodyGroups()}); no {@code cgc}, no match.
   */
  public static Predicate<DiscoveredPeer> custodyGroup(int group) {
    checkIndex("custody group", group, Eth2EnrFields.NUMBER_OF_CUSTODY_GROUPS);
    return p -> p.custodyGroups().contains(group);
  }

  /** Nodes subscribed to the group member topics (EDVT p2p-interface, "Finding peers on the member topics"). */
  public static Predicate<DiscoveredPeer> groupMember() {
    return DiscoveredPeer::groupMember;
  }

  /**
   * On our network: the {@code eth2} fork digest equals {@code digest}. The digest is copied, so a
   * caller reusing its array cannot change what an existing predicate matches.
   */
  public static Predicate<DiscoveredPeer> forkDigest(byte[] digest) {
    if (digest.length != 4) {
      throw new IllegalArgumentException("a fork digest is 4 bytes, got " + digest.length);
    }
    byte[] own = digest.clone();
    return p -> p.hasForkDigest(own);
  }

  private static void checkIndex(String what, int index, int count) {
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException(what + " " + index + " is outside 0.." + (count - 1));
    }
  }
}
