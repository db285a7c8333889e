package io.edvt.node.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import io.edvt.spec.edvt.datastructures.groups.Group;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.javalin.http.Context;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /edvt/v1/beacon/states/{state_id}/participation}: what the state's participation lists
 * say about its previous and current epoch, the way Lighthouse's {@code validator_inclusion}
 * summarises them but with groups: for the active validators without a group, how many hold each
 * participation flag; for each group, the flags each member earned ({@code *_epoch_member_participation}
 * over the key set in force at that epoch) and the flags credited to the group's validator (those
 * at least {@code threshold} members earned). A state before EDVT has no groups. The previous
 * epoch's numbers are final once the state is at the last slot of its current epoch (an
 * attestation can be included up to the end of the epoch after its own).
 */
public final class ParticipationHandlers {
  private static final String TAG = "EDVT";
  /** The altair participation flags in bit order: {@code TIMELY_SOURCE}, {@code TIMELY_TARGET}, {@code TIMELY_HEAD}. */
  static final String[] FLAGS = {"timely_source", "timely_target", "timely_head"};

  private final SpecVersions versions;
  private final StateIds stateIds;

  public ParticipationHandlers(ChainReader chain, SpecVersions versions) {
    this.versions = versions;
    this.stateIds = new StateIds(chain, versions);
  }

  public void register(RouteTable routes) {
    routes.get("/edvt/v1/beacon/states/{state_id}/participation", TAG,
        "participation flags of the state's previous and current epoch: plain validators counted, groups per member",
        this::participation);
  }

  private void participation(Context ctx) {
    Resolved<BeaconState> r = stateIds.resolve(ctx.pathParam("state_id"));
    Responses.chainData(ctx, r, summary(r.value()));
  }

  ObjectNode summary(BeaconState state) {
    SpecFulu spec = versions.forState(state);
    MutableBeaconState view = new MutableBeaconState(state);
    Optional<BeaconStateEdvt> edvt = BeaconStateEdvt.toVersionEdvt(state);
    ObjectNode data = ApiJson.object();
    data.put("slot", state.slot().toString());
    data.set("previous_epoch", epoch(spec, view, edvt, spec.accessors().getPreviousEpoch(view), state.previousEpochParticipation(),
        edvt.map(BeaconStateEdvt::previousEpochMemberParticipation)));
    data.set("current_epoch", epoch(spec, view, edvt, spec.accessors().getCurrentEpoch(view), state.currentEpochParticipation(),
        edvt.map(BeaconStateEdvt::currentEpochMemberParticipation)));
    return data;
  }

  private ObjectNode epoch(SpecFulu spec, MutableBeaconState view, Optional<BeaconStateEdvt> edvt, UInt64 epoch,
      SszList<Integer> participation, Optional<SszList<Integer>> memberParticipation) {
    Set<Long> groupValidators = new HashSet<>();
    edvt.ifPresent(s -> s.groups().forEach(g -> groupValidators.add(g.validatorIndex().longValue())));
    int active = 0;
    int[] withFlag = new int[FLAGS.length];
    SszList<Validator> validators = view.commit().validators();
    for (int i = 0; i < validators.size(); i++) {
      if (groupValidators.contains((long) i) || !spec.predicates().isActiveValidator(validators.get(i), epoch)) {
        continue;
      }
      active++;
      int flags = participation.get(i);
      for (int f = 0; f < FLAGS.length; f++) {
        if ((flags >> f & 1) != 0) {
          withFlag[f]++;
        }
      }
    }
    ObjectNode o = ApiJson.object();
    o.put("epoch", epoch.toString());
    ObjectNode plain = o.putObject("plain_validators");
    plain.put("active", Integer.toString(active));
    for (int f = 0; f < FLAGS.length; f++) {
      plain.put(FLAGS[f], Integer.toString(withFlag[f]));
    }
    ArrayNode groups = o.putArray("groups");
    if (edvt.isPresent() && memberParticipation.isPresent()) {
      SpecEdvt edvtSpec = (SpecEdvt) spec;
      int maxGroupSize = SpecConfigEdvt.of(spec.config()).maxGroupSize();
      SszList<Group> registry = edvt.get().groups();
      for (int g = 0; g < registry.size(); g++) {
        groups.add(group(edvtSpec, validators, registry.get(g), g, maxGroupSize, epoch, participation,
            memberParticipation.get()));
      }
    }
    return o;
  }

  private static ObjectNode group(SpecEdvt spec, SszList<Validator> validators, Group group, int groupIndex,
      int maxGroupSize, UInt64 epoch, SszList<Integer> participation, SszList<Integer> memberParticipation) {
    int validator = group.validatorIndex().intValue();
    ObjectNode o = ApiJson.object();
    o.put("validator_index", Integer.toString(validator));
    o.put("active", spec.predicates().isActiveValidator(validators.get(validator), epoch));
    var keySet = spec.registry().getGroupKeySet(group, epoch);
    int members = keySet.map(k -> k.size()).orElse(0);
    o.put("threshold", keySet.map(k -> Integer.toString(k.threshold())).orElse("0"));
    o.put("members", Integer.toString(members));
    ArrayNode memberFlags = o.putArray("member_flags");
    int[] withFlag = new int[FLAGS.length];
    for (int j = 0; j < members; j++) {
      int flags = memberParticipation.get(groupIndex * maxGroupSize + j);
      memberFlags.add(Integer.toString(flags));
      for (int f = 0; f < FLAGS.length; f++) {
        if ((flags >> f & 1) != 0) {
          withFlag[f]++;
        }
      }
    }
    ObjectNode counted = o.putObject("members_with_flag");
    ObjectNode credited = o.putObject("credited");
    int validatorFlags = participation.get(validator);
    for (int f = 0; f < FLAGS.length; f++) {
      counted.put(FLAGS[f], Integer.toString(withFlag[f]));
      credited.put(FLAGS[f], (validatorFlags >> f & 1) != 0);
    }
    return o;
  }
}
