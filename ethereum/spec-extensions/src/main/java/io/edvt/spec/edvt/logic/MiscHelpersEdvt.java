package io.edvt.spec.edvt.logic;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import io.edvt.spec.logic.versions.fulu.MiscHelpersFulu;
import org.apache.tuweni.bytes.Bytes;

/** Fulu's misc helpers with EDVT's {@code compute_fork_version} (p2p-interface.md). */
public class MiscHelpersEdvt extends MiscHelpersFulu {
  private final SpecConfigEdvt edvtConfig;

  public MiscHelpersEdvt(SpecConfig config, SpecConfigEdvt edvtConfig) {
    super(config);
    this.edvtConfig = edvtConfig;
  }

  /** {@code compute_fork_version} (EDVT): {@code EDVT_FORK_VERSION} from {@code EDVT_FORK_EPOCH} on. */
  @Override
  public Bytes computeForkVersion(UInt64 epoch) {
    if (epoch.isGreaterThanOrEqualTo(edvtConfig.edvtForkEpoch())) {
      return edvtConfig.edvtForkVersion();
    }
    return super.computeForkVersion(epoch);
  }
}
