/**
 * Reward and penalty reports: per validator, per block and per group. The data behind the
 * standard Beacon API rewards endpoints, and the group view EDVT adds (which members earned what,
 * and what a group lost by missing its threshold).
 *
 * <p>Per-validator reports. Each runs the milestone's own logic on a working copy of a state and
 * repeats no formula:
 *
 * <ul>
 *   <li>{@link io.edvt.rewards.AttestationRewardsCalculator} to {@link io.edvt.rewards.AttestationRewardsReport}
 *       ({@code /eth/v1/beacon/rewards/attestations/{epoch}}): {@code get_flag_index_deltas} and
 *       {@code get_inactivity_penalty_deltas} after {@code process_justification_and_finalization}
 *       and {@code process_inactivity_updates}, as {@code process_rewards_and_penalties} sees them.
 *   <li>{@link io.edvt.rewards.BlockRewardsCalculator} to {@link io.edvt.rewards.BlockRewardsReport}
 *       ({@code /rewards/blocks/{block_id}}) and {@link io.edvt.rewards.SyncCommitteeRewardsReport}
 *       ({@code /rewards/sync_committee/{block_id}}): {@code process_block} itself, with the
 *       proposer's balance read around {@code process_proposer_slashing},
 *       {@code process_attester_slashing}, {@code process_attestation} and
 *       {@code process_sync_aggregate}.
 * </ul>
 *
 * <p>Group reports, on plain inputs (the EDVT state types come later):
 *
 * <ul>
 *   <li>{@link io.edvt.rewards.GroupParticipationReport}: per flag, the members that earned it and
 *       whether {@code m} did (the threshold accounting of the EDVT {@code process_attestation}).
 *   <li>{@link io.edvt.rewards.GroupRewardReport}: ideal against actual per component, and what the
 *       group lost by missing {@code m}.
 *   <li>{@link io.edvt.rewards.GroupBlockRewardsCalculator}: the group view of an EDVT block and
 *       its pre-state: each attesting group's members after the block against {@code m}.
 * </ul>
 *
 * <p>EDVT's sync committee seats are each held by one member and rewarded as in Fulu, so the
 * sync committee report of an EDVT block is {@link io.edvt.rewards.BlockRewardsCalculator}'s.
 *
 * <p>Every report is a record annotated for Jackson with the Beacon API's field names, Gwei and
 * indices as decimal strings, so the REST layer serialises it as the endpoint's {@code data}.
 */
package io.edvt.rewards;
