package io.edvt.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.config.SpecConfigLoader;
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
  void aConfigWithoutALaterForksKeysNeverSchedulesIt() {
    SpecConfig mainnet = SpecConfigLoader.load("mainnet");
    assertThat(SpecMilestone.atEpoch(mainnet, UInt64.ZERO)).isEqualTo(SpecMilestone.FULU);
    assertThat(SpecMilestone.atEpoch(mainnet, UInt64.valueOf(411392))).isEqualTo(SpecMilestone.FULU);
    assertThat(SpecMilestone.atEpoch(mainnet, UInt64.MAX_VALUE.minus(1))).isEqualTo(SpecMilestone.FULU);
    assertThat(SpecMilestone.EDVT.forkEpoch(mainnet)).isEqualTo(UInt64.MAX_VALUE);
    assertThat(SpecMilestone.FULU.forkVersion(mainnet)).isEqualTo(Bytes.fromHexString("0x06000000"));
    assertThat(SpecMilestone.FULU.forkEpoch(mainnet)).isEqualTo(UInt64.valueOf(411392));
  }

  @Test
  void forkNamesAreTheConsensusSpecsPathNames() {
    assertThat(SpecMilestone.FULU.forkName()).isEqualTo("fulu");
    assertThat(SpecMilestone.byForkName("edvt")).contains(SpecMilestone.EDVT);
    assertThat(SpecMilestone.byForkName("electra")).isEmpty();
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
