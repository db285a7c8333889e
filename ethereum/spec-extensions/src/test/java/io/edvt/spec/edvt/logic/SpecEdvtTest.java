package io.edvt.spec.edvt.logic;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import io.edvt.spec.logic.versions.fulu.BlockProcessorFulu;
import io.edvt.spec.logic.versions.fulu.EpochProcessorFulu;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

class SpecEdvtTest {

  @Test
  void theCompositionRootOverridesOnlyTheChangedParts() {
    SpecEdvt spec = new SpecEdvt(EdvtConfig.load("minimal"));
    assertThat(spec.schemas()).isExactlyInstanceOf(SchemaDefinitionsEdvt.class);
    assertThat(spec.misc()).isExactlyInstanceOf(MiscHelpersEdvt.class);
    assertThat(spec.forkUpgrade()).isExactlyInstanceOf(ForkUpgradeEdvt.class);
    // stage 2: accessors, epoch and block processing and the block signature are EDVT's
    assertThat(spec.accessors()).isExactlyInstanceOf(BeaconStateAccessorsEdvt.class);
    assertThat(spec.epochProcessor()).isExactlyInstanceOf(EpochProcessorEdvt.class).isInstanceOf(EpochProcessorFulu.class);
    assertThat(spec.blockProcessor()).isExactlyInstanceOf(BlockProcessorEdvt.class).isInstanceOf(BlockProcessorFulu.class);
    assertThat(spec.stateTransition()).isExactlyInstanceOf(StateTransitionEdvt.class);
    // the sidecars' header carries signer_bits
    assertThat(spec.dataColumnSidecars()).isExactlyInstanceOf(DataColumnSidecarsEdvt.class);
    assertThat(spec.schemas().config()).isSameAs(spec.config());
  }

  @Test
  void computeForkVersionKnowsTheEdvtFork() {
    var config = EdvtConfig.load("mainnet", Map.of("EDVT_FORK_EPOCH", "500000"));
    MiscHelpersEdvt misc = new SpecEdvt(config).misc();
    assertThat(misc.computeForkVersion(UInt64.valueOf(499_999))).isEqualTo(config.fuluForkVersion());
    assertThat(misc.computeForkVersion(UInt64.valueOf(500_000))).isEqualTo(SpecConfigEdvt.of(config).edvtForkVersion());
    assertThat(misc.computeForkVersion(UInt64.valueOf(364_032))).isEqualTo(config.electraForkVersion());
    // compute_fork_digest is Fulu's on top: the EDVT version's digest differs from Fulu's
    Bytes32 root = Bytes32.ZERO;
    assertThat(misc.computeForkDigest(root, UInt64.valueOf(500_000)))
        .isNotEqualTo(misc.computeForkDigest(root, UInt64.valueOf(499_999)));
  }
}
