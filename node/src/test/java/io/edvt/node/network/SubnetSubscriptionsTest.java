package io.edvt.node.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.edvt.config.EdvtConfig;
import java.math.BigInteger;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Subnets around duties, on the minimal config (8 slots an epoch, 64 subnets). */
class SubnetSubscriptionsTest {
  private static final SpecConfig CONFIG = EdvtConfig.load("minimal", Map.of());
  private static final LongLivedSubnets LONG_LIVED = new LongLivedSubnets(BigInteger.valueOf(12345).shiftLeft(200), CONFIG);

  private static SubnetSubscriptions subnets(boolean all) {
    return new SubnetSubscriptions(LONG_LIVED, CONFIG.attestationSubnetCount(), CONFIG.slotsPerEpoch(), all);
  }

  private static int notLongLived(long epoch) {
    int s = 0;
    while (LONG_LIVED.at(epoch).contains(s)) {
      s++;
    }
    return s;
  }

  @Test
  void twoAggregatorDutiesOnOneSubnetKeepItUntilTheLaterIsOver() {
    SubnetSubscriptions s = subnets(false);
    int subnet = notLongLived(1);
    assertThat(s.attesterDuty(subnet, 10, true)).isTrue();
    assertThat(s.attesterDuty(subnet, 10, true)).isFalse(); // told twice (our duty and the API's)
    assertThat(s.attesterDuty(subnet, 14, true)).isTrue();
    assertThat(s.attestationSubnets(7)).doesNotContain(subnet);
    assertThat(s.attestationSubnets(8)).contains(subnet);
    assertThat(s.attestationSubnets(10)).contains(subnet);
    s.prune(11);
    assertThat(s.attestationSubnets(11)).doesNotContain(subnet); // 14 is 3 slots away
    assertThat(s.attestationSubnets(12)).contains(subnet);
    s.prune(15);
    assertThat(s.attestationSubnets(15)).isEqualTo(new TreeSet<>(LONG_LIVED.at(1)));
  }

  @Test
  void aNonAggregatorDutyJoinsNothing() {
    SubnetSubscriptions s = subnets(false);
    int subnet = notLongLived(1);
    assertThat(s.attesterDuty(subnet, 10, false)).isFalse();
    assertThat(s.attestationSubnets(10)).isEqualTo(new TreeSet<>(LONG_LIVED.at(1)));
  }

  @Test
  void subscribeAllJoinsAndAdvertisesEverySubnet() {
    SubnetSubscriptions s = subnets(true);
    assertThat(s.attestationSubnets(3)).hasSize(64);
    assertThat(s.advertisedAttestationSubnets(0)).hasSize(64);
  }

  @Test
  void syncSeatsLastUntilTheirEpochAndALaterEndWins() {
    SubnetSubscriptions s = subnets(false);
    s.syncSeats(Set.of(0, 3), 4);
    s.syncSeats(Set.of(3), 2);
    assertThat(s.syncSubnets(3)).containsExactly(0, 3);
    assertThat(s.syncSubnets(4)).isEmpty();
  }

  @Test
  void subnetsOutOfRangeAreRefused() {
    SubnetSubscriptions s = subnets(false);
    assertThatThrownBy(() -> s.attesterDuty(64, 1, true)).hasMessage("attestation subnet 64 is outside [0, 64)");
    assertThatThrownBy(() -> s.syncSeats(Set.of(4), 1)).hasMessage("sync committee subnet 4 is outside [0, 4)");
  }
}
