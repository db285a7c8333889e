package io.edvt.rewards;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.edvt.groups.GroupKeySet;
import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.MultiForkStateTransition;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.logic.GroupRegistryEdvt;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.execution.ExecutionEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.tuweni.bytes.Bytes48;

/**
 * The group view of one EDVT block, beside the per-validator reports of
 * {@link BlockRewardsCalculator}: for each group whose members attested in the block, where its
 * members stand after the block ({@link GroupParticipationReport}: which members hold each flag
 * for the attestation's target epoch, and whether {@code m} of them do, so the validator has the
 * flag). Sync committee seats need no group view: each seat is held by one member and rewarded
 * as in Fulu.
 *
 * <p>Takes the same pre-state as {@link BlockRewardsCalculator} (the parent's post-state, at or
 * before the block's slot) and takes the block to be valid: signatures are not checked and the
 * payload is accepted. The caller's state is not modified.
 */
public final class GroupBlockRewardsCalculator {
  /**
   * The group view of one block.
   *
   * @param attestations one entry per group and target epoch the block's attestations touched, by
   *     validator index then epoch
   */
  @JsonPropertyOrder({"attestations"})
  public record GroupBlockRewards(@JsonProperty("attestations") List<GroupAttestationOutcome> attestations) {
    public GroupBlockRewards {
      attestations = List.copyOf(attestations);
    }
  }

  /**
   * A group's members after the block, for one target epoch.
   *
   * @param targetEpoch the epoch the block's attestations voted for
   * @param groupIndex the group's position in {@code state.groups}
   * @param participation the members holding each flag, and whether {@code m} do
   */
  @JsonPropertyOrder({"target_epoch", "group_index", "participation"})
  public record GroupAttestationOutcome(
      @JsonProperty("target_epoch") @JsonSerialize(using = ToStringSerializer.class) UInt64 targetEpoch,
      @JsonProperty("group_index") int groupIndex,
      @JsonProperty("participation") GroupParticipationReport participation) {}

  private final SpecVersions versions;
  private final MultiForkStateTransition transition;

  public GroupBlockRewardsCalculator(SpecVersions versions) {
    this.versions = versions;
    this.transition = new MultiForkStateTransition(versions);
  }

  /**
   * The group view of {@code block} applied to {@code preState}; empty when the block's slot is
   * not EDVT's (a Fulu chain has no groups).
   *
   * @throws IllegalArgumentException if {@code preState} is past the block's slot
   * @throws io.edvt.spec.logic.common.StateTransitionException if the block is invalid
   */
  public Optional<GroupBlockRewards> compute(BeaconState preState, BeaconBlock block) {
    BeaconState atSlot = BlockRewardsCalculator.atBlockSlot(transition, preState, block);
    if (SpecVersions.milestoneOf(atSlot) != SpecMilestone.EDVT) {
      return Optional.empty();
    }
    SpecEdvt spec = versions.edvt();
    MutableBeaconState before = new MutableBeaconState(atSlot);

    // validator index -> target epochs its members voted for in this block
    Map<Long, TreeSet<UInt64>> touched = new TreeMap<>();
    GroupRegistryEdvt registry = spec.registry();
    for (Attestation attestation : block.body().attestations()) {
      for (long virtual : spec.accessors().getVirtualAttestingIndices(before, attestation)) {
        long validator = VirtualIndex.validatorIndexOf(virtual);
        if (registry.getGroupIndex(before, validator).isPresent()) {
          touched.computeIfAbsent(validator, v -> new TreeSet<>()).add(attestation.data().target().epoch());
        }
      }
    }
    MutableBeaconState after = new MutableBeaconState(atSlot);
    spec.blockProcessor().processBlock(after, block, SignatureVerifier.NONE, ExecutionEngine.always(true));
    UInt64 currentEpoch = spec.accessors().getCurrentEpoch(after);
    List<GroupAttestationOutcome> attestations = new ArrayList<>();
    touched.forEach((validator, epochs) -> {
      int groupIndex = registry.getGroupIndex(after, validator).orElseThrow();
      for (UInt64 epoch : epochs) {
        GroupKeySet<Bytes48> keySet = registry.getGroupKeySet(registry.groups(after).get(groupIndex), epoch).orElseThrow();
        var tally = spec.accessors().memberTally(after.list(epoch.equals(currentEpoch)
            ? BeaconStateEdvt.CURRENT_EPOCH_MEMBER_PARTICIPATION
            : BeaconStateEdvt.PREVIOUS_EPOCH_MEMBER_PARTICIPATION), groupIndex, keySet.size());
        attestations.add(new GroupAttestationOutcome(epoch, groupIndex,
            GroupParticipationReport.of(UInt64.valueOf(validator), keySet, tally)));
      }
    });
    return Optional.of(new GroupBlockRewards(attestations));
  }
}
