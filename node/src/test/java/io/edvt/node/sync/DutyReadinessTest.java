package io.edvt.node.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DutyReadinessTest {
  private static final DutyReadiness RULE = new DutyReadiness(8, 30_000);

  @Test
  void aNodeRestartedBehindItsPeersDoesNotSignUntilItCaughtUp() {
    // the devnet's restart: head 13 from before the kill, peers at 28
    DutyReadiness.Verdict v = RULE.verdict(13, 28, OptionalLong.of(28), 60_000);
    assertThat(v.ready()).isFalse();
    assertThat(v.reason()).contains("head slot 13").contains("peers at slot 28");
    assertThat(RULE.verdict(28, 28, OptionalLong.of(28), 60_000).ready()).isTrue();
  }

  @Test
  void peersAFewSlotsAheadAreWithinTheTolerance() {
    assertThat(RULE.verdict(26, 28, OptionalLong.of(28), 0).ready()).isTrue();
    assertThat(RULE.verdict(25, 28, OptionalLong.of(28), 0).ready()).isFalse();
  }

  @Test
  void peersBehindUsDoNotHoldUsBack() {
    // a peer's Status is refreshed only every few minutes: its head may be far behind ours
    assertThat(RULE.verdict(100, 100, OptionalLong.of(40), 0).ready()).isTrue();
  }

  @Test
  void withNoPeerAnOldHeadWaitsForPeersUntilTheStartupTimeout() {
    DutyReadiness.Verdict waiting = RULE.verdict(13, 28, OptionalLong.empty(), 29_999);
    assertThat(waiting.ready()).isFalse();
    assertThat(waiting.reason()).contains("waiting for peers").contains("15 slots behind");
    assertThat(RULE.verdict(13, 28, OptionalLong.empty(), 30_000).ready()).isTrue();
  }

  @Test
  void withNoPeerAHeadWithinAnEpochIsCurrent() {
    // a devnet's nodes at genesis, or a chain whose last blocks were missed
    assertThat(RULE.verdict(0, 0, OptionalLong.empty(), 0).ready()).isTrue();
    assertThat(RULE.verdict(20, 28, OptionalLong.empty(), 0).ready()).isTrue();
    assertThat(RULE.verdict(19, 28, OptionalLong.empty(), 0).ready()).isFalse();
  }
}
