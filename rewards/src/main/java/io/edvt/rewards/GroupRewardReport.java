package io.edvt.rewards;

import static io.edvt.spec.logic.common.SpecConstants.TIMELY_HEAD_FLAG_INDEX;
import static io.edvt.spec.logic.common.SpecConstants.TIMELY_SOURCE_FLAG_INDEX;
import static io.edvt.spec.logic.common.SpecConstants.TIMELY_TARGET_FLAG_INDEX;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.edvt.infrastructure.unsigned.UInt64;
import java.util.List;
import java.util.Objects;

/**
 * A group's attestation rewards for one epoch, component by component, next to how its members
 * voted: for each component the ideal amount (all flags earned), the actual amount the validator
 * received, and what the group lost by not reaching {@code m} for it. This is the quantity
 * behind "reward lost to late blocks for several {@code (m, n)}": a late block costs a group a
 * flag only when it leaves fewer than {@code m} members timely.
 *
 * <p>{@code lost_to_threshold} of a component is {@code ideal - actual}: zero for a component the
 * group earned; for a missed one, the reward it forwent plus, for source and target, the penalty
 * it was charged instead. The inactivity component belongs to the target flag: a group that missed
 * target pays the inactivity penalty (in a leak), one that reached it does not. Whether a miss was
 * a near miss or a group absent altogether is in each component's {@code margin}.
 *
 * @param validatorIndex the group's validator
 * @param threshold {@code m}
 * @param memberCount {@code n}
 * @param components source, target, head, inactivity
 * @param lostToThreshold the sum of the components' losses
 */
@JsonPropertyOrder({"validator_index", "threshold", "member_count", "components", "lost_to_threshold"})
public record GroupRewardReport(
    @JsonProperty("validator_index") @JsonSerialize(using = ToStringSerializer.class) UInt64 validatorIndex,
    @JsonProperty("threshold") int threshold,
    @JsonProperty("member_count") int memberCount,
    @JsonProperty("components") List<ComponentOutcome> components,
    @JsonProperty("lost_to_threshold") @JsonFormat(shape = JsonFormat.Shape.STRING) long lostToThreshold) {

  /**
   * One reward component of the group's validator.
   *
   * @param component {@code source}, {@code target}, {@code head} or {@code inactivity}
   * @param earned whether the group reached {@code m} for the component's flag (target, for inactivity)
   * @param margin members that earned the flag minus {@code m}
   * @param ideal the component had the group earned every flag
   * @param actual the component the validator received (signed, Gwei)
   * @param lostToThreshold {@code ideal - actual}
   */
  @JsonPropertyOrder({"component", "earned", "margin", "ideal", "actual", "lost_to_threshold"})
  public record ComponentOutcome(
      @JsonProperty("component") String component,
      @JsonProperty("earned") boolean earned,
      @JsonProperty("margin") int margin,
      @JsonProperty("ideal") @JsonFormat(shape = JsonFormat.Shape.STRING) long ideal,
      @JsonProperty("actual") @JsonFormat(shape = JsonFormat.Shape.STRING) long actual,
      @JsonProperty("lost_to_threshold") @JsonFormat(shape = JsonFormat.Shape.STRING) long lostToThreshold) {}

  public GroupRewardReport {
    Objects.requireNonNull(validatorIndex, "validatorIndex");
    components = List.copyOf(components);
  }

  /**
   * Combines how the members voted with the validator's attestation rewards. {@code ideal} must be
   * the ideal rewards of the validator's effective balance, and {@code actual} its rewards in the
   * same epoch (both from one {@link AttestationRewardsReport}, or from a simulation that applies
   * Fulu's rules to the group's flags).
   *
   * @throws IllegalArgumentException if the rewards contradict the flags: a flag the group earned
   *     must pay exactly its ideal reward, a missed one nothing or a penalty, and a group with the
   *     target flag pays no inactivity penalty; or if {@code actual} is another validator's
   */
  public static GroupRewardReport of(GroupParticipationReport participation, IdealAttestationRewards ideal,
      AttestationRewards actual) {
    if (!actual.validatorIndex().equals(participation.validatorIndex())) {
      throw new IllegalArgumentException("the rewards are of validator " + actual.validatorIndex()
          + ", the participation of validator " + participation.validatorIndex());
    }
    GroupParticipationReport.FlagOutcome target = participation.flag(TIMELY_TARGET_FLAG_INDEX);
    List<ComponentOutcome> components = List.of(
        flagComponent(participation.flag(TIMELY_SOURCE_FLAG_INDEX), ideal.source(), actual.source()),
        flagComponent(target, ideal.target(), actual.target()),
        flagComponent(participation.flag(TIMELY_HEAD_FLAG_INDEX), ideal.head(), actual.head()),
        inactivityComponent(target, ideal.inactivity(), actual.inactivity()));
    long lost = 0;
    for (ComponentOutcome c : components) {
      lost = Math.addExact(lost, c.lostToThreshold());
    }
    return new GroupRewardReport(participation.validatorIndex(), participation.threshold(),
        participation.memberCount(), components, lost);
  }

  /**
   * {@link #of(GroupParticipationReport, IdealAttestationRewards, AttestationRewards)} with both
   * amounts looked up in {@code report} for the group's validator of {@code effectiveBalance}.
   *
   * @throws IllegalArgumentException if the report has no entry for the validator or the balance
   */
  public static GroupRewardReport of(GroupParticipationReport participation, AttestationRewardsReport report,
      UInt64 effectiveBalance) {
    IdealAttestationRewards ideal = report.idealFor(effectiveBalance).orElseThrow(() ->
        new IllegalArgumentException("no ideal rewards for effective balance " + effectiveBalance));
    AttestationRewards actual = report.totalFor(participation.validatorIndex()).orElseThrow(() ->
        new IllegalArgumentException("validator " + participation.validatorIndex() + " was not eligible in epoch "
            + report.epoch()));
    return of(participation, ideal, actual);
  }

  /** The outcome of {@code component} ({@code source}, {@code target}, {@code head} or {@code inactivity}). */
  public ComponentOutcome component(String component) {
    return components.stream().filter(c -> c.component().equals(component)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no component " + component));
  }

  private static ComponentOutcome flagComponent(GroupParticipationReport.FlagOutcome flag, long ideal, long actual) {
    boolean consistent = flag.reached() ? actual == ideal : actual <= 0;
    if (!consistent) {
      throw new IllegalArgumentException("the " + flag.flag() + " reward " + actual + " contradicts the group's flag: "
          + (flag.reached() ? "earned, so the reward is the ideal " + ideal : "missed, so no reward is paid"));
    }
    return new ComponentOutcome(flag.flag(), flag.reached(), flag.margin(), ideal, actual, Math.subtractExact(ideal, actual));
  }

  private static ComponentOutcome inactivityComponent(GroupParticipationReport.FlagOutcome target, long ideal, long actual) {
    if (ideal != 0 || actual > 0 || (target.reached() && actual != 0)) {
      throw new IllegalArgumentException("the inactivity component (ideal " + ideal + ", actual " + actual
          + ") contradicts the group's target flag (" + (target.reached() ? "earned" : "missed") + ")");
    }
    return new ComponentOutcome("inactivity", target.reached(), target.margin(), ideal, actual,
        Math.subtractExact(ideal, actual));
  }
}
