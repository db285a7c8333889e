package io.edvt.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.spec.testing.SpecRefs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The map from consensus-specs functions to Java methods ({@code specrefs/fulu.yaml}) names only
 * methods that exist, are public, and live in the spec's logic packages.
 */
class SpecRefsTest {
  private static final List<String> PACKAGES = List.of(
      "io.edvt.spec.logic.versions.fulu.", "io.edvt.spec.logic.common.");

  private static Map<String, String> refs() {
    return SpecRefs.load(SpecRefsTest.class, "/specrefs/fulu.yaml", "fulu");
  }

  @Test
  void everyMappedSpecFunctionHasItsJavaMethod() {
    Map<String, String> refs = refs();
    assertThat(refs).as("mapped spec functions").hasSizeGreaterThan(100);
    assertThat(SpecRefs.missingMethods(refs, PACKAGES)).as("spec functions whose Java method is missing").isEmpty();
  }

  @Test
  void theMapCoversTheCoreStateTransitionFunctions() {
    assertThat(refs()).containsKeys("state_transition", "process_slots", "process_epoch", "process_block",
        "process_attestation", "process_withdrawals", "process_pending_deposits", "upgrade_to_fulu",
        "process_proposer_lookahead", "get_beacon_proposer_index", "process_sync_aggregate");
  }

  @Test
  void aMissingMethodIsReported() {
    assertThat(SpecRefs.missingMethods(Map.of("process_nothing", "BlockProcessorFulu#processNothing"), PACKAGES))
        .containsExactly("process_nothing -> BlockProcessorFulu#processNothing");
    assertThat(SpecRefs.missingMethods(Map.of("x", "NoSuchClass#run"), PACKAGES)).hasSize(1);
  }
}
