package io.edvt.rewards;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.edvt.infrastructure.unsigned.UInt64;
import java.util.Objects;

/**
 * One validator's attestation rewards for an epoch, as {@code process_rewards_and_penalties}
 * applies them: the Beacon API's {@code AttestationRewards} ({@code total_rewards} entry of
 * {@code /eth/v1/beacon/rewards/attestations/{epoch}}). Each component is in Gwei and signed: a
 * reward for a flag the validator holds, minus the penalty for one it lacks.
 *
 * @param validatorIndex the validator
 * @param head the {@code TIMELY_HEAD} delta of {@code get_flag_index_deltas} (never negative:
 *     the head flag carries no penalty)
 * @param target the {@code TIMELY_TARGET} delta
 * @param source the {@code TIMELY_SOURCE} delta
 * @param inactivity minus the penalty of {@code get_inactivity_penalty_deltas} (zero or negative)
 */
@JsonPropertyOrder({"validator_index", "head", "target", "source", "inactivity"})
public record AttestationRewards(
    @JsonProperty("validator_index") @JsonSerialize(using = ToStringSerializer.class) UInt64 validatorIndex,
    @JsonProperty("head") @JsonFormat(shape = JsonFormat.Shape.STRING) long head,
    @JsonProperty("target") @JsonFormat(shape = JsonFormat.Shape.STRING) long target,
    @JsonProperty("source") @JsonFormat(shape = JsonFormat.Shape.STRING) long source,
    @JsonProperty("inactivity") @JsonFormat(shape = JsonFormat.Shape.STRING) long inactivity) {

  public AttestationRewards {
    Objects.requireNonNull(validatorIndex, "validatorIndex");
  }

  /**
   * The sum of the components: the validator's balance change from
   * {@code process_rewards_and_penalties}, unless {@code decrease_balance}'s floor at zero cut a
   * penalty (a balance smaller than its penalties).
   */
  public long total() {
    return Math.addExact(Math.addExact(head, target), Math.addExact(source, inactivity));
  }
}
