package io.edvt.node.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.javalin.http.Context;

/** {@code /eth/v2/debug/beacon/states/{state_id}} (JSON or SSZ) and {@code /eth/v1/debug/fork_choice}. */
public final class DebugHandlers {
  private static final String TAG = "Debug";

  private final ChainReader chain;
  private final StateIds stateIds;

  public DebugHandlers(ChainReader chain, SpecVersions versions) {
    this.chain = chain;
    this.stateIds = new StateIds(chain, versions);
  }

  public void register(RouteTable routes) {
    routes.getWithSsz("/eth/v2/debug/beacon/states/{state_id}", TAG, "a full state, JSON or SSZ", this::state);
    routes.get("/eth/v1/debug/fork_choice", TAG, "fork choice's checkpoints and block tree", this::forkChoice);
  }

  private void state(Context ctx) {
    MediaTypes.Representation representation = MediaTypes.negotiate(ctx, true);
    Resolved<BeaconState> r = stateIds.resolve(ctx.pathParam("state_id"));
    SpecMilestone milestone = SpecVersions.milestoneOf(r.value());
    if (representation == MediaTypes.Representation.SSZ) {
      Responses.ssz(ctx, milestone, r.value().serialize());
    } else {
      Responses.versioned(ctx, milestone, r, ApiJson.of(r.value()));
    }
  }

  private void forkChoice(Context ctx) {
    ObjectNode body = ApiJson.object();
    body.set("justified_checkpoint", ApiJson.of(chain.justifiedCheckpoint()));
    body.set("finalized_checkpoint", ApiJson.of(chain.finalizedCheckpoint()));
    ArrayNode nodes = body.putArray("fork_choice_nodes");
    for (ForkChoiceNode n : chain.forkChoiceNodes()) {
      ObjectNode o = nodes.addObject();
      o.put("slot", n.slot().toString());
      o.put("block_root", n.blockRoot().toHexString());
      o.put("parent_root", n.parentRoot().toHexString());
      o.put("justified_epoch", n.justifiedEpoch().toString());
      o.put("finalized_epoch", n.finalizedEpoch().toString());
      o.put("weight", n.weight().toString());
      o.put("validity", n.validity());
      o.put("execution_block_hash", n.executionBlockHash().toHexString());
    }
    body.putObject("extra_data");
    Responses.json(ctx, 200, body);
  }
}
