package io.edvt.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.rewards.AttestationRewardsCalculator;
import io.edvt.rewards.AttestationRewardsReport;
import io.edvt.rewards.BlockRewardsCalculator;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.javalin.http.Context;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code /eth/v1/beacon/rewards/*}, computed on request by the {@code rewards} module from the
 * states the chain has: a block's rewards from its parent's post-state, an epoch's attestation
 * rewards from the canonical state at the end of the next epoch (whose transition pays them).
 */
public final class RewardsHandlers {
  private static final String TAG = "Rewards";

  private final ChainReader chain;
  private final SpecVersions versions;
  private final BlockIds blockIds;
  private final StateIds stateIds;
  private final ValidatorIds validatorIds;
  private final BlockRewardsCalculator blockRewards;

  public RewardsHandlers(ChainReader chain, SpecVersions versions) {
    this.chain = chain;
    this.versions = versions;
    this.blockIds = new BlockIds(chain, versions);
    this.stateIds = new StateIds(chain, versions);
    this.validatorIds = new ValidatorIds(versions);
    this.blockRewards = new BlockRewardsCalculator(versions);
  }

  public void register(RouteTable routes) {
    routes.get("/eth/v1/beacon/rewards/blocks/{block_id}", TAG, "what a block paid its proposer, by source", this::block);
    routes.post("/eth/v1/beacon/rewards/attestations/{epoch}", TAG,
        "the attestation rewards of an epoch, for the body's validator ids (all if none)", this::attestations);
    routes.post("/eth/v1/beacon/rewards/sync_committee/{block_id}", TAG,
        "the sync committee rewards of a block, for the body's validator ids (all if none)", this::syncCommittee);
  }

  private void block(Context ctx) {
    Resolved<SignedBeaconBlock> r = blockIds.resolve(ctx.pathParam("block_id"));
    Responses.chainData(ctx, r, ApiJson.tree(blockRewards.blockRewards(preState(r), r.value().message())));
  }

  private void syncCommittee(Context ctx) {
    Resolved<SignedBeaconBlock> r = blockIds.resolve(ctx.pathParam("block_id"));
    List<String> ids = bodyIds(ctx);
    BeaconState pre = preState(r);
    JsonNode all = ApiJson.tree(blockRewards.syncCommitteeRewards(pre, r.value().message()));
    Responses.chainData(ctx, r, filtered(all, ids.isEmpty() ? null : indices(pre, ids)));
  }

  private void attestations(Context ctx) {
    UInt64 epoch = Params.epoch("epoch", ctx.pathParam("epoch"));
    List<String> ids = bodyIds(ctx);
    UInt64 payingEpochEnd = versions.fulu().misc().computeStartSlotAtEpoch(epoch.plus(2)).minus(1);
    UInt64 headSlot = chain.head().slot();
    if (payingEpochEnd.isGreaterThan(headSlot)) {
      throw ApiException.notFound("the attestation rewards of epoch " + epoch + " are known at the end of epoch "
          + epoch.plus(1) + " (slot " + payingEpochEnd + "); the head is at slot " + headSlot);
    }
    Resolved<BeaconState> r = stateIds.resolve(payingEpochEnd.toString());
    AttestationRewardsReport report = new AttestationRewardsCalculator(versions.forState(r.value())).compute(r.value(), epoch);
    ObjectNode data = (ObjectNode) ApiJson.tree(report);
    if (!ids.isEmpty()) {
      data.set("total_rewards", filtered(data.get("total_rewards"), indices(r.value(), ids)));
    }
    Responses.chainData(ctx, r, data);
  }

  /** The state {@code process_block} saw the block on: its parent's post-state. */
  private BeaconState preState(Resolved<SignedBeaconBlock> r) {
    if (chain.genesisBlockRoot().map(r.blockRoot()::equals).orElse(false)) {
      throw ApiException.notFound("the genesis block paid no rewards");
    }
    return chain.postState(r.value().message().parentRoot()).orElseThrow(() -> ApiException.notFound(
        "the parent state of block " + r.blockRoot() + " is not available"));
  }

  private List<String> bodyIds(Context ctx) {
    byte[] body = ctx.bodyAsBytes();
    if (body.length == 0) {
      return List.of();
    }
    MediaTypes.requireJsonBody(ctx);
    return ValidatorHandlers.strings(ApiJson.parse(body), "body");
  }

  private Set<String> indices(BeaconState state, List<String> ids) {
    Set<String> out = new HashSet<>();
    validatorIds.resolve(state, ids, "body").forEach(i -> out.add(Integer.toString(i)));
    return out;
  }

  /** The entries of {@code array} whose {@code validator_index} is in {@code keep} (all when null). */
  private static JsonNode filtered(JsonNode array, Set<String> keep) {
    if (keep == null) {
      return array;
    }
    ArrayNode out = ApiJson.array();
    array.forEach(e -> {
      if (keep.contains(e.get("validator_index").asText())) {
        out.add(e);
      }
    });
    return out;
  }
}
