package io.edvt.networking.discovery;

import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.crypto.Secp256k1PublicKey;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A node found by discovery, with its ENR's fields decoded and checked ({@link Enrs#toPeer}).
 *
 * @param nodeId the discv5 node id (keccak256 of the public key)
 * @param publicKey its secp256k1 key, which is also its libp2p identity
 * @param tcp where it serves libp2p over TCP ({@code ip}/{@code tcp}, or {@code ip6}/{@code tcp6})
 * @param quic where it serves libp2p over QUIC ({@code quic} / {@code quic6})
 * @param eth2 its {@code eth2} field, absent for a node of another network
 * @param attnets {@code attnets} (empty when absent)
 * @param syncnets {@code syncnets} (empty when absent)
 * @param custodyGroupCount {@code cgc} (absent before Fulu or when not advertised)
 * @param nextForkDigest {@code nfd}, when advertised
 * @param groupMember EDVT's {@code gmember}: it subscribes to the group member topics
 * @param seq the ENR's sequence number
 * @param enr the ENR text ({@code enr:...})
 */
public record DiscoveredPeer(BigInteger nodeId, Secp256k1PublicKey publicKey, Optional<InetSocketAddress> tcp,
    Optional<InetSocketAddress> quic, Optional<EnrForkId> eth2, BitSet attnets, BitSet syncnets,
    OptionalInt custodyGroupCount, Optional<byte[]> nextForkDigest, boolean groupMember, long seq, String enr) {

  public DiscoveredPeer {
    attnets = (BitSet) attnets.clone();
    syncnets = (BitSet) syncnets.clone();
  }

  public PeerId peerId() {
    return publicKey.peerId();
  }

  @Override
  public BitSet attnets() {
    return (BitSet) attnets.clone();
  }

  @Override
  public BitSet syncnets() {
    return (BitSet) syncnets.clone();
  }

  public boolean hasForkDigest(byte[] digest) {
    return eth2.map(f -> f.hasForkDigest(digest)).orElse(false);
  }

  public boolean servesAttestationSubnet(int subnet) {
    return attnets.get(subnet);
  }

  public boolean servesSyncCommitteeSubnet(int subnet) {
    return syncnets.get(subnet);
  }

  /** The custody groups the peer serves (Fulu {@code get_custody_groups} of its node id and cgc). */
  public List<Integer> custodyGroups() {
    return custodyGroupCount.isEmpty() ? List.of()
        : CustodyGroups.of(nodeId, custodyGroupCount.getAsInt(), Eth2EnrFields.NUMBER_OF_CUSTODY_GROUPS);
  }

  /**
   * The multiaddrs to dial, best first: QUIC when {@code preferQuic} and the ENR has a {@code quic}
   * port, then TCP (the fallback every Ethereum node serves).
   */
  public List<Multiaddr> dialAddresses(boolean preferQuic) {
    List<Multiaddr> out = new ArrayList<>();
    if (preferQuic) {
      quic.ifPresent(a -> out.add(Multiaddr.fromQuicSocketAddress(a).withPeerId(peerId())));
    }
    tcp.ifPresent(a -> out.add(Multiaddr.fromSocketAddress(a).withPeerId(peerId())));
    return out;
  }

  @Override
  public String toString() {
    return "DiscoveredPeer(" + peerId() + ", tcp=" + tcp.map(Object::toString).orElse("-") + ", quic="
        + quic.map(Object::toString).orElse("-") + ", " + eth2.map(Object::toString).orElse("no eth2") + ", attnets="
        + attnets + ", syncnets=" + syncnets + ", cgc=" + (custodyGroupCount.isPresent() ? custodyGroupCount.getAsInt() : "-")
        + (groupMember ? ", gmember" : "") + ", seq=" + seq + ")";
  }
}
