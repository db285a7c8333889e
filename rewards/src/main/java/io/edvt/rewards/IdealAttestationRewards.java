package io.edvt.rewards;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.edvt.infrastructure.unsigned.UInt64;
import java.util.Objects;

/**
 * What a validator of one effective balance would have received in the epoch had it earned every
 * timely flag: the Beacon API's {@code IdealAttestationRewards} ({@code ideal_rewards} entry). In
 * an inactivity leak the flag rewards are zero; the ideal inactivity penalty is always zero.
 *
 * @param effectiveBalance the effective balance, a multiple of {@code EFFECTIVE_BALANCE_INCREMENT}
 * @param head the reward for the head flag
 * @param target the reward for the target flag
 * @param source the reward for the source flag
 * @param inactivity zero: a validator with the target flag is not charged an inactivity penalty
 */
@JsonPropertyOrder({"effective_balance", "head", "target", "source", "inactivity"})
public record IdealAttestationRewards(
    @JsonProperty("effective_balance") @JsonSerialize(using = ToStringSerializer.class) UInt64 effectiveBalance,
    @JsonProperty("head") @JsonFormat(shape = JsonFormat.Shape.STRING) long head,
    @JsonProperty("target") @JsonFormat(shape = JsonFormat.Shape.STRING) long target,
    @JsonProperty("source") @JsonFormat(shape = JsonFormat.Shape.STRING) long source,
    @JsonProperty("inactivity") @JsonFormat(shape = JsonFormat.Shape.STRING) long inactivity) {

  public IdealAttestationRewards {
    Objects.requireNonNull(effectiveBalance, "effectiveBalance");
  }
}
