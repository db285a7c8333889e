package io.edvt.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.edvt.SpecVersions;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** {@code /eth/v1/beacon/states/{state_id}/validators*} and {@code validator_balances}. */
public final class ValidatorHandlers {
  private static final String TAG = "Beacon";

  private final SpecVersions versions;
  private final StateIds stateIds;
  private final ValidatorIds validatorIds;

  public ValidatorHandlers(ChainReader chain, SpecVersions versions) {
    this.versions = versions;
    this.stateIds = new StateIds(chain, versions);
    this.validatorIds = new ValidatorIds(versions);
  }

  public void register(RouteTable routes) {
    String base = "/eth/v1/beacon/states/{state_id}";
    routes.get(base + "/validators", TAG, "validators filtered by id (index or pubkey) and status", this::validatorsGet);
    routes.post(base + "/validators", TAG, "validators filtered by the body's ids and statuses", this::validatorsPost);
    routes.get(base + "/validators/{validator_id}", TAG, "one validator by index or pubkey", this::validator);
    routes.get(base + "/validator_balances", TAG, "balances filtered by id", this::balancesGet);
    routes.post(base + "/validator_balances", TAG, "balances of the body's ids", this::balancesPost);
  }

  private void validatorsGet(Context ctx) {
    validators(ctx, Params.list(ctx.queryParams("id")), Params.list(ctx.queryParams("status")), "id");
  }

  private void validatorsPost(Context ctx) {
    MediaTypes.requireJsonBody(ctx);
    JsonNode body = ApiJson.parse(ctx.bodyAsBytes());
    if (!body.isObject()) {
      throw ApiException.badRequest("the body must be an object with optional 'ids' and 'statuses' arrays");
    }
    validators(ctx, strings(body.get("ids"), "ids"), strings(body.get("statuses"), "statuses"), "ids");
  }

  private void validators(Context ctx, List<String> ids, List<String> statuses, String idName) {
    for (String s : statuses) {
      if (!ValidatorStatus.isKnown(s)) {
        throw ApiException.badRequest("status '" + s + "' is not a validator status (pending_initialized, "
            + "pending_queued, active_ongoing, active_exiting, active_slashed, exited_unslashed, exited_slashed, "
            + "withdrawal_possible, withdrawal_done, or pending, active, exited, withdrawal)");
      }
    }
    Resolved<BeaconState> r = stateIds.resolve(ctx.pathParam("state_id"));
    BeaconState state = r.value();
    UInt64 epoch = versions.fulu().misc().computeEpochAtSlot(state.slot());
    List<Integer> indices = ids.isEmpty()
        ? IntStream.range(0, state.validators().size()).boxed().toList()
        : validatorIds.resolve(state, ids, idName);
    ArrayNode data = ApiJson.array();
    for (int i : indices) {
      Validator v = state.validators().get(i);
      UInt64 balance = state.balances().get(i);
      ValidatorStatus status = ValidatorStatus.of(v, balance, epoch);
      if (statuses.isEmpty() || statuses.stream().anyMatch(status::matches)) {
        data.add(validatorJson(i, v, balance, status));
      }
    }
    Responses.chainData(ctx, r, data);
  }

  private void validator(Context ctx) {
    Resolved<BeaconState> r = stateIds.resolve(ctx.pathParam("state_id"));
    String id = ctx.pathParam("validator_id");
    int index = validatorIds.resolveOne(r.value(), id, "validator_id")
        .orElseThrow(() -> ApiException.notFound("validator " + id + " not found in the state"));
    Validator v = r.value().validators().get(index);
    UInt64 balance = r.value().balances().get(index);
    UInt64 epoch = versions.fulu().misc().computeEpochAtSlot(r.value().slot());
    Responses.chainData(ctx, r, validatorJson(index, v, balance, ValidatorStatus.of(v, balance, epoch)));
  }

  private static ObjectNode validatorJson(int index, Validator v, UInt64 balance, ValidatorStatus status) {
    ObjectNode o = ApiJson.object();
    o.put("index", Integer.toString(index));
    o.put("balance", balance.toString());
    o.put("status", status.apiName());
    o.set("validator", ApiJson.of(v));
    return o;
  }

  private void balancesGet(Context ctx) {
    balances(ctx, Params.list(ctx.queryParams("id")), "id");
  }

  private void balancesPost(Context ctx) {
    MediaTypes.requireJsonBody(ctx);
    balances(ctx, strings(ApiJson.parse(ctx.bodyAsBytes()), "body"), "body");
  }

  private void balances(Context ctx, List<String> ids, String idName) {
    Resolved<BeaconState> r = stateIds.resolve(ctx.pathParam("state_id"));
    BeaconState state = r.value();
    List<Integer> indices = ids.isEmpty()
        ? IntStream.range(0, state.validators().size()).boxed().toList()
        : validatorIds.resolve(state, ids, idName);
    ArrayNode data = ApiJson.array();
    for (int i : indices) {
      ObjectNode o = data.addObject();
      o.put("index", Integer.toString(i));
      o.put("balance", state.balances().get(i).toString());
    }
    Responses.chainData(ctx, r, data);
  }

  /** A JSON array of strings (absent or null: empty). */
  static List<String> strings(JsonNode node, String name) {
    List<String> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      throw ApiException.badRequest(name + " must be an array of strings");
    }
    for (int i = 0; i < node.size(); i++) {
      if (!node.get(i).isTextual()) {
        throw ApiException.badRequest(name + "[" + i + "] must be a string, got " + node.get(i));
      }
      out.add(node.get(i).textValue());
    }
    return out;
  }
}
