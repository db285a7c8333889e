package io.edvt.spec.edvt.logic;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.logic.versions.fulu.MiscHelpersFulu;
import org.apache.tuweni.bytes.Bytes;

/** Fulu's misc helpers with EDVT's {@code compute_fork_version} (p2p-interface.md). */
public class MiscHelpersEdvt extends MiscHelpersFulu {

  public MiscHelpersEdvt(SpecConfig config) {
    super(config);
  }

  /** {@code compute_fork_version} (EDVT): {@code EDVT_FORK_VERSION} from {@code EDVT_FORK_EPOCH} on. */
  @Override
  public Bytes computeForkVersion(UInt64 epoch) {
    if (epoch.isGreaterThanOrEqualTo(config.edvtForkEpoch())) {
      return config.edvtForkVersion();
    }
    return super.computeForkVersion(epoch);
  }
}
