package io.edvt.node.network;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.messages.MetadataMessage;
import java.util.Set;

/**
 * Our MetaData (v3): the attestation subnets we joined, no sync committee subnets (no validator
 * duties yet), and the custody group count we advertise. The sequence number rises with every
 * change, so peers that ping us know to ask again.
 */
public final class LocalMetadata {
  private final int attestationSubnetCount;
  private volatile MetadataMessage current;

  public LocalMetadata(int attestationSubnetCount, Set<Integer> attestationSubnets, long custodyGroupCount) {
    this.attestationSubnetCount = attestationSubnetCount;
    this.current = build(UInt64.ONE, attestationSubnets, custodyGroupCount);
  }

  private MetadataMessage build(UInt64 seq, Set<Integer> subnets, long cgc) {
    int[] bits = subnets.stream().mapToInt(Integer::intValue).sorted().toArray();
    return MetadataMessage.v3Type(attestationSubnetCount).create(seq, SszBits.withSet(attestationSubnetCount, bits),
        SszBits.zeros(4), UInt64.valueOf(cgc));
  }

  public MetadataMessage get() {
    return current;
  }

  /** Replaces the subnets and custody count; the sequence number goes up by one. */
  public synchronized void update(Set<Integer> attestationSubnets, long custodyGroupCount) {
    current = build(current.seqNumber().plus(1), attestationSubnets, custodyGroupCount);
  }
}
