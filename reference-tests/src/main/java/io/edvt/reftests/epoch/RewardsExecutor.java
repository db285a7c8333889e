package io.edvt.reftests.epoch;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.reftests.TestCase;
import io.edvt.reftests.TestExecutor;
import io.edvt.spec.datastructures.SpecTypes;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.EpochProcessorFulu;
import io.edvt.spec.logic.versions.fulu.RewardsAndPenaltiesFulu.Deltas;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Runner {@code rewards} (every handler: {@code basic}, {@code leak}, {@code random},
 * {@code inactivity_scores}): the source, target and head flag deltas and the inactivity penalty
 * deltas of {@code pre.ssz_snappy} must equal the case's {@code *_deltas.ssz_snappy}.
 */
public final class RewardsExecutor implements TestExecutor {
  /** The handlers of the runner at the vectors' version. */
  private static final List<String> HANDLERS = List.of("basic", "leak", "random", "inactivity_scores");

  /** The test format's {@code Deltas} container: two {@code List[Gwei, VALIDATOR_REGISTRY_LIMIT]}. */
  public static final class DeltasContainer extends SszContainer {
    private DeltasContainer(ContainerType<DeltasContainer> type, Object[] values) {
      super(type, values);
    }

    public static ContainerType<DeltasContainer> type(long validatorRegistryLimit) {
      ListType<UInt64> gweis = new ListType<>(SpecTypes.GWEI, validatorRegistryLimit);
      return ContainerType.of("Deltas", DeltasContainer::new, field("rewards", gweis), field("penalties", gweis));
    }

    @SuppressWarnings("unchecked")
    public SszList<UInt64> rewards() {
      return (SszList<UInt64>) get(0);
    }

    @SuppressWarnings("unchecked")
    public SszList<UInt64> penalties() {
      return (SszList<UInt64>) get(1);
    }
  }

  public static Map<String, TestExecutor> executors() {
    Map<String, TestExecutor> out = new LinkedHashMap<>();
    HANDLERS.forEach(h -> out.put(h, new RewardsExecutor()));
    return out;
  }

  @Override
  public void run(TestCase c) {
    SpecFulu spec = FuluStates.spec(c);
    ContainerType<DeltasContainer> deltasType = DeltasContainer.type(spec.config().validatorRegistryLimit().longValue());
    MutableBeaconState state = new MutableBeaconState(FuluStates.read(spec, c, "pre"));
    EpochProcessorFulu processor = spec.epochProcessor();
    Map<String, BiFunction<EpochProcessorFulu, MutableBeaconState, Deltas>> functions = new LinkedHashMap<>();
    functions.put("source_deltas", (p, s) -> p.getFlagIndexDeltas(s, SpecConstants.TIMELY_SOURCE_FLAG_INDEX));
    functions.put("target_deltas", (p, s) -> p.getFlagIndexDeltas(s, SpecConstants.TIMELY_TARGET_FLAG_INDEX));
    functions.put("head_deltas", (p, s) -> p.getFlagIndexDeltas(s, SpecConstants.TIMELY_HEAD_FLAG_INDEX));
    functions.put("inactivity_penalty_deltas", (p, s) -> p.getInactivityPenaltyDeltas(s));
    List<String> failures = new ArrayList<>();
    for (var e : functions.entrySet()) {
      DeltasContainer expected = deltasType.deserialize(c.ssz(e.getKey()));
      Deltas actual = e.getValue().apply(processor, state);
      compare(e.getKey() + ".rewards", expected.rewards(), actual.rewards(), failures);
      compare(e.getKey() + ".penalties", expected.penalties(), actual.penalties(), failures);
    }
    if (!failures.isEmpty()) {
      throw new AssertionError(String.join("; ", failures));
    }
  }

  private static void compare(String what, SszList<UInt64> expected, long[] actual, List<String> failures) {
    long[] want = expected.toLongArray();
    if (want.length != actual.length) {
      failures.add(what + ": expected " + want.length + " entries, got " + actual.length);
      return;
    }
    for (int i = 0; i < want.length; i++) {
      if (want[i] != actual[i]) {
        failures.add(what + "[" + i + "]: expected " + Long.toUnsignedString(want[i]) + ", got "
            + Long.toUnsignedString(actual[i]));
        return;
      }
    }
  }
}
