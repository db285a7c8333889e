package io.edvt.node.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.edvt.config.EdvtConfig;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code compute_subscribed_subnets} (phase0 p2p-interface) on the minimal config: 64 subnets, 2 per node, rotation every 256 epochs. */
class LongLivedSubnetsTest {
  private static final SpecConfig CONFIG = EdvtConfig.load("minimal", Map.of());
  private static final Random RANDOM = new Random(42);

  private static BigInteger randomNodeId() {
    return new BigInteger(256, RANDOM);
  }

  @Test
  void aNodeIsOnSubnetsPerNodeConsecutiveSubnets() {
    for (int i = 0; i < 50; i++) {
      List<Integer> subnets = new ArrayList<>(new LongLivedSubnets(randomNodeId(), CONFIG).at(RANDOM.nextInt(100_000)));
      assertThat(subnets).hasSize(CONFIG.subnetsPerNode());
      assertThat(subnets.get(1)).isEqualTo((subnets.get(0) + 1) % CONFIG.attestationSubnetCount());
    }
  }

  @Test
  void theSubnetsStayForEpochsPerSubnetSubscriptionAndRotateAtTheNodesOwnOffset() {
    BigInteger id = randomNodeId();
    LongLivedSubnets subnets = new LongLivedSubnets(id, CONFIG);
    long offset = id.mod(BigInteger.valueOf(CONFIG.epochsPerSubnetSubscription())).longValue();
    long rotation = subnets.nextRotation(0);
    assertThat(rotation).isEqualTo(CONFIG.epochsPerSubnetSubscription() - offset);
    for (long e = 0; e < rotation; e++) {
      assertThat(subnets.at(e)).isEqualTo(subnets.at(0));
    }
    long next = subnets.nextRotation(rotation);
    assertThat(next - rotation).isEqualTo(CONFIG.epochsPerSubnetSubscription());
    for (long e = rotation; e < next; e++) {
      assertThat(subnets.at(e)).isEqualTo(subnets.at(rotation));
    }
  }

  @Test
  void nodesWithTheSamePrefixAndOffsetShareSubnetsAndOthersSpreadOverAllSubnets() {
    // only the top 6 bits (the prefix) and id mod 256 (the offset) matter
    BigInteger id = randomNodeId();
    BigInteger sameTopAndOffset = id.xor(BigInteger.ONE.shiftLeft(100));
    assertThat(new LongLivedSubnets(sameTopAndOffset, CONFIG).at(7)).isEqualTo(new LongLivedSubnets(id, CONFIG).at(7));
    // the 64 prefixes are a permutation: at one seed (offset 0, epoch 0) each subnet starts exactly one node's pair
    Set<Integer> firsts = new HashSet<>();
    for (int prefix = 0; prefix < 64; prefix++) {
      firsts.add(new LongLivedSubnets(BigInteger.valueOf(prefix).shiftLeft(250), CONFIG).at(0).iterator().next());
    }
    assertThat(firsts).hasSize(CONFIG.attestationSubnetCount());
  }

  @Test
  void aNodeIdOutsideTwoTo256IsRefused() {
    assertThatThrownBy(() -> new LongLivedSubnets(BigInteger.ONE.shiftLeft(256), CONFIG))
        .hasMessageContaining("256-bit");
  }
}
