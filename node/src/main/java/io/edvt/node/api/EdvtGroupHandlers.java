package io.edvt.node.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.datastructures.groups.Group;
import io.edvt.spec.edvt.datastructures.groups.GroupKeySet;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.javalin.http.Context;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes48;

/**
 * EDVT's own endpoints, under {@code /edvt/v1/} (described in {@code edvt-openapi.json}): the
 * groups of a state's registry, and one group found by its validator (index or the validator's own
 * key) or by any member key of any of its key sets. A group is shown as the state holds it
 * (validator index, key sets with threshold {@code m}, member keys and activation epoch) with the
 * validator's public key added, so a client need not make a second call to name it.
 */
public final class EdvtGroupHandlers {
  private static final String TAG = "EDVT";

  private final StateIds stateIds;
  private final ValidatorIds validatorIds;

  public EdvtGroupHandlers(ChainReader chain, SpecVersions versions) {
    this.stateIds = new StateIds(chain, versions);
    this.validatorIds = new ValidatorIds(versions);
  }

  public void register(RouteTable routes) {
    routes.get("/edvt/v1/beacon/states/{state_id}/groups", TAG,
        "the state's groups, optionally only those of the validators in 'id'", this::groups);
    routes.get("/edvt/v1/beacon/states/{state_id}/groups/{group_id}", TAG,
        "one group by validator index, validator pubkey or member pubkey", this::group);
  }

  private void groups(Context ctx) {
    Resolved<BeaconState> r = stateIds.resolve(ctx.pathParam("state_id"));
    BeaconStateEdvt state = edvt(r.value(), ctx.pathParam("state_id"));
    List<String> ids = Params.list(ctx.queryParams("id"));
    Set<UInt64> wanted = new HashSet<>();
    validatorIds.resolve(state, ids, "id").forEach(i -> wanted.add(UInt64.valueOf(i)));
    ArrayNode data = ApiJson.array();
    for (Group g : state.groups()) {
      if (ids.isEmpty() || wanted.contains(g.validatorIndex())) {
        data.add(groupJson(state, g));
      }
    }
    Responses.chainData(ctx, r, data);
  }

  private void group(Context ctx) {
    Resolved<BeaconState> r = stateIds.resolve(ctx.pathParam("state_id"));
    BeaconStateEdvt state = edvt(r.value(), ctx.pathParam("state_id"));
    String id = ctx.pathParam("group_id");
    Group group = find(state, id).orElseThrow(() -> ApiException.notFound("no group with validator or member " + id
        + " in the state"));
    Responses.chainData(ctx, r, groupJson(state, group));
  }

  /** The group of the validator {@code id} names, or the group one of whose key sets holds key {@code id}. */
  private Optional<Group> find(BeaconStateEdvt state, String id) {
    Optional<Integer> validator = validatorIds.resolveOne(state, id, "group_id");
    SszList<Group> groups = state.groups();
    if (validator.isPresent()) {
      UInt64 index = UInt64.valueOf(validator.get());
      for (Group g : groups) {
        if (g.validatorIndex().equals(index)) {
          return Optional.of(g);
        }
      }
    }
    if (Params.isHex(id)) {
      Bytes48 member = Params.pubkey("group_id", id);
      for (Group g : groups) {
        for (GroupKeySet set : g.keySets()) {
          for (Bytes48 key : set.pubkeys()) {
            if (key.equals(member)) {
              return Optional.of(g);
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  private static BeaconStateEdvt edvt(BeaconState state, String stateId) {
    return BeaconStateEdvt.toVersionEdvt(state).orElseThrow(() -> ApiException.notFound("state " + stateId
        + " (slot " + state.slot() + ") is from before the edvt fork and has no group registry"));
  }

  private static ObjectNode groupJson(BeaconStateEdvt state, Group g) {
    ObjectNode o = ApiJson.object();
    o.put("validator_index", g.validatorIndex().toString());
    o.put("validator_pubkey", state.validators().get(g.validatorIndex().intValue()).pubkey().toHexString());
    o.set("key_sets", ApiJson.of(g).get("key_sets"));
    return o;
  }
}
