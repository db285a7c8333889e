package io.edvt.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edvt.infrastructure.crypto.kzg.Kzg;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.validator.SignedAggregateAndProof;
import io.edvt.spec.datastructures.validator.SignedContributionAndProof;
import io.edvt.spec.datastructures.validator.SyncCommitteeContribution;
import io.edvt.spec.datastructures.validator.SyncCommitteeMessage;
import io.edvt.spec.edvt.SpecVersions;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * The validator endpoints a separate validator client needs ({@code /eth/v1/validator/*},
 * {@code /eth/v3/validator/blocks}, {@code /eth/v2/validator/aggregate*},
 * {@code POST /eth/v2/beacon/blocks} and {@code POST /eth/v1/beacon/pool/sync_committees}), over a
 * {@link ValidatorService}. This class parses and answers in the beacon-APIs' shapes; every bad
 * parameter is a 400 naming it.
 */
public final class ValidatorApiHandlers {
  private static final String TAG = "Validator";
  private static final int ADDRESS = 20;

  private final ValidatorService service;
  private final SpecVersions versions;

  public ValidatorApiHandlers(ValidatorService service, SpecVersions versions) {
    this.service = service;
    this.versions = versions;
  }

  public void register(RouteTable routes) {
    routes.post("/eth/v1/validator/duties/attester/{epoch}", TAG, "attester duties of the body's validator indices",
        this::attesterDuties);
    routes.get("/eth/v1/validator/duties/proposer/{epoch}", TAG, "the proposers of an epoch", this::proposerDuties);
    routes.get("/eth/v1/validator/attestation_data", TAG, "attestation data to sign for a slot", this::attestationData);
    routes.get("/eth/v3/validator/blocks/{slot}", TAG, "an unsigned block to sign (never blinded)", this::produceBlock);
    routes.post("/eth/v2/beacon/blocks", "Beacon", "publish a signed block (SignedBlockContents)", this::publishBlock);
    routes.get("/eth/v2/validator/aggregate_attestation", TAG, "the pooled aggregate of a committee's attestation data",
        this::aggregate);
    routes.post("/eth/v2/validator/aggregate_and_proofs", TAG, "publish signed aggregates", this::publishAggregates);
    routes.post("/eth/v1/validator/beacon_committee_subscriptions", TAG, "attester duties ahead (subnets)", this::subscribe);
    routes.post("/eth/v1/validator/prepare_beacon_proposer", TAG, "fee recipients of validators' proposals", this::prepare);
    routes.post("/eth/v1/validator/liveness/{epoch}", TAG, "whether validators attested in an epoch", this::liveness);
    routes.post("/eth/v1/validator/duties/sync/{epoch}", TAG, "sync committee seats of the body's validator indices",
        this::syncDuties);
    routes.post("/eth/v1/beacon/pool/sync_committees", "Beacon", "submit sync committee messages", this::publishSyncMessages);
    routes.get("/eth/v1/validator/sync_committee_contribution", TAG, "the pooled contribution of a subcommittee",
        this::syncContribution);
    routes.post("/eth/v1/validator/contribution_and_proofs", TAG, "publish signed sync committee contributions",
        this::publishContributions);
    routes.post("/eth/v1/validator/sync_committee_subscriptions", TAG, "sync committee seats ahead (subnets)", this::subscribeSync);
  }

  private void attesterDuties(Context ctx) {
    UInt64 epoch = Params.epoch("epoch", ctx.pathParam("epoch"));
    List<UInt64> indices = indices(body(ctx));
    ValidatorService.Duties<ValidatorService.AttesterDuty> duties = service.attesterDuties(epoch, indices);
    ArrayNode data = ApiJson.array();
    duties.duties().forEach(d -> data.add(attesterDutyJson(d)));
    Responses.json(ctx, 200, dutiesEnvelope(duties, data));
  }

  /** The beacon-APIs' {@code AttesterDuty}: {@code validator_index} is the registry's validator. */
  static ObjectNode attesterDutyJson(ValidatorService.AttesterDuty d) {
    ObjectNode o = ApiJson.object();
    o.put("pubkey", d.pubkey().toHexString());
    o.put("validator_index", Long.toUnsignedString(d.validatorIndex()));
    o.put("committee_index", Integer.toString(d.committeeIndex()));
    o.put("committee_length", Integer.toString(d.committeeLength()));
    o.put("committees_at_slot", Integer.toString(d.committeesAtSlot()));
    o.put("validator_committee_index", Integer.toString(d.validatorCommitteeIndex()));
    o.put("slot", d.slot().toString());
    return o;
  }

  private void proposerDuties(Context ctx) {
    UInt64 epoch = Params.epoch("epoch", ctx.pathParam("epoch"));
    ValidatorService.Duties<ValidatorService.ProposerDuty> duties = service.proposerDuties(epoch);
    ArrayNode data = ApiJson.array();
    for (ValidatorService.ProposerDuty d : duties.duties()) {
      ObjectNode o = data.addObject();
      o.put("pubkey", d.pubkey().toHexString());
      o.put("validator_index", Long.toUnsignedString(d.validatorIndex()));
      o.put("slot", d.slot().toString());
    }
    Responses.json(ctx, 200, dutiesEnvelope(duties, data));
  }

  static ObjectNode dutiesEnvelope(ValidatorService.Duties<?> duties, ArrayNode data) {
    ObjectNode out = ApiJson.object();
    out.put("dependent_root", duties.dependentRoot().toHexString());
    out.put("execution_optimistic", duties.executionOptimistic());
    out.set("data", data);
    return out;
  }

  private void attestationData(Context ctx) {
    UInt64 slot = Params.uint64("slot", required(ctx, "slot"));
    UInt64 committee = Params.uint64("committee_index", required(ctx, "committee_index"));
    Responses.data(ctx, ApiJson.of(service.attestationData(slot, committee)));
  }

  private void produceBlock(Context ctx) {
    UInt64 slot = Params.uint64("slot", ctx.pathParam("slot"));
    Bytes randao = Params.hex("randao_reveal", required(ctx, "randao_reveal"), 96);
    Optional<Bytes32> graffiti = Optional.ofNullable(ctx.queryParam("graffiti")).map(g -> Params.root("graffiti", g));
    Optional.ofNullable(ctx.queryParam("builder_boost_factor")).ifPresent(b -> Params.uint64("builder_boost_factor", b));
    String skip = ctx.queryParam("skip_randao_verification");
    if (skip != null && !skip.isEmpty() && !skip.equals("true")) {
      throw ApiException.badRequest("skip_randao_verification '" + skip + "' takes no value (or 'true')");
    }
    MediaTypes.Representation representation = MediaTypes.negotiate(ctx, true);
    ValidatorService.Produced produced = service.produceBlock(slot, randao, graffiti);
    if (produced.block().isEmpty()) {
      throw new ApiException(503, "no block for slot " + slot + ": " + produced.failure());
    }
    BeaconBlock block = produced.block().get();
    SpecMilestone milestone = versions.milestoneAtSlot(block.slot());
    ctx.header("Eth-Execution-Payload-Blinded", "false");
    ctx.header("Eth-Execution-Payload-Value", "0");
    ctx.header("Eth-Consensus-Block-Value", "0");
    if (representation == MediaTypes.Representation.SSZ) {
      // BlockContents: offsets of block, kzg_proofs and blobs, then the three (proofs and blobs fixed-size elements)
      byte[] blockBytes = block.serialize();
      int proofsAt = 12 + blockBytes.length;
      int blobsAt = proofsAt + produced.kzgProofs().size() * 48;
      List<Bytes> parts = new java.util.ArrayList<>(List.of(offset(12), offset(proofsAt), offset(blobsAt), Bytes.wrap(blockBytes)));
      parts.addAll(produced.kzgProofs());
      parts.addAll(produced.blobs());
      Bytes contents = Bytes.concatenate(parts);
      Responses.ssz(ctx, milestone, contents.toArrayUnsafe());
      return;
    }
    ObjectNode data = ApiJson.object();
    data.set("block", ApiJson.of(block));
    var proofs = ApiJson.array();
    produced.kzgProofs().forEach(p -> proofs.add(p.toHexString()));
    var blobs = ApiJson.array();
    produced.blobs().forEach(b -> blobs.add(b.toHexString()));
    data.set("kzg_proofs", proofs);
    data.set("blobs", blobs);
    ObjectNode out = ApiJson.object();
    out.put("version", milestone.forkName());
    out.put("execution_payload_blinded", false);
    out.put("execution_payload_value", "0");
    out.put("consensus_block_value", "0");
    out.set("data", data);
    ctx.header(Responses.CONSENSUS_VERSION, milestone.forkName());
    Responses.json(ctx, 200, out);
  }

  /** The array {@code field} of {@code body} (absent: empty), each element 0x-hex of {@code size} bytes. */
  private static List<Bytes> hexList(JsonNode body, String field, int size) {
    JsonNode list = body.get(field);
    if (list == null) {
      return List.of();
    }
    if (!list.isArray()) {
      throw ApiException.badRequest("'" + field + "' must be an array");
    }
    List<Bytes> out = new java.util.ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      String text = list.get(i).isTextual() ? list.get(i).asText() : "";
      // checked before decoding, and never echoed: a blob is 128 KiB
      if (text.length() != 2 + 2 * size || !text.startsWith("0x") || !text.substring(2).chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
        throw ApiException.badRequest("'" + field + "'[" + i + "] must be 0x-prefixed hex of " + size + " bytes");
      }
      out.add(Bytes.fromHexString(text));
    }
    return out;
  }

  private static Bytes offset(int value) {
    return Bytes.ofUnsignedInt(value, java.nio.ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * {@code SignedBlockContents} in JSON: the block is read with its slot's fork's schema; its blobs
   * and cell proofs, if sent, must be the block's (checked by the node before it builds the sidecars).
   */
  private void publishBlock(Context ctx) {
    MediaTypes.requireJsonBody(ctx);
    JsonNode body = ApiJson.parse(ctx.bodyAsBytes());
    JsonNode signed = body.get("signed_block");
    if (signed == null || !signed.isObject()) {
      throw ApiException.badRequest("the body must be SignedBlockContents: no 'signed_block' object");
    }
    List<Bytes> proofs = hexList(body, "kzg_proofs", 48);
    List<Bytes> blobs = hexList(body, "blobs", Kzg.BYTES_PER_BLOB);
    JsonNode slotNode = signed.path("message").path("slot");
    UInt64 slot = Params.uint64("signed_block.message.slot", slotNode.isTextual() ? slotNode.asText() : null);
    SpecMilestone milestone = versions.milestoneAtSlot(slot);
    String header = ctx.header(Responses.CONSENSUS_VERSION);
    if (header != null && !header.equals(milestone.forkName())) {
      throw ApiException.badRequest(Responses.CONSENSUS_VERSION + " '" + header + "' is not the fork of slot " + slot + " ("
          + milestone.forkName() + ")");
    }
    SignedBeaconBlock block = ApiJson.read(signed, versions.forMilestone(milestone).schemas().signedBeaconBlock(), "signed_block");
    Optional<String> failure = service.publishBlock(block, blobs, proofs.stream().map(Bytes48::wrap).toList());
    if (failure.isPresent()) {
      throw ApiException.badRequest("the block was not imported: " + failure.get());
    }
    ctx.status(200);
  }

  private void aggregate(Context ctx) {
    Bytes32 root = Params.root("attestation_data_root", required(ctx, "attestation_data_root"));
    UInt64 slot = Params.uint64("slot", required(ctx, "slot"));
    UInt64 committee = Params.uint64("committee_index", required(ctx, "committee_index"));
    Attestation aggregate = service.aggregate(root, slot, committee).orElseThrow(() -> ApiException.notFound(
        "no pooled attestation for attestation_data_root " + root + " in committee " + committee));
    SpecMilestone milestone = versions.milestoneAtSlot(aggregate.data().slot());
    ctx.header(Responses.CONSENSUS_VERSION, milestone.forkName());
    Responses.json(ctx, 200, Responses.envelope(milestone, null, ApiJson.of(aggregate)));
  }

  private void publishAggregates(Context ctx) {
    String version = ctx.header(Responses.CONSENSUS_VERSION);
    if (version == null || SpecMilestone.byForkName(version).isEmpty()) {
      throw ApiException.badRequest(Responses.CONSENSUS_VERSION + " '" + version + "' is not a fork this node runs");
    }
    var type = versions.forMilestone(SpecMilestone.byForkName(version).get()).schemas().signedAggregateAndProof();
    List<SignedAggregateAndProof> aggregates = items(body(ctx), (j, what) -> ApiJson.read(j, type, what));
    Responses.submitted(ctx, aggregates, service::publishAggregate);
  }

  private void subscribe(Context ctx) {
    List<ValidatorService.Subscription> subscriptions = items(body(ctx), (j, what) -> new ValidatorService.Subscription(
        uint(j, what, "validator_index"), uint(j, what, "committee_index"), uint(j, what, "committees_at_slot"),
        uint(j, what, "slot"), bool(j, what, "is_aggregator")));
    service.subscribe(subscriptions);
    ctx.status(200);
  }

  private void prepare(Context ctx) {
    record Preparation(UInt64 index, Bytes feeRecipient) {}
    List<Preparation> preparations = items(body(ctx), (j, what) -> new Preparation(uint(j, what, "validator_index"),
        Params.hex(what + ".fee_recipient", text(j, what, "fee_recipient"), ADDRESS)));
    preparations.forEach(p -> service.prepareProposer(p.index(), p.feeRecipient()));
    ctx.status(200);
  }

  private void liveness(Context ctx) {
    UInt64 epoch = Params.epoch("epoch", ctx.pathParam("epoch"));
    List<UInt64> indices = indices(body(ctx));
    List<Boolean> live = service.liveness(epoch, indices);
    ArrayNode data = ApiJson.array();
    for (int i = 0; i < indices.size(); i++) {
      ObjectNode o = data.addObject();
      o.put("index", indices.get(i).toString());
      o.put("is_live", live.get(i));
    }
    Responses.data(ctx, data);
  }

  private void syncDuties(Context ctx) {
    UInt64 epoch = Params.epoch("epoch", ctx.pathParam("epoch"));
    List<UInt64> indices = indices(body(ctx));
    ValidatorService.Duties<ValidatorService.SyncDuty> duties = service.syncDuties(epoch, indices);
    ArrayNode data = ApiJson.array();
    duties.duties().forEach(d -> data.add(syncDutyJson(d)));
    Responses.json(ctx, 200, syncEnvelope(duties, data));
  }

  /** The beacon-APIs' {@code SyncDuty}. */
  static ObjectNode syncDutyJson(ValidatorService.SyncDuty d) {
    ObjectNode o = ApiJson.object();
    o.put("pubkey", d.pubkey().toHexString());
    o.put("validator_index", Long.toUnsignedString(d.validatorIndex()));
    ArrayNode seats = o.putArray("validator_sync_committee_indices");
    d.committeeIndices().forEach(i -> seats.add(Integer.toString(i)));
    return o;
  }

  /** Sync duties carry no {@code dependent_root}. */
  static ObjectNode syncEnvelope(ValidatorService.Duties<?> duties, ArrayNode data) {
    ObjectNode out = ApiJson.object();
    out.put("execution_optimistic", duties.executionOptimistic());
    out.set("data", data);
    return out;
  }

  private void publishSyncMessages(Context ctx) {
    List<SyncCommitteeMessage> messages = items(body(ctx), (j, what) -> ApiJson.read(j, SyncCommitteeMessage.TYPE, what));
    Responses.submitted(ctx, messages, service::publishSyncCommitteeMessage);
  }

  private void syncContribution(Context ctx) {
    UInt64 slot = Params.uint64("slot", required(ctx, "slot"));
    UInt64 subcommittee = Params.uint64("subcommittee_index", required(ctx, "subcommittee_index"));
    Bytes32 root = Params.root("beacon_block_root", required(ctx, "beacon_block_root"));
    SyncCommitteeContribution contribution = service.syncContribution(slot, subcommittee, root).orElseThrow(() -> ApiException.notFound(
        "no pooled sync committee message for slot " + slot + ", subcommittee_index " + subcommittee + " and beacon_block_root " + root));
    Responses.data(ctx, ApiJson.of(contribution));
  }

  private void publishContributions(Context ctx) {
    JsonNode body = body(ctx);
    List<SignedContributionAndProof> contributions = items(body, (j, what) -> {
      JsonNode slot = j.path("message").path("contribution").path("slot");
      UInt64 s = Params.uint64(what + ".message.contribution.slot", slot.isTextual() ? slot.asText() : null);
      return ApiJson.read(j, versions.forSlot(s).schemas().signedContributionAndProof(), what);
    });
    Responses.submitted(ctx, contributions, service::publishContribution);
  }

  private void subscribeSync(Context ctx) {
    List<ValidatorService.SyncSubscription> subscriptions = items(body(ctx), (j, what) -> {
      JsonNode seats = j.get("sync_committee_indices");
      if (seats == null || !seats.isArray()) {
        throw ApiException.badRequest(what + ".sync_committee_indices is missing or not an array");
      }
      List<UInt64> indices = new ArrayList<>();
      for (int i = 0; i < seats.size(); i++) {
        JsonNode k = seats.get(i);
        indices.add(Params.uint64(what + ".sync_committee_indices[" + i + "]", k.isTextual() ? k.asText() : k.toString()));
      }
      return new ValidatorService.SyncSubscription(uint(j, what, "validator_index"), indices, uint(j, what, "until_epoch"));
    });
    service.subscribeSync(subscriptions);
    ctx.status(200);
  }

  /** A JSON array body. */
  static JsonNode body(Context ctx) {
    MediaTypes.requireJsonBody(ctx);
    JsonNode body = ApiJson.parse(ctx.bodyAsBytes());
    if (!body.isArray()) {
      throw ApiException.badRequest("the body must be a JSON array");
    }
    return body;
  }

  private static List<UInt64> indices(JsonNode body) {
    return items(body, (j, what) -> Params.uint64(what, j.isTextual() ? j.asText() : j.toString()));
  }

  interface ItemReader<T> {
    T read(JsonNode item, String what);
  }

  static <T> List<T> items(JsonNode body, ItemReader<T> reader) {
    List<T> out = new ArrayList<>(body.size());
    for (int i = 0; i < body.size(); i++) {
      out.add(reader.read(body.get(i), "body[" + i + "]"));
    }
    return out;
  }

  private static String text(JsonNode item, String what, String field) {
    JsonNode v = item.get(field);
    if (v == null || !v.isTextual()) {
      throw ApiException.badRequest(what + "." + field + " is missing or not a string");
    }
    return v.asText();
  }

  private static UInt64 uint(JsonNode item, String what, String field) {
    return Params.uint64(what + "." + field, text(item, what, field));
  }

  private static boolean bool(JsonNode item, String what, String field) {
    JsonNode v = item.get(field);
    if (v == null || !v.isBoolean()) {
      throw ApiException.badRequest(what + "." + field + " is missing or not a boolean");
    }
    return v.asBoolean();
  }

  private static String required(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null) {
      throw ApiException.badRequest("the query parameter " + name + " is required");
    }
    return value;
  }
}
