package io.edvt.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.SignedBLSToExecutionChange;
import io.edvt.spec.datastructures.operations.SingleAttestation;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.datastructures.validator.GroupExitSignature;
import io.edvt.spec.edvt.datastructures.validator.GroupKeyChangeSignature;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /eth/v{1,2}/beacon/pool/*} and EDVT's {@code /edvt/v1/beacon/pool/group_registrations},
 * {@code group_key_changes}, {@code group_exit_signatures} and {@code group_key_change_signatures}:
 * what each pool holds, and submissions. Submissions are read
 * with the schemas of the head's fork; each operation goes to its pool, which validates it. A
 * refused operation is a 400: a single one with its reason as the message, in a list with the
 * standard {@code failures} array (index and reason of each refused item, the rest accepted).
 */
public final class PoolHandlers {
  private static final String TAG = "Beacon";
  private static final String EDVT_TAG = "EDVT";

  private final OperationPools pools;
  private final ChainReader chain;
  private final SpecVersions versions;

  public PoolHandlers(OperationPools pools, ChainReader chain, SpecVersions versions) {
    this.pools = pools;
    this.chain = chain;
    this.versions = versions;
  }

  public void register(RouteTable routes) {
    routes.get("/eth/v2/beacon/pool/attestations", TAG, "pooled attestations, by slot and committee index", this::attestations);
    routes.post("/eth/v2/beacon/pool/attestations", TAG, "submit SingleAttestations", this::submitAttestations);
    routes.get("/eth/v2/beacon/pool/attester_slashings", TAG, "pooled attester slashings",
        ctx -> versionedList(ctx, pools.attesterSlashings().contents()));
    routes.post("/eth/v2/beacon/pool/attester_slashings", TAG, "submit an attester slashing",
        ctx -> submitOne(ctx, schemas().attesterSlashing(), pools.attesterSlashings()));
    routes.get("/eth/v1/beacon/pool/proposer_slashings", TAG, "pooled proposer slashings",
        ctx -> list(ctx, pools.proposerSlashings().contents()));
    routes.post("/eth/v1/beacon/pool/proposer_slashings", TAG, "submit a proposer slashing",
        ctx -> submitOne(ctx, schemas().proposerSlashing(), pools.proposerSlashings()));
    routes.get("/eth/v1/beacon/pool/voluntary_exits", TAG, "pooled voluntary exits",
        ctx -> list(ctx, pools.voluntaryExits().contents()));
    routes.post("/eth/v1/beacon/pool/voluntary_exits", TAG, "submit a voluntary exit",
        ctx -> submitOne(ctx, schemas().signedVoluntaryExit(), pools.voluntaryExits()));
    routes.get("/eth/v1/beacon/pool/bls_to_execution_changes", TAG, "pooled BLS to execution changes",
        ctx -> list(ctx, pools.blsToExecutionChanges().contents()));
    routes.post("/eth/v1/beacon/pool/bls_to_execution_changes", TAG, "submit BLS to execution changes",
        ctx -> submitMany(ctx, SignedBLSToExecutionChange.TYPE, pools.blsToExecutionChanges()));
    routes.get("/edvt/v1/beacon/pool/group_registrations", EDVT_TAG, "pooled group registrations",
        ctx -> list(ctx, pools.groupRegistrations().contents()));
    routes.post("/edvt/v1/beacon/pool/group_registrations", EDVT_TAG, "submit a group registration",
        ctx -> submitOne(ctx, versions.edvt().schemas().signedGroupRegistration(), pools.groupRegistrations()));
    routes.get("/edvt/v1/beacon/pool/group_exit_signatures", EDVT_TAG, "members' exit signatures held",
        ctx -> list(ctx, pools.groupExitSignatures().contents()));
    routes.post("/edvt/v1/beacon/pool/group_exit_signatures", EDVT_TAG, "submit a member's exit signature",
        ctx -> submitOne(ctx, GroupExitSignature.TYPE, pools.groupExitSignatures()));
    routes.get("/edvt/v1/beacon/pool/group_key_changes", EDVT_TAG, "pooled group key changes",
        ctx -> list(ctx, pools.groupKeyChanges().contents()));
    routes.post("/edvt/v1/beacon/pool/group_key_changes", EDVT_TAG, "submit a group key change signed by m members",
        ctx -> submitOne(ctx, versions.edvt().schemas().signedGroupKeyChange(), pools.groupKeyChanges()));
    routes.get("/edvt/v1/beacon/pool/group_key_change_signatures", EDVT_TAG, "members' key change signatures held",
        ctx -> list(ctx, pools.groupKeyChangeSignatures().contents()));
    routes.post("/edvt/v1/beacon/pool/group_key_change_signatures", EDVT_TAG, "submit a member's key change signature",
        ctx -> submitOne(ctx, GroupKeyChangeSignature.TYPE, pools.groupKeyChangeSignatures()));
  }

