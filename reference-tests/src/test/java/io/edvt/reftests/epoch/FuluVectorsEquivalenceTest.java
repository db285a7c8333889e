package io.edvt.reftests.epoch;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.reftests.CaseWalker;
import io.edvt.reftests.ReferenceSpecs;
import io.edvt.reftests.TestCase;
import io.edvt.reftests.VectorsRoot;
import io.edvt.spec.SpecMilestone;
import io.edvt.reftests.epoch.EpochProcessingExecutor.Step;
import io.edvt.reftests.epoch.RewardsExecutor.DeltasContainer;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.EpochProcessorFulu;
import io.edvt.spec.logic.versions.fulu.RewardsAndPenaltiesFulu.Deltas;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The equivalence requirement on the provided Fulu vectors: a state without groups must
 * give Fulu's results. Every case of {@code minimal/fulu/epoch_processing} and
 * {@code minimal/fulu/rewards} under the official vectors root (the runner's
 * {@link VectorsRoot#testsDir()}) is upgraded to EDVT ({@code upgrade_to_edvt}); EDVT's epoch
 * sub-step, or its rewards functions, then run on the upgraded state. Every field the two states
 * share, except {@code fork} (the upgrade changes it by definition), must equal Fulu's
 * {@code post} (balances, participation flags, inactivity scores, checkpoints, registry, queues,
 * ...), and EDVT's own fields must be what the upgrade made them; a case without {@code post}
 * must fail in EDVT too. For rewards, the four deltas must equal Fulu's files.
 *
 * <p>The number of cases compared per handler is printed and written to
 * {@code target/fulu-equivalence-summary.txt}; every difference fails the test. No case is
 * skipped today; a case would be skipped only with a reason written in {@link #skipReason}.
 */
class FuluVectorsEquivalenceTest {
  private static final String PRESET = "minimal";
  private static final List<String> RUNNERS = List.of("epoch_processing", "rewards");

  @Test
  void edvtWithoutGroupsGivesFulusResultsOnEveryFuluEpochAndRewardsVector() throws IOException {
    Path tests = VectorsRoot.testsDir();
    List<TestCase> cases = CaseWalker.cases(tests, c -> c.preset().equals(PRESET) && c.fork().equals("fulu")
        && RUNNERS.contains(c.runner()));
    SpecFulu fulu = ReferenceSpecs.spec(PRESET, SpecMilestone.FULU);
    SpecEdvt edvt = ReferenceSpecs.edvt(PRESET);

    Map<String, Integer> compared = new TreeMap<>();
    Map<String, String> skipped = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    for (TestCase c : cases) {
      String reason = skipReason(c);
      if (reason != null) {
        skipped.put(c.displayName(), reason);
        continue;
      }
      String failure = c.runner().equals("rewards") ? rewards(fulu, edvt, c) : epochStep(fulu, edvt, c);
      if (failure != null) {
        failures.add(c.displayName() + ": " + failure);
      }
      compared.merge(c.runner() + "/" + c.handler(), 1, Integer::sum);
    }

    String report = report(tests, compared, skipped, failures);
    System.out.print(report);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "fulu-equivalence-summary.txt"), report);

    assertThat(compared.keySet()).as("handlers compared").anyMatch(h -> h.startsWith("epoch_processing/"))
        .anyMatch(h -> h.startsWith("rewards/"));
    assertThat(failures).as("cases where EDVT without groups differs from Fulu").isEmpty();
  }

  /** Why a case cannot be compared, or null. None today: every Fulu step exists unchanged in name in EDVT. */
  private static String skipReason(TestCase c) {
    if (c.has("config.yaml")) {
      return "the case brings its own config.yaml (not supported by the state executors)";
    }
    if (c.runner().equals("epoch_processing") && !EpochProcessingExecutor.steps(SpecMilestone.EDVT, ReferenceSpecs.versions(PRESET)).containsKey(c.handler())) {
      return "no epoch step named '" + c.handler() + "' in this client";
    }
    return null;
  }

  // ------------------------------------------------------------------ epoch_processing

  private static String epochStep(SpecFulu fulu, SpecEdvt edvt, TestCase c) {
    Step step = EpochProcessingExecutor.steps(SpecMilestone.EDVT, ReferenceSpecs.versions(PRESET)).get(c.handler());
    SignatureVerifier verifier = FuluStates.verifier(c);
    BeaconState pre = FuluStates.read(fulu, c, "pre");
    BeaconState upgraded = edvt.forkUpgrade().upgradeToEdvt(BeaconStateFulu.required(pre));
    MutableBeaconState work = new MutableBeaconState(upgraded);
    BeaconState result;
    try {
      step.run(work, verifier);
      result = work.commit();
    } catch (RuntimeException e) {
      return c.has("post.ssz_snappy") ? "EDVT's step failed where Fulu's succeeds: " + e : null;
    }
    if (!c.has("post.ssz_snappy")) {
      return "EDVT's step succeeded where Fulu's must fail";
    }
    List<String> diffs = sharedFieldDifferences(FuluStates.read(fulu, c, "post"), result);
    diffs.addAll(edvtFieldChanges(upgraded, result, pre.type().fieldNames()));
    return diffs.isEmpty() ? null : String.join("; ", diffs);
  }

  /** The fields of {@code fuluPost} (but {@code fork}) whose value in {@code edvtPost} serialises differently. */
  private static List<String> sharedFieldDifferences(BeaconState fuluPost, BeaconState edvtPost) {
    List<String> out = new ArrayList<>();
    List<String> edvtNames = edvtPost.type().fieldNames();
    List<String> fuluNames = fuluPost.type().fieldNames();
    for (int i = 0; i < fuluNames.size(); i++) {
      String name = fuluNames.get(i);
      if (name.equals("fork")) {
        continue;
      }
      int j = edvtNames.indexOf(name);
      if (j < 0) {
        out.add(name + " is missing from the EDVT state");
        continue;
      }
      if (!Arrays.equals(fieldBytes(fuluPost, i), fieldBytes(edvtPost, j))) {
        out.add(name + " differs from Fulu's post");
      }
    }
    return out;
  }

  /** EDVT's own fields (absent from Fulu's state) that the step changed on a state without groups. */
  private static List<String> edvtFieldChanges(BeaconState upgraded, BeaconState result, List<String> fuluNames) {
    List<String> out = new ArrayList<>();
    List<String> names = upgraded.type().fieldNames();
    for (int i = 0; i < names.size(); i++) {
      if (!fuluNames.contains(names.get(i)) && !Arrays.equals(fieldBytes(upgraded, i), fieldBytes(result, i))) {
        out.add("EDVT field " + names.get(i) + " changed on a state without groups");
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static byte[] fieldBytes(SszContainer container, int index) {
    ContainerType<?> type = container.type();
    return ((SszType<Object>) type.fields().get(index).type()).serialize(container.get(index));
  }

  // ------------------------------------------------------------------ rewards

  private static String rewards(SpecFulu fulu, SpecEdvt edvt, TestCase c) {
    BeaconState pre = FuluStates.read(fulu, c, "pre");
    MutableBeaconState state = new MutableBeaconState(edvt.forkUpgrade().upgradeToEdvt(BeaconStateFulu.required(pre)));
    var deltasType = DeltasContainer.type(edvt.config().validatorRegistryLimit().longValue());
    EpochProcessorFulu p = edvt.epochProcessor();
    Map<String, Function<MutableBeaconState, Deltas>> functions = new LinkedHashMap<>();
    functions.put("source_deltas", s -> p.getFlagIndexDeltas(s, SpecConstants.TIMELY_SOURCE_FLAG_INDEX));
    functions.put("target_deltas", s -> p.getFlagIndexDeltas(s, SpecConstants.TIMELY_TARGET_FLAG_INDEX));
    functions.put("head_deltas", s -> p.getFlagIndexDeltas(s, SpecConstants.TIMELY_HEAD_FLAG_INDEX));
    functions.put("inactivity_penalty_deltas", p::getInactivityPenaltyDeltas);
    List<String> diffs = new ArrayList<>();
    for (var e : functions.entrySet()) {
      DeltasContainer expected = deltasType.deserialize(c.ssz(e.getKey()));
      Deltas actual = e.getValue().apply(state);
      if (!Arrays.equals(expected.rewards().toLongArray(), actual.rewards())) {
        diffs.add(e.getKey() + ".rewards differ from Fulu's");
      }
      if (!Arrays.equals(expected.penalties().toLongArray(), actual.penalties())) {
        diffs.add(e.getKey() + ".penalties differ from Fulu's");
      }
    }
    return diffs.isEmpty() ? null : String.join("; ", diffs);
  }

  // ------------------------------------------------------------------ report

  private static String report(Path tests, Map<String, Integer> compared, Map<String, String> skipped,
      List<String> failures) {
    StringBuilder sb = new StringBuilder("Fulu-vector equivalence (EDVT without groups vs Fulu), " + PRESET
        + ", vectors under " + tests + "\n");
    compared.forEach((h, n) -> sb.append(String.format("  %-45s compared=%d%n", h, n)));
    sb.append("  total compared=").append(compared.values().stream().mapToInt(Integer::intValue).sum())
        .append(", skipped=").append(skipped.size()).append(", differing=").append(failures.size()).append('\n');
    skipped.forEach((c, r) -> sb.append("  skipped ").append(c).append(": ").append(r).append('\n'));
    failures.forEach(f -> sb.append("  DIFFERS ").append(f).append('\n'));
    return sb.toString();
  }
}
