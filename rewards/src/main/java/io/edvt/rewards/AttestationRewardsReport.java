package io.edvt.rewards;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.edvt.infrastructure.unsigned.UInt64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The attestation rewards of one epoch: the {@code data} object of the Beacon API's
 * {@code /eth/v1/beacon/rewards/attestations/{epoch}} response. Made by
 * {@link AttestationRewardsCalculator}.
 *
 * @param epoch the epoch whose attestations are rewarded (not serialised: the request names it)
 * @param idealRewards one entry per effective balance step, from one
 *     {@code EFFECTIVE_BALANCE_INCREMENT} up to {@code MAX_EFFECTIVE_BALANCE_ELECTRA}, ascending
 * @param totalRewards one entry per validator eligible for rewards in the epoch
 *     ({@code get_eligible_validator_indices}), by ascending validator index
 */
@JsonPropertyOrder({"ideal_rewards", "total_rewards"})
public record AttestationRewardsReport(
    @JsonIgnore UInt64 epoch,
    @JsonProperty("ideal_rewards") List<IdealAttestationRewards> idealRewards,
    @JsonProperty("total_rewards") List<AttestationRewards> totalRewards) {

  public AttestationRewardsReport {
    Objects.requireNonNull(epoch, "epoch");
    idealRewards = List.copyOf(idealRewards);
    totalRewards = List.copyOf(totalRewards);
  }

  /** The rewards of validator {@code validatorIndex}, if it was eligible in the epoch. */
  public Optional<AttestationRewards> totalFor(UInt64 validatorIndex) {
    // ascending by index: binary search
    int low = 0;
    int high = totalRewards.size() - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int c = totalRewards.get(mid).validatorIndex().compareTo(validatorIndex);
      if (c == 0) {
        return Optional.of(totalRewards.get(mid));
      }
      if (c < 0) {
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return Optional.empty();
  }

  /** The ideal rewards of a validator of {@code effectiveBalance}, if it is one of the steps. */
  public Optional<IdealAttestationRewards> idealFor(UInt64 effectiveBalance) {
    return idealRewards.stream().filter(r -> r.effectiveBalance().equals(effectiveBalance)).findFirst();
  }
}
