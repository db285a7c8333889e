package io.edvt.reftests.equivalence;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.reftests.SpecRejection;
import io.edvt.reftests.TestCase;
import io.edvt.reftests.VectorsRoot;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The equivalence's comparisons catch what they should: a shared field that differs, a rejection
 * by another rule, and roots compared only through their EDVT counterparts (without the
 * translation, the roots a slot writes differ; with it, nothing does).
 */
class EquivalenceHarnessTest {
  private static final EquivalenceSpecs SPECS = new EquivalenceSpecs();

  private static BeaconState pre() {
    Path dir = VectorsRoot.testsDir().resolve("minimal/fulu/sanity/slots/pyspec_tests/slots_1");
    TestCase c = new TestCase("minimal", "fulu", "sanity", "slots", "pyspec_tests", "slots_1", dir);
    return SPECS.fulu().schemas().beaconState().deserialize(c.ssz("pre"));
  }

  private static BeaconState upgrade(BeaconState pre) {
    return SPECS.edvt().forkUpgrade().upgradeToEdvt(BeaconStateFulu.required(pre));
  }

  @Test
  void aSharedFieldThatDiffersIsReported() {
    BeaconState pre = pre();
    BeaconState upgraded = upgrade(pre);
    assertThat(SharedFields.compare(pre, upgraded, upgraded, new RootMap()).differences()).isEmpty();
    BeaconState richer = upgraded.withBalances(upgraded.balances().set(3, UInt64.valueOf(1)));
    assertThat(SharedFields.compare(pre, richer, upgraded, new RootMap()).differences())
        .singleElement().asString().startsWith("balances differs").contains("[3]");
    BeaconState refork = upgraded.withFork(pre.fork());
    assertThat(SharedFields.compare(pre, refork, upgraded, new RootMap()).differences())
        .singleElement().asString().startsWith("fork changed after the upgrade");
  }

  @Test
  void aSeatSignerThatIsNotTheSeatKeysValidatorIsReported() {
    BeaconState pre = pre();
    BeaconState upgraded = upgrade(pre);
    MutableBeaconState wrong = new MutableBeaconState(upgraded);
    SszList<UInt64> signers = wrong.listValue(BeaconStateEdvt.NEXT_SYNC_COMMITTEE_SIGNERS);
    wrong.setList(BeaconStateEdvt.NEXT_SYNC_COMMITTEE_SIGNERS, signers.set(5, signers.get(5).plus(1)));
    assertThat(SharedFields.compare(pre, wrong.commit(), upgraded, new RootMap()).differences())
        .singleElement().asString().startsWith("EDVT field next_sync_committee_signers[5]");
  }

  @Test
  void rootsAreComparedThroughTheirEdvtCounterpartsOnly() {
    BeaconState pre = pre();
    BeaconState upgraded = upgrade(pre);
    RootMap roots = new RootMap();
    SlotStepper.Pair post = new SlotStepper(SPECS.fulu(), SPECS.edvt(), SignatureVerifier.SIMPLE, roots)
        .advance(new SlotStepper.Pair(pre, upgraded), pre.slot().plus(1));
    assertThat(SharedFields.compare(post.fulu(), post.edvt(), upgraded, roots).differences()).isEmpty();
    assertThat(SharedFields.compare(post.fulu(), post.edvt(), upgraded, new RootMap()).differences())
        .anyMatch(d -> d.startsWith("state_roots differs"));
    // a root EDVT wrote that is not the counterpart of Fulu's is still a difference
    BeaconState tampered = post.edvt().withStateRoots(post.edvt().stateRoots()
        .set(pre.slot().intValue() % SPECS.fulu().config().slotsPerHistoricalRoot(), pre.hashTreeRoot()));
    assertThat(SharedFields.compare(post.fulu(), tampered, upgraded, roots).differences())
        .anyMatch(d -> d.startsWith("state_roots differs"));
  }

  @Test
  void aRejectionByAnotherRuleIsReportedAndADeclaredReplacementIsNot() {
    Rules rules = new Rules();
    SpecRejection slot = rejection("state.slot < slot (5, 5)");
    assertThat(rules.compare(slot, rejection("state.slot < slot (5, 5)"))).isNull();
    assertThat(rules.compare(slot, rejection("block.slot == state.slot (5, 6)"))).contains("another rule");
    SpecRejection fuluExit = rejection("bls.Verify(validator.pubkey, signing_root, signed_voluntary_exit.signature) (validator 0)");
    SpecRejection edvtExit = rejection("is_valid_threshold_signature(state, voluntary_exit.validator_index, get_current_epoch(state), "
        + "signing_root, signed_voluntary_exit.signer_bits, signed_voluntary_exit.signature) (validator 0, x)");
    assertThat(rules.compare(fuluExit, edvtExit)).isNull();
    assertThat(rules.used()).hasSize(1);
    assertThat(rules.compare(fuluExit, slot)).contains("another rule");
  }

  private static SpecRejection rejection(String condition) {
    return SpecRejection.of(new StateTransitionException("assertion failed: " + condition)).orElseThrow();
  }
}
