package io.edvt.reftests.networking;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.validation.GossipContext;
import io.edvt.networking.eth2.validation.GossipValidators;
import io.edvt.networking.eth2.validation.PayloadStatus;
import io.edvt.networking.eth2.validation.SeenCaches;
import io.edvt.networking.eth2.validation.ValidationResult;
import io.edvt.reftests.ReferenceSpecs;
import io.edvt.reftests.TestCase;
import io.edvt.reftests.TestExecutor;
import io.edvt.reftests.state.StateCases;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import io.edvt.spec.datastructures.datacolumns.PartialDataColumnGroupID;
import io.edvt.spec.datastructures.datacolumns.PartialDataColumnHeader;
import io.edvt.spec.datastructures.datacolumns.PartialDataColumnSidecar;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.operations.ProposerSlashing;
import io.edvt.spec.datastructures.operations.SignedBLSToExecutionChange;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import io.edvt.spec.datastructures.operations.SingleAttestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.datastructures.validator.SignedContributionAndProof;
import io.edvt.spec.datastructures.validator.SyncCommitteeMessage;
import io.edvt.spec.edvt.MultiForkStateTransition;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.execution.ExecutionEngine;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The {@code networking/gossip_*} handlers ({@code tests/formats/networking/gossip_validation.md}):
 * builds the minimal store from {@code state} and {@code blocks} (the first block is the anchor,
 * whose state is {@code state}; each further block's state is its parent's state run through
 * {@code state_transition}, except for blocks marked {@code failed}), sets the finalized checkpoint
 * (the anchor's, as {@code get_forkchoice_store} does, unless {@code finalized_checkpoint} is
 * given), preloads {@code seen_partial_data_column_headers}, then validates each message at
 * {@code current_time_ms + offset_ms} with this client's validator for the topic
 * ({@code io.edvt.networking.eth2.validation}), sharing one {@code Seen} across the messages.
 *
 * <p>A case passes only if every message gets the expected result <em>and</em>, for ignore and
 * reject, exactly the expected reason: a rejection must come from the rule the case is about.
 */
public final class GossipValidationExecutor implements TestExecutor {
  @Override
  public void run(TestCase c) {
    // a case with its own config.yaml (a blob schedule, a Capella epoch) runs with that config
    SpecVersions versions = c.has("config.yaml")
        ? new SpecVersions(ReferenceSpecs.config(c.preset()).withOverrides(caseConfig(c)))
        : ReferenceSpecs.versions(c.preset());
    SpecFulu spec = versions.forMilestone(c.milestone());
    SchemaDefinitionsFulu schemas = spec.schemas();
    BeaconState state = StateCases.state(spec, c, "state");
    JsonNode meta = c.yaml("meta.yaml");
    String topic = meta.path("topic").asText();

    VectorStore store = new VectorStore();
    MultiForkStateTransition transition = new MultiForkStateTransition(versions);
    Bytes32 anchorRoot = null;
    java.util.Map<Bytes32, BeaconState> states = new java.util.HashMap<>();
    for (JsonNode entry : meta.path("blocks")) {
      SignedBeaconBlock block = schemas.signedBeaconBlock().deserialize(c.ssz(entry.path("block").asText()));
      Bytes32 root = block.message().hashTreeRoot();
      boolean failed = entry.path("failed").asBoolean(false);
      Optional<PayloadStatus> payload = entry.has("payload_status")
          ? Optional.of(PayloadStatus.valueOf(entry.get("payload_status").asText().toUpperCase(Locale.ROOT)))
          : Optional.empty();
      Optional<BeaconState> post;
      if (anchorRoot == null) {
        anchorRoot = root;
        post = Optional.of(state);
      } else if (failed) {
        post = Optional.empty();
      } else {
        BeaconState parent = states.get(block.message().parentRoot());
        if (parent == null) {
          throw new AssertionError("block " + root + " has no parent state in the vector's blocks");
        }
        post = Optional.of(transition.stateTransition(parent, block, true, SignatureVerifier.NONE,
            ExecutionEngine.always(true)));
      }
      post.ifPresent(s -> states.put(root, s));
      store.add(block, failed ? Optional.empty() : post, payload);
    }
    store.finalized(finalizedCheckpoint(c, meta, spec, state, anchorRoot, schemas));

    SeenCaches seen = new SeenCaches();
    for (JsonNode h : meta.path("seen_partial_data_column_headers")) {
      PartialDataColumnHeader header = schemas.partialDataColumnHeader().deserialize(c.ssz(h.path("header").asText()));
      seen.partialDataColumnHeaders.put(Bytes32.fromHexString(h.path("block_root").asText()), header);
    }
    GossipValidators validators = new GossipValidators(new GossipContext(versions, store, seen));

    long baseTime = meta.path("current_time_ms").asLong();
    int i = 0;
    for (JsonNode m : meta.path("messages")) {
      long now = baseTime + m.path("offset_ms").asLong();
      String file = m.path("message").asText();
      ValidationResult result = validate(topic, validators, schemas, c, state, m, file, now);
      String expected = m.path("expected").asText();
      String expectedReason = m.path("reason").asText("");
      String actual = switch (result) {
        case ValidationResult.Accept a -> "valid";
        case ValidationResult.Ignore ig -> "ignore";
        case ValidationResult.Reject r -> "reject";
      };
      if (!actual.equals(expected) || !result.reason().equals(expectedReason)) {
        throw new AssertionError("message " + i + " (" + file + "): expected " + expected
            + (expectedReason.isEmpty() ? "" : " (" + expectedReason + ")") + ", got " + result);
      }
      i++;
    }
  }

