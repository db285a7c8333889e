package io.edvt.networking.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.transport.crypto.Secp256k1PrivateKey;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SubnetPredicatesTest {
  static final SecureRandom RANDOM = new SecureRandom();
  static final byte[] OURS = HexFormat.of().parseHex("edf70001");

  static DiscoveredPeer peer(byte[] digest, BitSet attnets, BitSet syncnets, OptionalInt cgc, boolean gmember) {
    Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(RANDOM);
    return new DiscoveredPeer(new BigInteger(1, key.raw()), key.publicKey(),
        Optional.of(new InetSocketAddress("127.0.0.1", 9000)), Optional.empty(),
        Optional.of(new EnrForkId(digest, new byte[4], UInt64.MAX_VALUE)), attnets, syncnets, cgc, Optional.empty(),
        gmember, 1, "");
  }

  static BitSet bits(int... set) {
    BitSet b = new BitSet();
    IntStream.of(set).forEach(b::set);
    return b;
  }

  @Test
  void attestationAndSyncCommitteeSubnetsMatchTheirOwnBitOnly() {
    DiscoveredPeer p = peer(OURS, bits(0, 63), bits(2), OptionalInt.empty(), false);
    assertThat(SubnetPredicates.attestationSubnet(0)).accepts(p);
    assertThat(SubnetPredicates.attestationSubnet(63)).accepts(p);
    assertThat(SubnetPredicates.attestationSubnet(2)).rejects(p); // bit 2 is a syncnets bit here
    assertThat(SubnetPredicates.syncCommitteeSubnet(2)).accepts(p);
    assertThat(SubnetPredicates.syncCommitteeSubnet(0)).rejects(p);
    assertThat(SubnetPredicates.groupMember()).rejects(p);
    assertThat(SubnetPredicates.groupMember()).accepts(peer(OURS, bits(), bits(), OptionalInt.empty(), true));
  }

  @Test
  void custodyGroupsComeFromTheNodeIdAndTheCount() {
    DiscoveredPeer four = peer(OURS, bits(), bits(), OptionalInt.of(4), false);
    List<Integer> matched = IntStream.range(0, Eth2EnrFields.NUMBER_OF_CUSTODY_GROUPS)
        .filter(g -> SubnetPredicates.custodyGroup(g).test(four)).boxed().toList();
    assertThat(matched).hasSize(4).containsExactlyInAnyOrderElementsOf(four.custodyGroups());

    DiscoveredPeer all = peer(OURS, bits(), bits(), OptionalInt.of(Eth2EnrFields.NUMBER_OF_CUSTODY_GROUPS), false);
    DiscoveredPeer noCgc = peer(OURS, bits(), bits(), OptionalInt.empty(), false);
    for (int g : new int[] {0, 77, 127}) {
      assertThat(SubnetPredicates.custodyGroup(g)).accepts(all).rejects(noCgc);
    }
  }

  @Test
  void theForkDigestIsCopiedWhenThePredicateIsMade() {
    byte[] digest = OURS.clone();
    Predicate<DiscoveredPeer> ours = SubnetPredicates.forkDigest(digest);
    DiscoveredPeer p = peer(OURS, bits(), bits(), OptionalInt.empty(), false);
    digest[0] = 0;
    assertThat(ours).accepts(p);
    assertThat(ours).rejects(peer(HexFormat.of().parseHex("0a0b0c0d"), bits(), bits(), OptionalInt.empty(), false));
    assertThatThrownBy(() -> SubnetPredicates.forkDigest(new byte[3])).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a fork digest is 4 bytes, got 3");
  }

  @Test
  void indicesOutsideTheirRangeAreRefusedWhenThePredicateIsMade() {
    assertThatThrownBy(() -> SubnetPredicates.attestationSubnet(64)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attestation subnet 64 is outside 0..63");
    assertThatThrownBy(() -> SubnetPredicates.attestationSubnet(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SubnetPredicates.syncCommitteeSubnet(4)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sync committee subnet 4 is outside 0..3");
    assertThatThrownBy(() -> SubnetPredicates.custodyGroup(128)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("custody group 128 is outside 0..127");
  }

  @Test
  void aFilteredSearchKeepsTheMatchingCandidatesInOrder() throws Exception {
    DiscoveredPeer a = peer(OURS, bits(5), bits(), OptionalInt.empty(), false);
    DiscoveredPeer b = peer(OURS, bits(6), bits(1), OptionalInt.empty(), true);
    DiscoveredPeer c = peer(OURS, bits(5), bits(1), OptionalInt.empty(), false);
    PeerSource source = new PeerSource() {
      @Override
      public CompletableFuture<List<DiscoveredPeer>> searchForPeers() {
        return CompletableFuture.completedFuture(List.of(a, b, c));
      }

      @Override
      public List<DiscoveredPeer> knownPeers() {
        return List.of();
      }
    };
    assertThat(source.searchForPeers(SubnetPredicates.attestationSubnet(5)).get(1, TimeUnit.SECONDS))
        .containsExactly(a, c);
    assertThat(source.searchForPeers(SubnetPredicates.syncCommitteeSubnet(1).and(SubnetPredicates.groupMember()))
        .get(1, TimeUnit.SECONDS)).containsExactly(b);
    assertThat(source.searchForPeers(SubnetPredicates.attestationSubnet(7)).get(1, TimeUnit.SECONDS)).isEmpty();
  }
}
