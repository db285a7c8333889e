package io.edvt.node.network;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.messages.MetadataMessage;
import io.edvt.spec.datastructures.SpecTypes;
import java.util.Set;

/**
 * Our MetaData (v3): the attestation subnets we joined, the sync committee subnets our validators'
 * seats put us on, and the custody group count we advertise. The sequence number rises by one
 * with every change (phase0 p2p-interface, MetaData), so peers that ping us know to ask again.
 */
public final class LocalMetadata {
  private final int attestationSubnetCount;
  private volatile MetadataMessage current;

  public LocalMetadata(int attestationSubnetCount, Set<Integer> attestationSubnets, long custodyGroupCount) {
    this.attestationSubnetCount = attestationSubnetCount;
    this.current = build(UInt64.ONE, attestationSubnets, Set.of(), custodyGroupCount);
  }

  private MetadataMessage build(UInt64 seq, Set<Integer> attnets, Set<Integer> syncnets, long cgc) {
    return MetadataMessage.v3Type(attestationSubnetCount).create(seq, bits(attestationSubnetCount, attnets),
        bits(SpecTypes.SYNC_COMMITTEE_SUBNET_COUNT, syncnets), UInt64.valueOf(cgc));
  }

  private static SszBits bits(int length, Set<Integer> set) {
    for (int i : set) {
      if (i < 0 || i >= length) {
        throw new IllegalArgumentException("subnet " + i + " is outside [0, " + length + ")");
      }
    }
    return SszBits.withSet(length, set.stream().mapToInt(Integer::intValue).sorted().toArray());
  }

  public MetadataMessage get() {
    return current;
  }

  /**
   * Replaces the subnets and custody count; when any differs, the sequence number goes up by one.
   *
   * @return whether anything changed
   */
  public synchronized boolean update(Set<Integer> attestationSubnets, Set<Integer> syncSubnets, long custodyGroupCount) {
    MetadataMessage now = current;
    if (now.attnets().equals(bits(attestationSubnetCount, attestationSubnets))
        && now.syncnets().equals(bits(SpecTypes.SYNC_COMMITTEE_SUBNET_COUNT, syncSubnets))
        && now.custodyGroupCount().orElseThrow().equals(UInt64.valueOf(custodyGroupCount))) {
      return false;
    }
    current = build(current.seqNumber().plus(1), attestationSubnets, syncSubnets, custodyGroupCount);
    return true;
  }
}
