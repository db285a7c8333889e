package io.edvt.networking.discovery;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What our ENR says about us beyond addresses: {@code eth2}, {@code attnets}, {@code syncnets},
 * {@code cgc} (from Fulu), {@code nfd} (when a next fork is scheduled) and EDVT's {@code gmember}.
 */
public record LocalEnrFields(EnrForkId eth2, BitSet attnets, BitSet syncnets, Optional<Integer> custodyGroupCount,
    Optional<byte[]> nextForkDigest, boolean groupMember) {

  public LocalEnrFields {
    attnets = (BitSet) attnets.clone();
    syncnets = (BitSet) syncnets.clone();
  }

  public static LocalEnrFields of(EnrForkId eth2) {
    return new LocalEnrFields(eth2, new BitSet(), new BitSet(), Optional.empty(), Optional.empty(), false);
  }

  public LocalEnrFields withAttnets(BitSet bits) {
    return new LocalEnrFields(eth2, bits, syncnets, custodyGroupCount, nextForkDigest, groupMember);
  }

  public LocalEnrFields withSyncnets(BitSet bits) {
    return new LocalEnrFields(eth2, attnets, bits, custodyGroupCount, nextForkDigest, groupMember);
  }

  public LocalEnrFields withCustodyGroupCount(int cgc) {
    return new LocalEnrFields(eth2, attnets, syncnets, Optional.of(cgc), nextForkDigest, groupMember);
  }

  public LocalEnrFields withNextForkDigest(byte[] nfd) {
    return new LocalEnrFields(eth2, attnets, syncnets, custodyGroupCount, Optional.of(nfd.clone()), groupMember);
  }

  public LocalEnrFields withEth2(EnrForkId id) {
    return new LocalEnrFields(id, attnets, syncnets, custodyGroupCount, nextForkDigest, groupMember);
  }

  public LocalEnrFields withGroupMember(boolean member) {
    return new LocalEnrFields(eth2, attnets, syncnets, custodyGroupCount, nextForkDigest, member);
  }

  /** The encoded entries, in a fixed order; {@code gmember} only when true. */
  public Map<String, byte[]> encode() {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put(Eth2EnrFields.ETH2, eth2.toSsz());
    m.put(Eth2EnrFields.ATTNETS, Eth2EnrFields.bitvector(attnets, Eth2EnrFields.ATTESTATION_SUBNET_COUNT));
    m.put(Eth2EnrFields.SYNCNETS, Eth2EnrFields.bitvector(syncnets, Eth2EnrFields.SYNC_COMMITTEE_SUBNET_COUNT));
    custodyGroupCount.ifPresent(c -> m.put(Eth2EnrFields.CGC, Eth2EnrFields.cgc(c)));
    nextForkDigest.ifPresent(n -> m.put(Eth2EnrFields.NFD, Eth2EnrFields.nfd(n)));
    if (groupMember) {
      m.put(Eth2EnrFields.GMEMBER, Eth2EnrFields.gmember());
    }
    return m;
  }
}