  private SpecMilestone headMilestone() {
    return versions.milestoneAtSlot(chain.head().slot());
  }

  private SchemaDefinitionsFulu schemas() {
    return versions.forMilestone(headMilestone()).schemas();
  }

  private void attestations(Context ctx) {
    Optional<UInt64> slot = Optional.ofNullable(ctx.queryParam("slot")).map(s -> Params.uint64("slot", s));
    Optional<UInt64> committee = Optional.ofNullable(ctx.queryParam("committee_index"))
        .map(s -> Params.uint64("committee_index", s));
    List<Attestation> selected = new ArrayList<>();
    for (Attestation a : pools.attestations().contents()) {
      boolean slotMatches = slot.map(a.data().slot()::equals).orElse(true);
      boolean committeeMatches = committee.map(c -> c.isLessThan(UInt64.valueOf(a.committeeBits().length()))
          && a.committeeBits().get(c.intValue())).orElse(true);
      if (slotMatches && committeeMatches) {
        selected.add(a);
      }
    }
    versionedList(ctx, selected);
  }

  private void submitAttestations(Context ctx) {
    requireVersionHeader(ctx);
    submitMany(ctx, SingleAttestation.TYPE, pools.attestations());
  }

  /** v2 submissions name their fork; a fork this node does not run is a 400. */
  private void requireVersionHeader(Context ctx) {
    String version = ctx.header(Responses.CONSENSUS_VERSION);
    if (version == null) {
      throw ApiException.badRequest("the " + Responses.CONSENSUS_VERSION + " header is required");
    }
    if (SpecMilestone.byForkName(version).isEmpty()) {
      throw ApiException.badRequest(Responses.CONSENSUS_VERSION + " '" + version + "' is not a fork this node runs");
    }
  }

  private void list(Context ctx, List<? extends SszContainer> values) {
    Responses.data(ctx, array(values));
  }

  private void versionedList(Context ctx, List<? extends SszContainer> values) {
    SpecMilestone milestone = headMilestone();
    ctx.header(Responses.CONSENSUS_VERSION, milestone.forkName());
    Responses.json(ctx, 200, Responses.envelope(milestone, null, array(values)));
  }

  private static ArrayNode array(List<? extends SszContainer> values) {
    ArrayNode data = ApiJson.array();
    values.forEach(v -> data.add(ApiJson.of(v)));
    return data;
  }

  private <T> void submitOne(Context ctx, SszType<? extends T> type, OperationPool<?, T> pool) {
    MediaTypes.requireJsonBody(ctx);
    T operation = ApiJson.read(ApiJson.parse(ctx.bodyAsBytes()), type, "the body");
    if (pool.submit(operation) instanceof SubmitResult.Rejected rejected) {
      throw ApiException.badRequest("Invalid operation: " + rejected.reason());
    }
    ctx.status(200);
  }

  private <T> void submitMany(Context ctx, SszType<T> type, OperationPool<?, T> pool) {
    MediaTypes.requireJsonBody(ctx);
    JsonNode body = ApiJson.parse(ctx.bodyAsBytes());
    if (!body.isArray()) {
      throw ApiException.badRequest("the body must be a JSON array of " + type.name());
    }
    // read every item first: a malformed item fails the request before anything is submitted
    List<T> operations = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      operations.add(ApiJson.read(body.get(i), type, "body[" + i + "]"));
    }
    Responses.submitted(ctx, operations, op -> pool.submit(op) instanceof SubmitResult.Rejected rejected
        ? Optional.of(rejected.reason()) : Optional.empty());
  }
}
