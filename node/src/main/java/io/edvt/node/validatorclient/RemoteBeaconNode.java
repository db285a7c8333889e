package io.edvt.node.validatorclient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.api.ApiJson;
import io.edvt.node.api.ValidatorService.AttesterDuty;
import io.edvt.node.api.ValidatorService.ProposerDuty;
import io.edvt.node.api.ValidatorService.SyncDuty;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.operations.SingleAttestation;
import io.edvt.spec.datastructures.validator.SignedAggregateAndProof;
import io.edvt.spec.datastructures.validator.SignedContributionAndProof;
import io.edvt.spec.datastructures.validator.SyncCommitteeContribution;
import io.edvt.spec.datastructures.validator.SyncCommitteeMessage;
import io.edvt.spec.edvt.SpecVersions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * The standard Beacon API calls a validator client makes, typed: requests written and answers read
 * in the beacon-APIs' JSON shapes (SSZ containers through {@link ApiJson}, the same mapping the
 * node's server uses). A call the node refused (4xx) is a {@link RefusedException} with the node's
 * message; a node that is down is {@link BeaconNodeEndpoints.UnavailableException}.
 */
final class RemoteBeaconNode {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The node answered 4xx: the message is the node's. */
  static final class RefusedException extends RuntimeException {
    RefusedException(String message) {
      super(message);
    }
  }

  record Genesis(UInt64 time, Bytes32 validatorsRoot) {}

