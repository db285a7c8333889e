package io.edvt.reftests.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.infrastructure.ssz.SszDiff;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.reftests.ReferenceSpecs;
import io.edvt.reftests.SkipCase;
import io.edvt.reftests.SpecRejection;
import io.edvt.reftests.TestCase;
import io.edvt.reftests.TestExecutor;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.execution.ConsolidationRequest;
import io.edvt.spec.datastructures.execution.DepositRequest;
import io.edvt.spec.datastructures.execution.WithdrawalRequest;
import io.edvt.spec.datastructures.operations.SignedBLSToExecutionChange;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.logic.BlockProcessorEdvt;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.execution.ExecutionEngine;
import io.edvt.spec.logic.versions.fulu.BlockProcessorFulu;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code operations} runner: applies one operation to {@code pre} with the matching
 * {@code process_*} function and compares the committed state with {@code post}, or, when the
 * case has no {@code post}, expects the operation to be rejected by the spec
 * ({@link SpecRejection}: a failed assertion, a signature that does not verify among them, or a
 * {@code uint64} overflow); any other exception is a bug and fails the case.
 *
 * <p>Signatures are checked unless {@code meta.yaml} has {@code bls_setting: 2}; with no setting
 * (or 0) the vectors' signatures are valid, so checking them costs time but tests more.
 */
public final class OperationsExecutor implements TestExecutor {

  /**
   * How one handler reads its input ({@code <inputName>.ssz_snappy}, of {@code type}) and which
   * processing call it makes.
   */
  public record Handler<T>(String inputName, SszType<T> type, Call<T> call) {
    /** Reads the case's input and processes it on {@code state}. */
    public void run(MutableBeaconState state, TestCase c, SignatureVerifier verifier) {
      call.apply(state, type.deserialize(c.ssz(inputName)), verifier, c);
    }

    /** Processes {@code input}, a value of {@link #type()}, on {@code state}. */
    @SuppressWarnings("unchecked")
    public void process(MutableBeaconState state, Object input, SignatureVerifier verifier, TestCase c) {
      call.apply(state, (T) input, verifier, c);
    }
  }

  /** One processing call of a handler. */
  @FunctionalInterface
  public interface Call<T> {
    void apply(MutableBeaconState state, T input, SignatureVerifier verifier, TestCase c);
  }

  private static <T> Handler<T> handler(String inputName, SszType<T> type, Call<T> call) {
    return new Handler<>(inputName, type, call);
  }

  private static final Map<String, Map<String, Handler<?>>> HANDLERS = new ConcurrentHashMap<>();

  /** The handlers of {@code milestone} for {@code preset}'s built-in config (built once per preset and milestone). */
  static Map<String, Handler<?>> handlers(String preset, SpecMilestone milestone) {
    return HANDLERS.computeIfAbsent(preset + "/" + milestone, k -> handlers(milestone, ReferenceSpecs.versions(preset)));
  }

  /**
   * The handlers of {@code milestone} by handler folder name, bound to {@code versions}' logic: the
   * format's table for Fulu, and EDVT's group operations.
   */
  public static Map<String, Handler<?>> handlers(SpecMilestone milestone, SpecVersions versions) {
    Map<String, Handler<?>> out = new HashMap<>(fuluHandlers(versions.forMilestone(milestone)));
    switch (milestone) {
      case FULU -> { }
      case EDVT -> out.putAll(groupHandlers(versions.edvt()));
    }
    return Map.copyOf(out);
  }

  private static Map<String, Handler<?>> fuluHandlers(SpecFulu spec) {
    SchemaDefinitionsFulu schemas = spec.schemas();
    BlockProcessorFulu p = spec.blockProcessor();
    return Map.ofEntries(
        Map.entry("attestation", handler("attestation", schemas.attestation(),
            (s, op, v, c) -> p.processAttestation(s, op, v))),
        Map.entry("attester_slashing", handler("attester_slashing", schemas.attesterSlashing(),
            (s, op, v, c) -> p.processAttesterSlashing(s, op, v))),
        Map.entry("block_header", handler("block", schemas.beaconBlock(),
            (s, op, v, c) -> p.processBlockHeader(s, op))),
        Map.entry("bls_to_execution_change", handler("address_change", SignedBLSToExecutionChange.TYPE,
            (s, op, v, c) -> p.processBlsToExecutionChange(s, op, v))),
        Map.entry("consolidation_request", handler("consolidation_request", ConsolidationRequest.TYPE,
            (s, op, v, c) -> p.processConsolidationRequest(s, op))),
        Map.entry("deposit_request", handler("deposit_request", DepositRequest.TYPE,
            (s, op, v, c) -> p.processDepositRequest(s, op))),
        Map.entry("execution_payload", handler("body", schemas.beaconBlockBody(),
            (s, op, v, c) -> p.processExecutionPayload(s, op, engineOf(c)))),
        Map.entry("proposer_slashing", handler("proposer_slashing", schemas.proposerSlashing(),
            (s, op, v, c) -> p.processProposerSlashing(s, op, v))),
        Map.entry("sync_aggregate", handler("sync_aggregate", schemas.syncAggregate(),
            (s, op, v, c) -> p.processSyncAggregate(s, op, v))),
        Map.entry("voluntary_exit", handler("voluntary_exit", schemas.signedVoluntaryExit(),
            (s, op, v, c) -> p.processVoluntaryExit(s, op, v))),
        Map.entry("withdrawal_request", handler("withdrawal_request", WithdrawalRequest.TYPE,
            (s, op, v, c) -> p.processWithdrawalRequest(s, op))),
        Map.entry("withdrawals", handler("execution_payload", schemas.executionPayload(),
            (s, op, v, c) -> p.processWithdrawals(s, op))));
  }

  private static Map<String, Handler<?>> groupHandlers(SpecEdvt edvt) {
    SchemaDefinitionsEdvt schemas = edvt.schemas();
    BlockProcessorEdvt p = edvt.blockProcessor();
    return Map.of(
        "group_registration", handler("group_registration", schemas.signedGroupRegistration(),
            (s, op, v, c) -> p.processGroupRegistration(s, op, v)),
        "group_key_change", handler("group_key_change", schemas.signedGroupKeyChange(),
            (s, op, v, c) -> p.processGroupKeyChange(s, op, v)));
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
    Handler<?> handler = handlers(c.preset(), c.milestone()).get(c.handler());
    if (handler == null) {
      throw new SkipCase("no operations handler '" + c.handler() + "' in fork " + c.fork());
    }
    SpecFulu spec = ReferenceSpecs.spec(c.preset(), c.milestone());
    SszType<? extends BeaconState> stateType = spec.schemas().beaconState();
    BeaconState pre = stateType.deserialize(c.ssz("pre"));
    MutableBeaconState state = new MutableBeaconState(pre);
    boolean expectValid = c.has("post.ssz_snappy");

    try {
      handler.run(state, c, verifierFor(c));
    } catch (RuntimeException e) {
      SpecRejection rejection = SpecRejection.require(e);
      if (expectValid) {
        throw new AssertionError("operation rejected, but the case has a post-state: " + rejection, e);
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
          + "; differing fields: " + SszDiff.describe(expected, actual, 8));
    }
  }

  /** {@code bls_setting}: absent or 0 (valid signatures, checked here), 1 (must check), 2 (must not). */
  public static SignatureVerifier verifierFor(TestCase c) {
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
