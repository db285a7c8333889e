package io.edvt.rewards;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.edvt.infrastructure.unsigned.UInt64;
import java.util.Objects;

/**
 * One sync committee member's reward for one block: an entry of the Beacon API's
 * {@code SyncCommitteeRewards}. Summed over all the seats the validator holds.
 *
 * @param validatorIndex the member
 * @param reward in Gwei, negative for a net penalty
 */
@JsonPropertyOrder({"validator_index", "reward"})
public record SyncCommitteeReward(
    @JsonProperty("validator_index") @JsonSerialize(using = ToStringSerializer.class) UInt64 validatorIndex,
    @JsonProperty("reward") @JsonFormat(shape = JsonFormat.Shape.STRING) long reward) {

  public SyncCommitteeReward {
    Objects.requireNonNull(validatorIndex, "validatorIndex");
  }
}
