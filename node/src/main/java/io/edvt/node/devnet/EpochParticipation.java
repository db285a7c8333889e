package io.edvt.node.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One epoch's participation as a node's {@code /edvt/v1/beacon/states/{id}/participation} reported
 * it: for plain validators how many of the active ones hold each flag, for each group how many
 * members earned each flag and which flags the group was credited with.
 *
 * @param observedAtSlot the devnet slot whose sample read it
 * @param complete whether no later block can change it: it was read as the previous epoch in the
 *     last slot of the epoch after it (attestations are includable until the end of that epoch)
 */
record EpochParticipation(long epoch, long observedAtSlot, boolean complete, Flags plain, int plainActive,
    List<GroupParticipation> groups) {

  /** Counts (or, for a group's credit, 0/1) per altair flag. */
  record Flags(int source, int target, int head) {
    static Flags of(JsonNode o) {
      return new Flags(count(o.get("timely_source")), count(o.get("timely_target")), count(o.get("timely_head")));
    }

    private static int count(JsonNode n) {
      return n.isBoolean() ? (n.asBoolean() ? 1 : 0) : Integer.parseInt(n.asText());
    }

    void put(ObjectNode o) {
      o.put("timely_source", source).put("timely_target", target).put("timely_head", head);
    }
  }

  /** One group: {@code membersWithFlag} counts members; {@code credited} is 1 where the group reached its threshold. */
  record GroupParticipation(long validatorIndex, int threshold, int members, Flags membersWithFlag, Flags credited) {
    /** Every member earned the target and source flags, and so did the group. */
    boolean full() {
      return members > 0 && membersWithFlag.source() == members && membersWithFlag.target() == members
          && credited.source() == 1 && credited.target() == 1;
    }

    /** {@code v0 3/4}: the group's validator and how many members earned the target flag, {@code !} when not credited. */
    String brief() {
      return "v" + validatorIndex + " " + membersWithFlag.target() + "/" + members + (credited.target() == 1 ? "" : "!");
    }
  }

  /** Reads one epoch object ({@code previous_epoch} or {@code current_epoch}) of the endpoint's {@code data}. */
  static EpochParticipation parse(JsonNode epochJson, long observedAtSlot, boolean complete) {
    JsonNode plainJson = epochJson.get("plain_validators");
    List<GroupParticipation> groups = new ArrayList<>();
    for (JsonNode g : epochJson.get("groups")) {
      groups.add(new GroupParticipation(g.get("validator_index").asLong(), g.get("threshold").asInt(),
          g.get("members").asInt(), Flags.of(g.get("members_with_flag")), Flags.of(g.get("credited"))));
    }
    return new EpochParticipation(epochJson.get("epoch").asLong(), observedAtSlot, complete, Flags.of(plainJson),
        plainJson.get("active").asInt(), List.copyOf(groups));
  }

  /** Every active plain validator earned the target and source flags. */
  boolean plainFull() {
    return plain.source() == plainActive && plain.target() == plainActive;
  }

  /** Full participation of plain validators and of every group (target and source). */
  boolean full() {
    return plainFull() && groups.stream().allMatch(GroupParticipation::full);
  }

  /** Target participation of plain validators, in percent (100 when there are none). */
  double plainTargetPercent() {
    return plainActive == 0 ? 100.0 : 100.0 * plain.target() / plainActive;
  }

  /** {@code plain 40/62, groups v0 3/4 v1 2/3!}: the target flag, as the live line shows it. */
  String brief() {
    String g = groups.isEmpty() ? "" : ", groups " + groups.stream().map(GroupParticipation::brief)
        .collect(Collectors.joining(" "));
    return "plain " + plain.target() + "/" + plainActive + g;
  }

  void put(ObjectNode o) {
    o.put("epoch", epoch).put("complete", complete).put("observed_at_slot", observedAtSlot).put("full", full());
    ObjectNode p = o.putObject("plain_validators");
    p.put("active", plainActive);
    plain.put(p);
    p.put("target_percent", Math.round(plainTargetPercent() * 10) / 10.0);
    var list = o.putArray("groups");
    for (GroupParticipation g : groups) {
      ObjectNode go = list.addObject();
      go.put("validator_index", g.validatorIndex()).put("members", g.members()).put("threshold", g.threshold())
          .put("full", g.full());
      g.membersWithFlag().put(go.putObject("members_with_flag"));
      ObjectNode c = go.putObject("reached_threshold");
      c.put("timely_source", g.credited().source() == 1).put("timely_target", g.credited().target() == 1)
          .put("timely_head", g.credited().head() == 1);
    }
  }
}
