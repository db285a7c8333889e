package io.edvt.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edvt.infrastructure.unsigned.UInt64;
import io.javalin.http.Context;
import java.util.List;
import org.apache.tuweni.bytes.Bytes48;

/**
 * EDVT's validator duty endpoints, for a validator client holding group member keys: a member key
 * has no validator index of its own, so the standard duty endpoints (which take indices) cannot
 * name it. These take signing keys instead (a member key, or a plain validator's own key) and
 * answer in the standard duty shapes, where {@code validator_index} is the registry's validator
 * the key signs for, with two fields added: {@code member_index} (its place in the validator's
 * key set, 0 for a validator without a group) and {@code virtual_index} (validator.md's
 * {@code VirtualIndex}, the index the key's attestations, aggregates, sync committee messages and
 * contributions carry). Everything else a member does goes through the standard endpoints with the
 * virtual index where they take a validator index. A key without a role in the epoch has no entry.
 * Described in {@code edvt-openapi.json}.
 */
public final class EdvtValidatorHandlers {
  private static final String TAG = "EDVT";

  private final ValidatorService service;

  public EdvtValidatorHandlers(ValidatorService service) {
    this.service = service;
  }

  public void register(RouteTable routes) {
    routes.post("/edvt/v1/validator/duties/attester/{epoch}", TAG,
        "attester duties of the body's signing keys (member keys or validators' own), with virtual indices", this::attesterDuties);
    routes.post("/edvt/v1/validator/duties/sync/{epoch}", TAG,
        "sync committee seats of the body's signing keys (member keys or validators' own), with virtual indices", this::syncDuties);
  }

  private void attesterDuties(Context ctx) {
    UInt64 epoch = Params.epoch("epoch", ctx.pathParam("epoch"));
    ValidatorService.Duties<ValidatorService.AttesterDuty> duties = service.attesterDutiesOfKeys(epoch, pubkeys(ctx));
    ArrayNode data = ApiJson.array();
    for (ValidatorService.AttesterDuty d : duties.duties()) {
      data.add(withSigner(ValidatorApiHandlers.attesterDutyJson(d), d.memberIndex(), d.virtualIndex()));
    }
    Responses.json(ctx, 200, ValidatorApiHandlers.dutiesEnvelope(duties, data));
  }

  private void syncDuties(Context ctx) {
    UInt64 epoch = Params.epoch("epoch", ctx.pathParam("epoch"));
    ValidatorService.Duties<ValidatorService.SyncDuty> duties = service.syncDutiesOfKeys(epoch, pubkeys(ctx));
    ArrayNode data = ApiJson.array();
    for (ValidatorService.SyncDuty d : duties.duties()) {
      data.add(withSigner(ValidatorApiHandlers.syncDutyJson(d), d.memberIndex(), d.virtualIndex()));
    }
    Responses.json(ctx, 200, ValidatorApiHandlers.syncEnvelope(duties, data));
  }

  private static ObjectNode withSigner(ObjectNode duty, int memberIndex, long virtualIndex) {
    duty.put("member_index", Integer.toString(memberIndex));
    duty.put("virtual_index", Long.toUnsignedString(virtualIndex));
    return duty;
  }

  /** The body: a JSON array of 0x-prefixed 48-byte public keys; a bad one is a 400 naming its place. */
  static List<Bytes48> pubkeys(Context ctx) {
    JsonNode body = ValidatorApiHandlers.body(ctx);
    return ValidatorApiHandlers.items(body, (j, what) -> {
      if (!j.isTextual()) {
        throw ApiException.badRequest(what + " is not a string (a 0x-prefixed public key)");
      }
      return Params.pubkey(what, j.asText());
    });
  }
}
