package io.edvt.node.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.SyncCommittee;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes48;

/** {@code /eth/v1/beacon/states/{state_id}/*}: root, fork, finality, committees, sync committees, RANDAO. */
public final class StateHandlers {
  private static final String TAG = "Beacon";
  /** {@code SYNC_COMMITTEE_SUBNET_COUNT} (a p2p constant, the same in every preset). */
  private static final int SYNC_COMMITTEE_SUBNET_COUNT = 4;

  private final SpecVersions versions;
  private final StateIds stateIds;

  public StateHandlers(ChainReader chain, SpecVersions versions) {
    this.versions = versions;
    this.stateIds = new StateIds(chain, versions);
  }

  public void register(RouteTable routes) {
    String base = "/eth/v1/beacon/states/{state_id}";
    routes.get(base + "/root", TAG, "the state's hash_tree_root", this::root);
    routes.get(base + "/fork", TAG, "the state's fork", this::fork);
    routes.get(base + "/finality_checkpoints", TAG, "previous and current justified, finalized", this::finality);
    routes.get(base + "/committees", TAG, "beacon committees by epoch, index and slot", this::committees);
    routes.get(base + "/sync_committees", TAG, "the sync committee of an epoch's period", this::syncCommittees);
    routes.get(base + "/randao", TAG, "the RANDAO mix of an epoch", this::randao);
  }

  private void root(Context ctx) {
    Resolved<BeaconState> r = stateIds.resolve(ctx.pathParam("state_id"));
    ObjectNode data = ApiJson.object();
    data.put("root", r.value().hashTreeRoot().toHexString());
    Responses.chainData(ctx, r, data);
  }

  private void fork(Context ctx) {
    Resolved<BeaconState> r = stateIds.resolve(ctx.pathParam("state_id"));
    Responses.chainData(ctx, r, ApiJson.of(r.value().fork()));
  }

  private void finality(Context ctx) {
    Resolved<BeaconState> r = stateIds.resolve(ctx.pathParam("state_id"));
    ObjectNode data = ApiJson.object();
    data.set("previous_justified", ApiJson.of(r.value().previousJustifiedCheckpoint()));
    data.set("current_justified", ApiJson.of(r.value().currentJustifiedCheckpoint()));
    data.set("finalized", ApiJson.of(r.value().finalizedCheckpoint()));
    Responses.chainData(ctx, r, data);
  }

  /**
   * The committees of {@code epoch} (default: the state's), optionally one committee index and one
   * slot. The state's shuffling reaches its previous, current and next epoch only; others are 400.
   */
  private void committees(Context ctx) {
    Resolved<BeaconState> r = stateIds.resolve(ctx.pathParam("state_id"));
    BeaconState state = r.value();
    SpecFulu spec = versions.forState(state);
    UInt64 stateEpoch = spec.misc().computeEpochAtSlot(state.slot());
    UInt64 epoch = optional(ctx, "epoch").map(e -> Params.epoch("epoch", e)).orElse(stateEpoch);
    if (epoch.plus(1).isLessThan(stateEpoch) || epoch.isGreaterThan(stateEpoch.plus(1))) {
      throw ApiException.badRequest("epoch " + epoch + " is outside the state's reach: a state of epoch " + stateEpoch
          + " has committees for epochs " + (stateEpoch.isZero() ? stateEpoch : stateEpoch.minus(1)) + " to "
          + stateEpoch.plus(1));
    }
    Optional<UInt64> index = optional(ctx, "index").map(i -> Params.uint64("index", i));
    Optional<UInt64> slot = optional(ctx, "slot").map(s -> Params.uint64("slot", s));
    if (slot.isPresent() && !spec.misc().computeEpochAtSlot(slot.get()).equals(epoch)) {
      throw ApiException.badRequest("slot " + slot.get() + " is not in epoch " + epoch);
    }
    MutableBeaconState view = new MutableBeaconState(state);
    int perSlot = spec.accessors().getCommitteeCountPerSlot(view, epoch);
    UInt64 start = spec.misc().computeStartSlotAtEpoch(epoch);
    ArrayNode data = ApiJson.array();
    for (int s = 0; s < spec.config().slotsPerEpoch(); s++) {
      UInt64 at = start.plus(s);
      if (slot.isPresent() && !slot.get().equals(at)) {
        continue;
      }
      for (int i = 0; i < perSlot; i++) {
        if (index.isPresent() && !index.get().equals(UInt64.valueOf(i))) {
          continue;
        }
        ObjectNode c = data.addObject();
        c.put("index", Integer.toString(i));
        c.put("slot", at.toString());
        ArrayNode members = c.putArray("validators");
        for (int v : spec.accessors().getBeaconCommittee(view, at, i)) {
          members.add(Integer.toString(v));
        }
      }
    }
    Responses.chainData(ctx, r, data);
  }

