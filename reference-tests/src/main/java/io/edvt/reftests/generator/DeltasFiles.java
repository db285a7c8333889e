package io.edvt.reftests.generator;

import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.reftests.epoch.RewardsExecutor.DeltasContainer;
import io.edvt.spec.datastructures.SpecTypes;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.EpochProcessorFulu;
import io.edvt.spec.logic.versions.fulu.RewardsAndPenaltiesFulu.Deltas;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The four deltas files of a {@code rewards} case, as EDVT computes them for its {@code pre} state. */
final class DeltasFiles {
  private DeltasFiles() {}

  /** The deltas of {@code pre} by file name: source, target, head, inactivity penalty. */
  static Map<String, Deltas> of(SpecEdvt edvt, BeaconState pre) {
    MutableBeaconState state = new MutableBeaconState(pre);
    EpochProcessorFulu p = edvt.epochProcessor();
    Map<String, Deltas> deltas = new LinkedHashMap<>();
    deltas.put("source_deltas", p.getFlagIndexDeltas(state, SpecConstants.TIMELY_SOURCE_FLAG_INDEX));
    deltas.put("target_deltas", p.getFlagIndexDeltas(state, SpecConstants.TIMELY_TARGET_FLAG_INDEX));
    deltas.put("head_deltas", p.getFlagIndexDeltas(state, SpecConstants.TIMELY_HEAD_FLAG_INDEX));
    deltas.put("inactivity_penalty_deltas", p.getInactivityPenaltyDeltas(state));
    return deltas;
  }

  /** Writes {@code deltas} into the case folder {@code dir} in the format's {@code Deltas} container. */
  static void write(CaseWriter out, Path dir, long validatorRegistryLimit, Map<String, Deltas> deltas) {
    ContainerType<DeltasContainer> deltasType = DeltasContainer.type(validatorRegistryLimit);
    ListType<UInt64> gweis = new ListType<>(SpecTypes.GWEI, validatorRegistryLimit);
    for (var d : deltas.entrySet()) {
      DeltasContainer c = deltasType.create(new Object[] {list(gweis, d.getValue().rewards()),
          list(gweis, d.getValue().penalties())});
      out.ssz(dir, d.getKey(), deltasType.serialize(c));
    }
  }

  private static SszList<UInt64> list(ListType<UInt64> type, long[] values) {
    List<UInt64> out = new ArrayList<>(values.length);
    for (long v : values) {
      out.add(UInt64.fromLongBits(v));
    }
    return type.of(out);
  }
}
