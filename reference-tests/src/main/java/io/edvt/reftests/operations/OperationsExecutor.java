package io.edvt.reftests.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.reftests.ReferenceSpecs;
import io.edvt.reftests.SkipCase;
import io.edvt.reftests.TestCase;
import io.edvt.reftests.TestExecutor;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.BeaconBlockBody;
import io.edvt.spec.datastructures.blocks.SyncAggregate;
import io.edvt.spec.datastructures.execution.ConsolidationRequest;
import io.edvt.spec.datastructures.execution.DepositRequest;
import io.edvt.spec.datastructures.execution.ExecutionPayload;
import io.edvt.spec.datastructures.execution.WithdrawalRequest;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.operations.ProposerSlashing;
import io.edvt.spec.datastructures.operations.SignedBLSToExecutionChange;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.execution.ExecutionEngine;
import io.edvt.spec.logic.versions.fulu.BlockProcessorFulu;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupRegistration;
import io.edvt.spec.edvt.logic.BlockProcessorEdvt;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code operations} runner: applies one operation to {@code pre} with the matching
 * {@code process_*} function and compares the committed state with {@code post}, or, when the
 * case has no {@code post}, expects the operation to be rejected ({@link StateTransitionException},
 * which includes a signature that does not verify).
 *
 * <p>Signatures are checked unless {@code meta.yaml} has {@code bls_setting: 2}; with no setting
 * (or 0) the vectors' signatures are valid, so checking them costs time but tests more.
 */
public final class OperationsExecutor implements TestExecutor {

  /** How one handler reads its input and which processing call it makes. */
  private record Handler<T>(
      String inputName, Function<SchemaDefinitionsFulu, SszType<T>> type, Call<T> call) {
    void run(SpecFulu spec, MutableBeaconState state, TestCase c, SignatureVerifier verifier) {
      T input = type.apply(spec.schemas()).deserialize(c.ssz(inputName));
      call.apply(spec.blockProcessor(), state, input, verifier, c);
    }
  }

  @FunctionalInterface
  private interface Call<T> {
    void apply(BlockProcessorFulu processor, MutableBeaconState state, T input, SignatureVerifier verifier, TestCase c);
  }

  private static <T> Handler<T> handler(String inputName, Function<SchemaDefinitionsFulu, SszType<T>> type, Call<T> call) {
    return new Handler<>(inputName, type, call);
  }

  /** The handlers of the format's table that exist in Fulu, by handler folder name. */
  private static final Map<String, Handler<?>> HANDLERS = Map.ofEntries(
      Map.entry("attestation", handler("attestation", SchemaDefinitionsFulu::attestation,
          (p, s, op, v, c) -> p.processAttestation(s, (Attestation) op, v))),
      Map.entry("attester_slashing", handler("attester_slashing", SchemaDefinitionsFulu::attesterSlashing,
          (p, s, op, v, c) -> p.processAttesterSlashing(s, (AttesterSlashing) op, v))),
      Map.entry("block_header", handler("block", SchemaDefinitionsFulu::beaconBlock,
          (p, s, op, v, c) -> p.processBlockHeader(s, (BeaconBlock) op))),
      Map.entry("bls_to_execution_change", handler("address_change", x -> SignedBLSToExecutionChange.TYPE,
          (p, s, op, v, c) -> p.processBlsToExecutionChange(s, (SignedBLSToExecutionChange) op, v))),
      Map.entry("consolidation_request", handler("consolidation_request", x -> ConsolidationRequest.TYPE,
          (p, s, op, v, c) -> p.processConsolidationRequest(s, (ConsolidationRequest) op))),
      Map.entry("deposit_request", handler("deposit_request", x -> DepositRequest.TYPE,
          (p, s, op, v, c) -> p.processDepositRequest(s, (DepositRequest) op))),
      Map.entry("execution_payload", handler("body", OperationsExecutor::bodyType,
          (p, s, op, v, c) -> p.processExecutionPayload(s, (BeaconBlockBody) op, engineOf(c)))),
      Map.entry("proposer_slashing", handler("proposer_slashing", OperationsExecutor::proposerSlashingType,
          (p, s, op, v, c) -> p.processProposerSlashing(s, (ProposerSlashing) op, v))),
      Map.entry("sync_aggregate", handler("sync_aggregate", SchemaDefinitionsFulu::syncAggregate,
          (p, s, op, v, c) -> p.processSyncAggregate(s, (SyncAggregate) op, v))),
      Map.entry("voluntary_exit", handler("voluntary_exit", OperationsExecutor::voluntaryExitType,
          (p, s, op, v, c) -> p.processVoluntaryExit(s, (SignedVoluntaryExit) op, v))),
      Map.entry("withdrawal_request", handler("withdrawal_request", x -> WithdrawalRequest.TYPE,
          (p, s, op, v, c) -> p.processWithdrawalRequest(s, (WithdrawalRequest) op))),
      Map.entry("withdrawals", handler("execution_payload", OperationsExecutor::payloadType,
          (p, s, op, v, c) -> p.processWithdrawals(s, (ExecutionPayload) op))),
      Map.entry("group_registration", handler("group_registration", x -> edvtSchemas(x).signedGroupRegistration(),
          (p, s, op, v, c) -> edvtProcessor(p).processGroupRegistration(s, (SignedGroupRegistration) op, v))),
      Map.entry("group_key_change", handler("group_key_change", x -> edvtSchemas(x).signedGroupKeyChange(),
          (p, s, op, v, c) -> edvtProcessor(p).processGroupKeyChange(s, (SignedGroupKeyChange) op, v))));