  private final BeaconNodeEndpoints endpoints;
  private final SpecVersions versions;
  /** The {@code kzg_proofs} and {@code blobs} of the last blocks produced, by block root, sent back with the signed block. */
  private final Map<Bytes32, JsonNode[]> blobContents = new java.util.LinkedHashMap<>(4, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Bytes32, JsonNode[]> eldest) {
      return size() > 4;
    }
  };

  RemoteBeaconNode(BeaconNodeEndpoints endpoints, SpecVersions versions) {
    this.endpoints = endpoints;
    this.versions = versions;
  }

  Genesis genesis() {
    JsonNode data = ok("genesis", endpoints.get("/eth/v1/beacon/genesis")).get("data");
    return new Genesis(UInt64.valueOf(data.get("genesis_time").asText()), Bytes32.fromHexString(data.get("genesis_validators_root").asText()));
  }

  /** The validator index of each of {@code pubkeys} the head state knows. */
  Map<Bytes48, Long> validatorIndices(List<Bytes48> pubkeys) {
    ObjectNode body = NODES.objectNode();
    ArrayNode ids = body.putArray("ids");
    pubkeys.forEach(k -> ids.add(k.toHexString()));
    JsonNode data = ok("validators", endpoints.post("/eth/v1/beacon/states/head/validators", bytes(body), Map.of())).get("data");
    Map<Bytes48, Long> out = new HashMap<>();
    for (JsonNode v : data) {
      out.put(Bytes48.fromHexString(v.get("validator").get("pubkey").asText()), Long.parseLong(v.get("index").asText()));
    }
    return out;
  }

  /**
   * Which of {@code indices} the node's head state shows live in {@code epoch} (its current or
   * previous epoch; {@code POST /eth/v1/validator/liveness/{epoch}}). A group member is asked
   * about by its virtual index, which an EDVT node answers from the member's own participation.
   */
  Set<Long> liveness(UInt64 epoch, Collection<Long> indices) {
    ArrayNode body = NODES.arrayNode();
    indices.forEach(i -> body.add(Long.toUnsignedString(i)));
    JsonNode data = ok("liveness", endpoints.post("/eth/v1/validator/liveness/" + epoch, bytes(body), Map.of())).get("data");
    Set<Long> live = new HashSet<>();
    for (JsonNode d : data) {
      if (d.get("is_live").asBoolean()) {
        live.add(Long.parseUnsignedLong(d.get("index").asText()));
      }
    }
    return live;
  }

  List<AttesterDuty> attesterDuties(UInt64 epoch, List<Long> indices) {
    ArrayNode body = NODES.arrayNode();
    indices.forEach(i -> body.add(Long.toString(i)));
    return attesterDuties(ok("attester duties", endpoints.post("/eth/v1/validator/duties/attester/" + epoch, bytes(body), Map.of())));
  }

  /**
   * EDVT: the attester duties of signing keys that are not validators in the registry (group member
   * keys), each with the virtual index its messages carry; keys without a role have none.
   */
  List<AttesterDuty> memberAttesterDuties(UInt64 epoch, List<Bytes48> pubkeys) {
    return attesterDuties(ok("member attester duties", endpoints.post("/edvt/v1/validator/duties/attester/" + epoch,
        pubkeyArray(pubkeys), Map.of())));
  }

  private static List<AttesterDuty> attesterDuties(JsonNode answer) {
    List<AttesterDuty> out = new ArrayList<>();
    for (JsonNode d : answer.get("data")) {
      out.add(new AttesterDuty(Bytes48.fromHexString(d.get("pubkey").asText()), signerIndex(d),
          d.get("committee_index").asInt(), d.get("committee_length").asInt(), d.get("committees_at_slot").asInt(),
          d.get("validator_committee_index").asInt(), UInt64.valueOf(d.get("slot").asText())));
    }
    return out;
  }

  /**
   * The index a duty's messages carry: EDVT's {@code virtual_index} where the node gave one (checked
   * to name the duty's {@code validator_index}), else the standard {@code validator_index}.
   */
  private static long signerIndex(JsonNode duty) {
    long validator = Long.parseUnsignedLong(duty.get("validator_index").asText());
    JsonNode virtual = duty.get("virtual_index");
    if (virtual == null) {
      return validator;
    }
    long index = Long.parseUnsignedLong(virtual.asText());
    if (VirtualIndex.validatorIndexOf(index) != validator) {
      throw new RefusedException("the node's duty has virtual_index " + virtual.asText() + ", which is not of validator_index "
          + validator);
    }
    return index;
  }

  /** EDVT: the group that {@code memberKey} is a member of, in the head state; empty when none. */
  Optional<Group> group(Bytes48 memberKey) {
    BeaconNodeEndpoints.Response r = endpoints.get("/edvt/v1/beacon/states/head/groups/" + memberKey.toHexString());
    if (r.status() == 404) {
      return Optional.empty();
    }
    JsonNode data = ok("group", r).get("data");
    List<Group.KeySet> sets = new ArrayList<>();
    for (JsonNode set : data.get("key_sets")) {
      List<Bytes48> keys = new ArrayList<>();
      set.get("pubkeys").forEach(k -> keys.add(Bytes48.fromHexString(k.asText())));
      sets.add(new Group.KeySet(set.get("threshold").asInt(), List.copyOf(keys), UInt64.valueOf(set.get("activation_epoch").asText())));
    }
    return Optional.of(new Group(Long.parseLong(data.get("validator_index").asText()), List.copyOf(sets)));
  }

  /** A group as {@code /edvt/v1/beacon/states/{state_id}/groups/{group_id}} shows it. */
  record Group(long validatorIndex, List<KeySet> keySets) {
    record KeySet(int threshold, List<Bytes48> pubkeys, UInt64 activationEpoch) {}
  }

  List<ProposerDuty> proposerDuties(UInt64 epoch) {
    JsonNode data = ok("proposer duties", endpoints.get("/eth/v1/validator/duties/proposer/" + epoch)).get("data");
    List<ProposerDuty> out = new ArrayList<>();
    for (JsonNode d : data) {
      out.add(new ProposerDuty(Bytes48.fromHexString(d.get("pubkey").asText()), d.get("validator_index").asLong(),
          UInt64.valueOf(d.get("slot").asText())));
    }
    return out;
  }

  AttestationData attestationData(UInt64 slot, int committeeIndex) {
    JsonNode data = ok("attestation data", endpoints.get("/eth/v1/validator/attestation_data?slot=" + slot
        + "&committee_index=" + committeeIndex)).get("data");
    return ApiJson.read(data, AttestationData.TYPE, "attestation_data");
  }

  /** The unsigned block of {@code produceBlockV3} (never blinded: the node builds full blocks only). */
  BeaconBlock produceBlock(UInt64 slot, Bytes randaoReveal, Bytes32 graffiti) {
    JsonNode json = ok("block", endpoints.get("/eth/v3/validator/blocks/" + slot + "?randao_reveal=" + randaoReveal.toHexString()
        + "&graffiti=" + graffiti.toHexString()));
    SpecMilestone milestone = milestone(json.path("version").asText());
    if (json.path("execution_payload_blinded").asBoolean(false)) {
      throw new RefusedException("the node produced a blinded block; this client signs full blocks only");
    }
    BeaconBlock block = ApiJson.read(json.get("data").get("block"), versions.forMilestone(milestone).schemas().beaconBlock(),
        "block");
    JsonNode proofs = json.get("data").path("kzg_proofs");
    JsonNode blobs = json.get("data").path("blobs");
    if (proofs.isArray() && blobs.isArray() && !blobs.isEmpty()) {
      synchronized (blobContents) {
        blobContents.put(block.hashTreeRoot(), new JsonNode[] {proofs, blobs});
      }
    }
    return block;
  }

  /** Publishes {@code block} with the blobs and cell proofs the node gave with it, if any (SignedBlockContents). */
  void publishBlock(SignedBeaconBlock block) {
    ObjectNode body = NODES.objectNode();
    body.set("signed_block", ApiJson.of(block));
    JsonNode[] contents;
    synchronized (blobContents) {
      contents = blobContents.remove(block.message().hashTreeRoot());
    }
    if (contents != null) {
      body.set("kzg_proofs", contents[0]);
      body.set("blobs", contents[1]);
    } else {
      body.putArray("kzg_proofs");
      body.putArray("blobs");
    }
    ok("block publication", endpoints.post("/eth/v2/beacon/blocks", bytes(body), versionHeader(block.message().slot())));
  }

  void submitAttestations(List<SingleAttestation> attestations) {
    if (!attestations.isEmpty()) {
      ok("attestations", endpoints.post("/eth/v2/beacon/pool/attestations", array(attestations),
          versionHeader(attestations.get(0).data().slot())));
    }
  }

  /** The node's best aggregate for the data, or empty when it holds none (404). */
  Optional<Attestation> aggregate(Bytes32 dataRoot, UInt64 slot, int committeeIndex) {
    BeaconNodeEndpoints.Response r = endpoints.get("/eth/v2/validator/aggregate_attestation?attestation_data_root="
        + dataRoot.toHexString() + "&slot=" + slot + "&committee_index=" + committeeIndex);
    if (r.status() == 404) {
      return Optional.empty();
    }
    JsonNode json = ok("aggregate", r);
    SpecMilestone milestone = milestone(json.path("version").asText());
    return Optional.of(ApiJson.read(json.get("data"), versions.forMilestone(milestone).schemas().attestation(), "aggregate"));
  }

  void submitAggregates(List<SignedAggregateAndProof> aggregates) {
    if (!aggregates.isEmpty()) {
      ok("aggregates", endpoints.post("/eth/v2/validator/aggregate_and_proofs", array(aggregates),
          versionHeader(aggregates.get(0).message().aggregate().data().slot())));
    }
  }

  void prepareBeaconProposers(Map<Long, Bytes> feeRecipients) {
    ArrayNode body = NODES.arrayNode();
    feeRecipients.forEach((index, address) -> body.addObject().put("validator_index", Long.toString(index))
        .put("fee_recipient", address.toHexString()));
    ok("proposer preparation", endpoints.post("/eth/v1/validator/prepare_beacon_proposer", bytes(body), Map.of()));
  }

  /**
   * Tells the node of attester duties ahead. A member's {@code validator_index} is its virtual index
   * (an EDVT node reads it as the signer; a standard node would not know it), as in the messages.
   */
  void subscribe(List<AttesterDuty> duties, java.util.function.Predicate<AttesterDuty> aggregator) {
    ArrayNode body = NODES.arrayNode();
    for (AttesterDuty d : duties) {
      body.addObject().put("validator_index", Long.toUnsignedString(d.virtualIndex()))
          .put("committee_index", Integer.toString(d.committeeIndex()))
          .put("committees_at_slot", Integer.toString(d.committeesAtSlot()))
          .put("slot", d.slot().toString())
          .put("is_aggregator", aggregator.test(d));
    }
    ok("subscriptions", endpoints.post("/eth/v1/validator/beacon_committee_subscriptions", bytes(body), Map.of()));
  }

  List<SyncDuty> syncDuties(UInt64 epoch, List<Long> indices) {
    ArrayNode body = NODES.arrayNode();
    indices.forEach(i -> body.add(Long.toString(i)));
    return syncDuties(ok("sync duties", endpoints.post("/eth/v1/validator/duties/sync/" + epoch, bytes(body), Map.of())));
  }

  /** EDVT: the sync committee seats of signing keys that are not validators in the registry (group member keys). */
  List<SyncDuty> memberSyncDuties(UInt64 epoch, List<Bytes48> pubkeys) {
    return syncDuties(ok("member sync duties", endpoints.post("/edvt/v1/validator/duties/sync/" + epoch, pubkeyArray(pubkeys),
        Map.of())));
  }

  private static List<SyncDuty> syncDuties(JsonNode answer) {
    List<SyncDuty> out = new ArrayList<>();
    for (JsonNode d : answer.get("data")) {
      List<Integer> seats = new ArrayList<>();
      d.get("validator_sync_committee_indices").forEach(i -> seats.add(Integer.parseInt(i.asText())));
      out.add(new SyncDuty(Bytes48.fromHexString(d.get("pubkey").asText()), signerIndex(d), List.copyOf(seats)));
    }
    return out;
  }

  private static byte[] pubkeyArray(List<Bytes48> pubkeys) {
    ArrayNode body = NODES.arrayNode();
    pubkeys.forEach(k -> body.add(k.toHexString()));
    return bytes(body);
  }

  /** The root of the node's head block. */
  Bytes32 headRoot() {
    return Bytes32.fromHexString(ok("head root", endpoints.get("/eth/v1/beacon/blocks/head/root")).get("data").get("root").asText());
  }

  void submitSyncCommitteeMessages(List<SyncCommitteeMessage> messages) {
    if (!messages.isEmpty()) {
      ok("sync committee messages", endpoints.post("/eth/v1/beacon/pool/sync_committees", array(messages), Map.of()));
    }
  }

  /** The node's best contribution for the subcommittee, or empty when it holds no message for it (404). */
  Optional<SyncCommitteeContribution> syncContribution(UInt64 slot, int subcommittee, Bytes32 blockRoot) {
    BeaconNodeEndpoints.Response r = endpoints.get("/eth/v1/validator/sync_committee_contribution?slot=" + slot
        + "&subcommittee_index=" + subcommittee + "&beacon_block_root=" + blockRoot.toHexString());
    if (r.status() == 404) {
      return Optional.empty();
    }
    return Optional.of(ApiJson.read(ok("sync contribution", r).get("data"), versions.forSlot(slot).schemas().syncCommitteeContribution(),
        "contribution"));
  }

  void submitContributions(List<SignedContributionAndProof> contributions) {
    if (!contributions.isEmpty()) {
      ok("contributions", endpoints.post("/eth/v1/validator/contribution_and_proofs", array(contributions), Map.of()));
    }
  }

  /** Tells the node of sync committee seats ahead, until {@code untilEpoch}; a member's by its virtual index. */
  void subscribeSync(List<SyncDuty> duties, UInt64 untilEpoch) {
    if (duties.isEmpty()) {
      return;
    }
    ArrayNode body = NODES.arrayNode();
    for (SyncDuty d : duties) {
      ObjectNode o = body.addObject().put("validator_index", Long.toUnsignedString(d.virtualIndex()));
      ArrayNode seats = o.putArray("sync_committee_indices");
      d.committeeIndices().forEach(i -> seats.add(Integer.toString(i)));
      o.put("until_epoch", untilEpoch.toString());
    }
    ok("sync subscriptions", endpoints.post("/eth/v1/validator/sync_committee_subscriptions", bytes(body), Map.of()));
  }

  private Map<String, String> versionHeader(UInt64 slot) {
    return Map.of("Eth-Consensus-Version", versions.milestoneAtSlot(slot).forkName());
  }

  private static SpecMilestone milestone(String version) {
    return SpecMilestone.byForkName(version)
        .orElseThrow(() -> new RefusedException("the node answered for fork '" + version + "', which this client does not run"));
  }

  private static byte[] array(List<? extends SszContainer> values) {
    ArrayNode body = NODES.arrayNode();
    values.forEach(v -> body.add(ApiJson.of(v)));
    return bytes(body);
  }

  private static byte[] bytes(JsonNode json) {
    try {
      return ApiJson.MAPPER.writeValueAsBytes(json);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** The answer's JSON when it is a 2xx; a {@link RefusedException} with the node's message otherwise. */
  private static JsonNode ok(String what, BeaconNodeEndpoints.Response r) {
    String text = new String(r.body(), StandardCharsets.UTF_8);
    if (!r.ok()) {
      throw new RefusedException(what + ": the node answered " + r.status() + ": " + text);
    }
    if (text.isBlank()) {
      return NODES.objectNode();
    }
    try {
      return ApiJson.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new RefusedException(what + ": the node's answer is not JSON: " + e.getMessage());
    }
  }
}