  /**
   * The sync committee of {@code epoch}'s period (the state's current period or the next), as
   * validator indices by seat and split into the subnets' subcommittees. In EDVT a seat may be
   * held by a group member; the seat is listed under the member's validator, the index the rest
   * of the API knows.
   */
  private void syncCommittees(Context ctx) {
    Resolved<BeaconState> r = stateIds.resolve(ctx.pathParam("state_id"));
    BeaconState state = r.value();
    SpecFulu spec = versions.forState(state);
    int period = spec.config().epochsPerSyncCommitteePeriod();
    UInt64 stateEpoch = spec.misc().computeEpochAtSlot(state.slot());
    UInt64 epoch = optional(ctx, "epoch").map(e -> Params.epoch("epoch", e)).orElse(stateEpoch);
    long statePeriod = stateEpoch.longValue() / period;
    long askedPeriod = epoch.longValue() / period;
    boolean next;
    if (askedPeriod == statePeriod) {
      next = false;
    } else if (askedPeriod == statePeriod + 1) {
      next = true;
    } else {
      throw ApiException.badRequest("epoch " + epoch + " is not in the state's sync committee period (" + statePeriod
          + ") or the next");
    }
    List<String> seats = seats(state, next);
    ArrayNode validators = ApiJson.array();
    seats.forEach(validators::add);
    ArrayNode aggregates = ApiJson.array();
    int size = seats.size() / SYNC_COMMITTEE_SUBNET_COUNT;
    for (int sub = 0; sub < SYNC_COMMITTEE_SUBNET_COUNT; sub++) {
      ArrayNode a = aggregates.addArray();
      seats.subList(sub * size, (sub + 1) * size).forEach(a::add);
    }
    ObjectNode data = ApiJson.object();
    data.set("validators", validators);
    data.set("validator_aggregates", aggregates);
    Responses.chainData(ctx, r, data);
  }

  private List<String> seats(BeaconState state, boolean next) {
    List<String> out = new ArrayList<>();
    Optional<BeaconStateEdvt> edvt = BeaconStateEdvt.toVersionEdvt(state);
    if (edvt.isPresent()) {
      var signers = next ? edvt.get().nextSyncCommitteeSigners() : edvt.get().currentSyncCommitteeSigners();
      for (UInt64 signer : signers) {
        out.add(Long.toString(VirtualIndex.validatorIndexOf(signer.longValue())));
      }
      return out;
    }
    SyncCommittee committee = next ? state.nextSyncCommittee() : state.currentSyncCommittee();
    MutableBeaconState view = new MutableBeaconState(state);
    for (Bytes48 pubkey : committee.pubkeys()) {
      int index = versions.forState(state).accessors().getValidatorIndex(view, pubkey)
          .orElseThrow(() -> new IllegalStateException("sync committee key " + pubkey + " is no validator's"));
      out.add(Integer.toString(index));
    }
    return out;
  }

  /** The RANDAO mix of {@code epoch} (default: the state's); only the last EPOCHS_PER_HISTORICAL_VECTOR epochs are kept. */
  private void randao(Context ctx) {
    Resolved<BeaconState> r = stateIds.resolve(ctx.pathParam("state_id"));
    BeaconState state = r.value();
    SpecFulu spec = versions.forState(state);
    UInt64 stateEpoch = spec.misc().computeEpochAtSlot(state.slot());
    UInt64 epoch = optional(ctx, "epoch").map(e -> Params.epoch("epoch", e)).orElse(stateEpoch);
    int vector = spec.config().epochsPerHistoricalVector();
    if (epoch.isGreaterThan(stateEpoch) || stateEpoch.minus(epoch).longValue() >= vector) {
      throw ApiException.badRequest("epoch " + epoch + " has no RANDAO mix in a state of epoch " + stateEpoch
          + " (it keeps the last " + vector + " epochs, none ahead)");
    }
    ObjectNode data = ApiJson.object();
    data.put("randao", spec.accessors().getRandaoMix(new MutableBeaconState(state), epoch).toHexString());
    Responses.chainData(ctx, r, data);
  }

  private static Optional<String> optional(Context ctx, String name) {
    return Optional.ofNullable(ctx.queryParam(name));
  }
}
