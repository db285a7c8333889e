package io.edvt.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.config.SpecConfigLoader;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

class SpecMilestoneTest {

  @Test
  void milestonesAreOrderedFuluThenEdvt() {
    assertThat(SpecMilestone.values()).containsExactly(SpecMilestone.FULU, SpecMilestone.EDVT);
    assertThat(SpecMilestone.EDVT.isAtLeast(SpecMilestone.FULU)).isTrue();
    assertThat(SpecMilestone.FULU.isAtLeast(SpecMilestone.EDVT)).isFalse();
    assertThat(SpecMilestone.FULU.next()).contains(SpecMilestone.EDVT);
    assertThat(SpecMilestone.EDVT.next()).isEmpty();
    assertThat(SpecMilestone.EDVT.previous()).contains(SpecMilestone.FULU);
    assertThat(SpecMilestone.FULU.previous()).isEmpty();
  }

  @Test
  void anUnscheduledEdvtLeavesEveryEpochToFulu() {
    SpecConfig mainnet = SpecConfigLoader.load("mainnet");
    assertThat(SpecMilestone.atEpoch(mainnet, UInt64.ZERO)).isEqualTo(SpecMilestone.FULU);
    assertThat(SpecMilestone.atEpoch(mainnet, UInt64.valueOf(411392))).isEqualTo(SpecMilestone.FULU);
    assertThat(SpecMilestone.atEpoch(mainnet, UInt64.MAX_VALUE.minus(1))).isEqualTo(SpecMilestone.FULU);
    assertThat(SpecMilestone.EDVT.forkVersion(mainnet)).isEqualTo(Bytes.fromHexString("0xed000000"));
    assertThat(SpecMilestone.FULU.forkVersion(mainnet)).isEqualTo(Bytes.fromHexString("0x06000000"));
    assertThat(SpecMilestone.FULU.forkEpoch(mainnet)).isEqualTo(UInt64.valueOf(411392));
  }

  @Test
  void edvtIsInForceFromItsForkEpoch() {
    // Minimal schedules Fulu nowhere; a chain of this client is Fulu from genesis all the same.
    SpecConfig config = SpecConfigLoader.load("minimal", Map.of("EDVT_FORK_EPOCH", "3"));
    assertThat(SpecMilestone.atEpoch(config, UInt64.ZERO)).isEqualTo(SpecMilestone.FULU);
    assertThat(SpecMilestone.atEpoch(config, UInt64.valueOf(2))).isEqualTo(SpecMilestone.FULU);
    assertThat(SpecMilestone.atEpoch(config, UInt64.valueOf(3))).isEqualTo(SpecMilestone.EDVT);
    assertThat(SpecMilestone.atEpoch(config, UInt64.valueOf(1000))).isEqualTo(SpecMilestone.EDVT);
    assertThat(SpecMilestone.EDVT.forkEpoch(config)).isEqualTo(UInt64.valueOf(3));
  }

  @Test
  void aForkFolderNameParsesToItsMilestoneAndOtherNamesToNone() {
    assertThat(SpecMilestone.byForkName("fulu")).contains(SpecMilestone.FULU);
    assertThat(SpecMilestone.byForkName("edvt")).contains(SpecMilestone.EDVT);
    assertThat(SpecMilestone.byForkName("phase0")).isEmpty();
    assertThat(SpecMilestone.byForkName("EDVT")).isEmpty();
    for (SpecMilestone m : SpecMilestone.values()) {
      assertThat(SpecMilestone.byForkName(m.forkName())).contains(m);
    }
  }
}
