package io.edvt.rewards;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.edvt.groups.GroupKeySet;
import io.edvt.groups.GroupThreshold;
import io.edvt.groups.ParticipationFlags;
import io.edvt.groups.ParticipationTally;
import io.edvt.infrastructure.unsigned.UInt64;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a group's members turned into its validator's participation flags for one epoch (protocol
 * decision 5, the EDVT spec's threshold accounting): for each timely flag, which members earned
 * it, whether at least {@code m} did (then the validator holds the Fulu flag), and by how many
 * members the group cleared or missed {@code m}. Flags are judged independently. The m-of-n
 * rule itself is {@link ParticipationTally#flagsReachingThreshold}; this report explains it.
 *
 * @param validatorIndex the group's validator
 * @param threshold {@code m}
 * @param memberCount {@code n}
 * @param flags one outcome per flag, by flag index (source, target, head)
 */
@JsonPropertyOrder({"validator_index", "threshold", "member_count", "flags"})
public record GroupParticipationReport(
    @JsonProperty("validator_index") @JsonSerialize(using = ToStringSerializer.class) UInt64 validatorIndex,
    @JsonProperty("threshold") int threshold,
    @JsonProperty("member_count") int memberCount,
    @JsonProperty("flags") List<FlagOutcome> flags) {

  /** The spec's names of the flags by index, as the Beacon API names the reward components. */
  static final List<String> FLAG_NAMES = List.of("source", "target", "head");

  /**
   * One flag's outcome.
   *
   * @param flag {@code source}, {@code target} or {@code head}
   * @param flagIndex {@code TIMELY_*_FLAG_INDEX}
   * @param members the members that earned the flag, ascending
   * @param reached whether at least {@code m} members earned it, so the validator holds the flag
   * @param margin members earned minus {@code m}: {@code >= 0} when reached, {@code -k} when
   *     {@code k} more members were needed
   */
  @JsonPropertyOrder({"flag", "flag_index", "members", "reached", "margin"})
  public record FlagOutcome(
      @JsonProperty("flag") String flag,
      @JsonProperty("flag_index") int flagIndex,
      @JsonProperty("members") List<Integer> members,
      @JsonProperty("reached") boolean reached,
      @JsonProperty("margin") int margin) {

    public FlagOutcome {
      members = List.copyOf(members);
    }

    /** How many members earned the flag. */
    public int count() {
      return members.size();
    }
  }

  public GroupParticipationReport {
    Objects.requireNonNull(validatorIndex, "validatorIndex");
    new GroupThreshold(threshold, memberCount); // checks 1 <= m <= n <= MAX_GROUP_SIZE
    flags = List.copyOf(flags);
    if (flags.size() != ParticipationFlags.FLAG_COUNT) {
      throw new IllegalArgumentException("one outcome per flag: " + flags.size());
    }
  }

  /** The report for a group with key set {@code keys} whose members earned {@code tally}. */
  public static GroupParticipationReport of(UInt64 validatorIndex, GroupKeySet<?> keys, ParticipationTally tally) {
    return of(validatorIndex, GroupThreshold.of(keys), tally);
  }

  /**
   * The report for a group of {@code group.memberCount()} members with threshold
   * {@code group.threshold()} whose members earned {@code tally}.
   *
   * @throws IllegalArgumentException if the tally is not of {@code n} members
   */
  public static GroupParticipationReport of(UInt64 validatorIndex, GroupThreshold group, ParticipationTally tally) {
    if (tally.size() != group.memberCount()) {
      throw new IllegalArgumentException("the tally has " + tally.size() + " members, the group " + group.memberCount());
    }
    int earned = tally.flagsReachingThreshold(group.threshold());
    List<FlagOutcome> outcomes = new ArrayList<>(ParticipationFlags.FLAG_COUNT);
    for (int index = 0; index < ParticipationFlags.FLAG_COUNT; index++) {
      int flag = ParticipationFlags.flag(index);
      List<Integer> members = tally.membersWith(flag).stream().boxed().toList();
      outcomes.add(new FlagOutcome(FLAG_NAMES.get(index), index, members, (earned & flag) != 0,
          members.size() - group.threshold()));
    }
    return new GroupParticipationReport(validatorIndex, group.threshold(), group.memberCount(), outcomes);
  }

  /** The outcome of flag {@code flagIndex} ({@code TIMELY_*_FLAG_INDEX}). */
  public FlagOutcome flag(int flagIndex) {
    return flags.get(flagIndex);
  }

  /** The flags the validator holds, as {@link ParticipationFlags} bits. */
  public int validatorFlags() {
    int bits = 0;
    for (FlagOutcome outcome : flags) {
      if (outcome.reached()) {
        bits |= ParticipationFlags.flag(outcome.flagIndex());
      }
    }
    return bits;
  }
}
