package io.edvt.node.network;

import io.edvt.infrastructure.crypto.Sha256;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.logic.common.Shuffling;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The attestation subnets a node stays on whatever its duties, from its node id (phase0
 * p2p-interface, "Attestation subnet subscription": {@code compute_subscribed_subnets}). They are
 * {@code SUBNETS_PER_NODE} consecutive subnets (mod {@code ATTESTATION_SUBNET_COUNT}) starting at
 * the node id's top {@code ATTESTATION_SUBNET_PREFIX_BITS} bits shuffled with a seed that changes
 * every {@code EPOCHS_PER_SUBNET_SUBSCRIPTION} epochs, each node at its own offset in that period
 * (so the network's nodes do not all rotate at once).
 */
public final class LongLivedSubnets {
  private static final int NODE_ID_BITS = 256;

  private final BigInteger nodeId;
  private final int subnetCount;
  private final int subnetsPerNode;
  private final int prefixBits;
  private final long epochsPerSubscription;
  private final int shuffleRounds;

  public LongLivedSubnets(BigInteger nodeId, SpecConfig config) {
    if (nodeId.signum() < 0 || nodeId.bitLength() > NODE_ID_BITS) {
      throw new IllegalArgumentException("a node id is a 256-bit unsigned number, got " + nodeId);
    }
    this.nodeId = nodeId;
    this.subnetCount = config.attestationSubnetCount();
    this.subnetsPerNode = config.subnetsPerNode();
    // ATTESTATION_SUBNET_PREFIX_BITS = ceillog2(ATTESTATION_SUBNET_COUNT) + ATTESTATION_SUBNET_EXTRA_BITS
    this.prefixBits = ceilLog2(subnetCount) + config.attestationSubnetExtraBits();
    this.epochsPerSubscription = config.epochsPerSubnetSubscription();
    this.shuffleRounds = config.shuffleRoundCount();
  }

  private static int ceilLog2(int n) {
    return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
  }

  /** {@code compute_subscribed_subnets(node_id, epoch)}, in index order. */
  public Set<Integer> at(long epoch) {
    long prefix = nodeId.shiftRight(NODE_ID_BITS - prefixBits).longValueExact();
    long offset = nodeId.mod(BigInteger.valueOf(epochsPerSubscription)).longValueExact();
    long period = Long.divideUnsigned(epoch + offset, epochsPerSubscription);
    byte[] seed = Sha256.hash(ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(period).array());
    long permutated = Shuffling.computeShuffledIndex(prefix, 1L << prefixBits, seed, shuffleRounds);
    Set<Integer> out = new LinkedHashSet<>();
    for (int index = 0; index < subnetsPerNode; index++) {
      out.add((int) ((permutated + index) % subnetCount));
    }
    return out;
  }

  /** The first epoch after {@code epoch} whose subnets may differ (where {@code (epoch + offset) // EPOCHS_PER_SUBNET_SUBSCRIPTION} rises). */
  public long nextRotation(long epoch) {
    long offset = nodeId.mod(BigInteger.valueOf(epochsPerSubscription)).longValueExact();
    return ((epoch + offset) / epochsPerSubscription + 1) * epochsPerSubscription - offset;
  }
}
