package io.edvt.simulator.scenario;

import io.edvt.groups.LeaderTurns;
import io.edvt.simulator.netmodel.Dist;
import io.edvt.simulator.netmodel.NetworkModel;

/** The network model of the parameter file's {@code network:} section, calibrated to its late share. */
public final class Networks {
  private Networks() {}

  public static final long SLOT_MS = 12_000;
  public static final long ATTESTATION_DUE_BPS = 3333;

  public static NetworkModel of(Params all, long seed) {
    Params p = all.section("network", false);
    NetworkModel raw = new NetworkModel(Dist.of(p.map("build")), Dist.of(p.map("slow_extra")), 0,
        Dist.of(p.map("propagation")), Dist.of(p.map("validation")), ATTESTATION_DUE_BPS * SLOT_MS / 10_000.0);
    return raw.calibrated(p.num("late_share"), seed);
  }

  public static LeaderTurns turns(int leaderTimeoutBps) {
    return new LeaderTurns(SLOT_MS, leaderTimeoutBps, ATTESTATION_DUE_BPS);
  }
}
