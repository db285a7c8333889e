package io.edvt.rewards;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import io.edvt.infrastructure.unsigned.UInt64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code process_sync_aggregate} did to balances in one block. Serialises as the Beacon
 * API's {@code SyncCommitteeRewards} array (the {@code data} of
 * {@code /eth/v1/beacon/rewards/sync_committee/{block_id}}): the members' own rewards. The
 * proposer's share, which that endpoint leaves to {@code /rewards/blocks}, is kept alongside.
 *
 * @param slot the block's slot
 * @param rewards one entry per distinct member of the current sync committee, in the order of
 *     its first seat: the participant rewards of its set seats minus the penalties of its unset
 *     ones, as its balance changed ({@code decrease_balance} stops at zero)
 * @param proposerIndex the block's proposer
 * @param proposerReward the proposer rewards credited for the participating seats
 */
public record SyncCommitteeRewardsReport(
    @JsonIgnore UInt64 slot,
    @JsonValue List<SyncCommitteeReward> rewards,
    @JsonIgnore UInt64 proposerIndex,
    @JsonIgnore UInt64 proposerReward) {

  public SyncCommitteeRewardsReport {
    Objects.requireNonNull(slot, "slot");
    rewards = List.copyOf(rewards);
    Objects.requireNonNull(proposerIndex, "proposerIndex");
    Objects.requireNonNull(proposerReward, "proposerReward");
  }

  /** The reward of member {@code validatorIndex}, if it sits in the committee. */
  public Optional<SyncCommitteeReward> rewardOf(UInt64 validatorIndex) {
    return rewards.stream().filter(r -> r.validatorIndex().equals(validatorIndex)).findFirst();
  }

  /**
   * Every balance {@code process_sync_aggregate} changed, by validator index: the members'
   * rewards, with the proposer's share added to the proposer's entry.
   */
  public Map<UInt64, Long> balanceChanges() {
    Map<UInt64, Long> out = new LinkedHashMap<>();
    for (SyncCommitteeReward r : rewards) {
      out.put(r.validatorIndex(), r.reward());
    }
    if (!proposerReward.isZero()) {
      out.merge(proposerIndex, proposerReward.longValueExact(), Math::addExact);
    }
    return out;
  }
}
