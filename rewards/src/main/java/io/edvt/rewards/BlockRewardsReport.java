package io.edvt.rewards;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.edvt.infrastructure.unsigned.UInt64;
import java.util.Objects;

/**
 * What a block paid its proposer, by source: the {@code data} object of the Beacon API's
 * {@code /eth/v1/beacon/rewards/blocks/{block_id}} ({@code BlockRewards}). Amounts in Gwei. Made by
 * {@link BlockRewardsCalculator}.
 *
 * @param proposerIndex the block's proposer
 * @param total {@code attestations + syncAggregate + proposerSlashings + attesterSlashings}
 * @param attestations the proposer rewards of {@code process_attestation} for the block's attestations
 * @param syncAggregate the proposer rewards of {@code process_sync_aggregate} (one proposer reward per
 *     participating seat); the proposer's own seats, if it sits in the sync committee, are in the
 *     {@link SyncCommitteeRewardsReport}, not here
 * @param proposerSlashings the whistleblower rewards of {@code slash_validator} for the proposer slashings
 * @param attesterSlashings the whistleblower rewards of {@code slash_validator} for the attester slashings
 */
@JsonPropertyOrder({"proposer_index", "total", "attestations", "sync_aggregate", "proposer_slashings", "attester_slashings"})
public record BlockRewardsReport(
    @JsonProperty("proposer_index") @JsonSerialize(using = ToStringSerializer.class) UInt64 proposerIndex,
    @JsonProperty("total") @JsonSerialize(using = ToStringSerializer.class) UInt64 total,
    @JsonProperty("attestations") @JsonSerialize(using = ToStringSerializer.class) UInt64 attestations,
    @JsonProperty("sync_aggregate") @JsonSerialize(using = ToStringSerializer.class) UInt64 syncAggregate,
    @JsonProperty("proposer_slashings") @JsonSerialize(using = ToStringSerializer.class) UInt64 proposerSlashings,
    @JsonProperty("attester_slashings") @JsonSerialize(using = ToStringSerializer.class) UInt64 attesterSlashings) {

  /**
   * @throws IllegalArgumentException if {@code total} is not the sum of the components
   */
  public BlockRewardsReport {
    Objects.requireNonNull(proposerIndex, "proposerIndex");
    UInt64 sum = attestations.plus(syncAggregate).plus(proposerSlashings).plus(attesterSlashings);
    if (!sum.equals(total)) {
      throw new IllegalArgumentException("total " + total + " is not the sum of the components " + sum);
    }
  }

  /** The report with {@code total} as the sum of the components. */
  public static BlockRewardsReport of(UInt64 proposerIndex, UInt64 attestations, UInt64 syncAggregate,
      UInt64 proposerSlashings, UInt64 attesterSlashings) {
    return new BlockRewardsReport(proposerIndex,
        attestations.plus(syncAggregate).plus(proposerSlashings).plus(attesterSlashings),
        attestations, syncAggregate, proposerSlashings, attesterSlashings);
  }
}