  /**
   * The case's {@code config.yaml} as overrides of its preset's built-in config (the file is a
   * whole config without {@code CONFIG_NAME}). Scalars keep their exact text ({@code 0x00000001}
   * stays hex), lists such as {@code BLOB_SCHEDULE} are passed as YAML flow text.
   */
  static java.util.Map<String, String> caseConfig(TestCase c) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    try (com.fasterxml.jackson.core.JsonParser p = new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()
        .createParser(c.dir().resolve("config.yaml").toFile())) {
      if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
        throw new AssertionError("config.yaml is not a mapping");
      }
      for (var t = p.nextToken(); t != com.fasterxml.jackson.core.JsonToken.END_OBJECT; t = p.nextToken()) {
        String key = p.currentName();
        String value = rawText(p, p.nextToken());
        if (!key.equals("PRESET_BASE") && !key.equals("CONFIG_NAME")) {
          out.put(key, value);
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out;
  }

  private static String rawText(com.fasterxml.jackson.core.JsonParser p, com.fasterxml.jackson.core.JsonToken t)
      throws java.io.IOException {
    return switch (t) {
      case START_ARRAY -> {
        List<String> items = new java.util.ArrayList<>();
        for (var x = p.nextToken(); x != com.fasterxml.jackson.core.JsonToken.END_ARRAY; x = p.nextToken()) {
          items.add(rawText(p, x));
        }
        yield "[" + String.join(", ", items) + "]";
      }
      case START_OBJECT -> {
        List<String> items = new java.util.ArrayList<>();
        for (var x = p.nextToken(); x != com.fasterxml.jackson.core.JsonToken.END_OBJECT; x = p.nextToken()) {
          String k = p.currentName();
          items.add(k + ": " + rawText(p, p.nextToken()));
        }
        yield "{" + String.join(", ", items) + "}";
      }
      default -> p.getText();
    };
  }

  private static Checkpoint finalizedCheckpoint(TestCase c, JsonNode meta, SpecFulu spec, BeaconState state,
      Bytes32 anchorRoot, SchemaDefinitionsFulu schemas) {
    JsonNode f = meta.path("finalized_checkpoint");
    if (f.isMissingNode() && anchorRoot == null) {
      return state.finalizedCheckpoint(); // topics validated against the state alone have no store
    }
    if (f.isMissingNode()) {
      // get_forkchoice_store: the anchor as justified and finalized checkpoint at the anchor state's epoch
      return Checkpoint.create(spec.misc().computeEpochAtSlot(state.slot()), anchorRoot);
    }
    UInt64 epoch = UInt64.valueOf(f.path("epoch").asText());
    Bytes32 root = f.has("root") ? Bytes32.fromHexString(f.get("root").asText())
        : schemas.signedBeaconBlock().deserialize(c.ssz(f.path("block").asText())).message().hashTreeRoot();
    return Checkpoint.create(epoch, root);
  }

  private static <T> T read(SszType<T> type, TestCase c, String file) {
    return type.deserialize(c.ssz(file));
  }

  private static ValidationResult validate(String topic, GossipValidators v, SchemaDefinitionsFulu schemas, TestCase c,
      BeaconState state, JsonNode m, String file, long now) {
    long subnet = m.path("subnet_id").asLong(-1);
    return switch (topic) {
      case "beacon_block" -> v.beaconBlock.validate(state, read(schemas.signedBeaconBlock(), c, file), now);
      case "beacon_aggregate_and_proof" -> v.aggregateAndProof.validate(state,
          read(schemas.signedAggregateAndProof(), c, file), now);
      case "beacon_attestation" -> v.attestation.validate(state, read(SingleAttestation.TYPE, c, file), subnet, now);
      case "voluntary_exit" -> v.voluntaryExit.validate(state, (SignedVoluntaryExit) read(schemas.signedVoluntaryExit(),
          c, file));
      case "proposer_slashing" -> v.proposerSlashing.validate(state, (ProposerSlashing) read(schemas.proposerSlashing(),
          c, file));
      case "attester_slashing" -> v.attesterSlashing.validate(state, (AttesterSlashing) read(schemas.attesterSlashing(),
          c, file));
      case "bls_to_execution_change" -> v.blsToExecutionChange.validate(state,
          read(SignedBLSToExecutionChange.TYPE, c, file), now);
      case "sync_committee" -> v.syncCommitteeMessage.validate(state, read(SyncCommitteeMessage.TYPE, c, file), subnet,
          now);
      case "sync_committee_contribution_and_proof" -> v.syncContribution.validate(state,
          (SignedContributionAndProof) read(schemas.signedContributionAndProof(), c, file), now);
      case "data_column_sidecar" -> v.dataColumnSidecar.validate(state,
          (DataColumnSidecar) read(schemas.dataColumnSidecar(), c, file), subnet, now);
      case "partial_data_column_sidecar" -> v.partialDataColumnSidecar.validate(state,
          (PartialDataColumnSidecar) read(schemas.partialDataColumnSidecar(), c, file), now,
          read(PartialDataColumnGroupID.TYPE, c, m.path("group_id").asText()),
          UInt64.valueOf(m.path("column_index").asLong()));
      default -> throw new AssertionError("no validator for topic '" + topic + "'");
    };
  }

  /** The handlers this executor runs: every {@code gossip_*} handler of the networking runner. */
  public static List<String> handlers() {
    return List.of("gossip_attester_slashing", "gossip_beacon_aggregate_and_proof", "gossip_beacon_attestation",
        "gossip_beacon_block", "gossip_bls_to_execution_change", "gossip_data_column_sidecar",
        "gossip_partial_data_column_sidecar", "gossip_proposer_slashing", "gossip_sync_committee_contribution_and_proof",
        "gossip_sync_committee_message", "gossip_voluntary_exit");
  }
}
