package io.edvt.rewards;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.edvt.infrastructure.unsigned.UInt64;
import java.util.List;
import java.util.Optional;

/**
 * The sync committee rewards of one block under the EDVT seat-block rule
 * ({@link GroupSyncCommitteeRule#apply}).
 *
 * @param blocks every block of seats, in committee order
 * @param rewards per validator, in the order of its first seat: the sum of its blocks' rewards
 *     (the Beacon API's {@code SyncCommitteeRewards} entries)
 * @param proposerReward what the block's proposer is credited: one proposer reward per seat of
 *     every earned block
 */
@JsonPropertyOrder({"blocks", "rewards", "proposer_reward"})
public record GroupSyncCommitteeOutcome(
    @JsonProperty("blocks") List<SeatBlockOutcome> blocks,
    @JsonProperty("rewards") List<SyncCommitteeReward> rewards,
    @JsonProperty("proposer_reward") @JsonSerialize(using = ToStringSerializer.class) UInt64 proposerReward) {

  public GroupSyncCommitteeOutcome {
    blocks = List.copyOf(blocks);
    rewards = List.copyOf(rewards);
  }

  /** The reward of validator {@code validatorIndex}, if it holds seats. */
  public Optional<SyncCommitteeReward> rewardOf(UInt64 validatorIndex) {
    return rewards.stream().filter(r -> r.validatorIndex().equals(validatorIndex)).findFirst();
  }
}
