package io.edvt.groups;

import io.edvt.infrastructure.unsigned.UInt64;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes32;

/**
 * What slashing needs from {@code AttestationData}: source and target epochs and the data's hash
 * tree root (which distinguishes any two different data).
 */
public record AttestationVote(UInt64 sourceEpoch, UInt64 targetEpoch, Bytes32 dataRoot) {
  /**
   * phase0 {@code is_slashable_attestation_data(data_1, data_2)}: a double vote ({@code data_1 !=
   * data_2} with equal target epochs) or {@code data_1} surrounding {@code data_2} ({@code
   * source_1 < source_2} and {@code target_2 < target_1}).
   */
  public static final ConflictPredicate<AttestationVote> DOUBLE_OR_SURROUND_VOTE =
      (a, b) -> isDoubleVote(a, b) || isSurroundVote(a, b);

  public AttestationVote {
    Objects.requireNonNull(sourceEpoch, "sourceEpoch");
    Objects.requireNonNull(targetEpoch, "targetEpoch");
    Objects.requireNonNull(dataRoot, "dataRoot");
  }

  public static boolean isDoubleVote(AttestationVote first, AttestationVote second) {
    return !first.dataRoot.equals(second.dataRoot) && first.targetEpoch.equals(second.targetEpoch);
  }

  public static boolean isSurroundVote(AttestationVote first, AttestationVote second) {
    return first.sourceEpoch.isLessThan(second.sourceEpoch) && second.targetEpoch.isLessThan(first.targetEpoch);
  }
}