  private static SchemaDefinitionsEdvt edvtSchemas(SchemaDefinitionsFulu schemas) {
    if (!(schemas instanceof SchemaDefinitionsEdvt edvt)) {
      throw new SkipCase("group operations exist only in fork edvt");
    }
    return edvt;
  }

  private static BlockProcessorEdvt edvtProcessor(BlockProcessorFulu processor) {
    if (!(processor instanceof BlockProcessorEdvt edvt)) {
      throw new SkipCase("group operations exist only in fork edvt");
    }
    return edvt;
  }

  @SuppressWarnings("unchecked")
  private static SszType<Object> proposerSlashingType(SchemaDefinitionsFulu schemas) {
    return (SszType<Object>) (SszType<?>) schemas.proposerSlashing();
  }

  @SuppressWarnings("unchecked")
  private static SszType<Object> voluntaryExitType(SchemaDefinitionsFulu schemas) {
    return (SszType<Object>) (SszType<?>) schemas.signedVoluntaryExit();
  }

  @SuppressWarnings("unchecked")
  private static SszType<Object> bodyType(SchemaDefinitionsFulu schemas) {
    return (SszType<Object>) (SszType<?>) schemas.beaconBlockBody();
  }

  @SuppressWarnings("unchecked")
  private static SszType<Object> payloadType(SchemaDefinitionsFulu schemas) {
    return (SszType<Object>) (SszType<?>) schemas.executionPayload();
  }

  /** The mocked engine of an {@code execution_payload} case: {@code execution.yaml}'s {@code execution_valid}. */
  private static ExecutionEngine engineOf(TestCase c) {
    JsonNode valid = c.yaml("execution.yaml").get("execution_valid");
    if (valid == null || !valid.isBoolean()) {
      throw new IllegalStateException("execution.yaml has no boolean execution_valid: " + c.dir());
    }
    return ExecutionEngine.always(valid.asBoolean());
  }


  @Override
  public void run(TestCase c) {
    Handler<?> handler = HANDLERS.get(c.handler());
    if (handler == null) {
      throw new SkipCase("no operations handler '" + c.handler() + "' in fork " + c.fork());
    }
    SpecFulu spec = ReferenceSpecs.spec(c.preset(), c.fork());
    SszType<? extends BeaconState> stateType = spec.schemas().beaconState();
    BeaconState pre = stateType.deserialize(c.ssz("pre"));
    MutableBeaconState state = new MutableBeaconState(pre);
    boolean expectValid = c.has("post.ssz_snappy");

    try {
      handler.run(spec, state, c, verifierFor(c));
    } catch (StateTransitionException e) {
      if (expectValid) {
        throw new AssertionError("operation rejected, but the case has a post-state: " + e.getMessage(), e);
      }
      return;
    }
    if (!expectValid) {
      throw new AssertionError("operation accepted, but the case has no post-state (it must be rejected)");
    }
    BeaconState expected = stateType.deserialize(c.ssz("post"));
    BeaconState actual = state.commit();
    if (!actual.hashTreeRoot().equals(expected.hashTreeRoot())) {
      throw new AssertionError("post-state root " + actual.hashTreeRoot() + " expected " + expected.hashTreeRoot()
          + "; differing fields: " + StateDiff.describe(expected, actual));
    }
  }

  /** {@code bls_setting}: absent or 0 (valid signatures, checked here), 1 (must check), 2 (must not). */
  private static SignatureVerifier verifierFor(TestCase c) {
    if (!c.has("meta.yaml")) {
      return SignatureVerifier.SIMPLE;
    }
    JsonNode setting = c.yaml("meta.yaml").get("bls_setting");
    int value = setting == null ? 0 : setting.asInt();
    return switch (value) {
      case 0, 1 -> SignatureVerifier.SIMPLE;
      case 2 -> SignatureVerifier.NONE;
      default -> throw new IllegalStateException("unknown bls_setting " + value + " in " + c.dir());
    };
  }
}
