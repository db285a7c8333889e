package io.edvt.networking.peers;

import java.util.BitSet;
import java.util.Set;

/**
 * What a connected peer serves, as the peer manager last heard it (its ENR, then its MetaData):
 * attestation and sync committee subnets and custody groups.
 */
public record PeerSubnets(BitSet attnets, BitSet syncnets, Set<Integer> custodyGroups) {
  public PeerSubnets {
    attnets = (BitSet) attnets.clone();
    syncnets = (BitSet) syncnets.clone();
    custodyGroups = Set.copyOf(custodyGroups);
  }

  @Override
  public BitSet attnets() {
    return (BitSet) attnets.clone();
  }

  @Override
  public BitSet syncnets() {
    return (BitSet) syncnets.clone();
  }
}
