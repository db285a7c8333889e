package io.edvt.spec.schemas;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.CURRENT_SYNC_COMMITTEE_GINDEX_ELECTRA;
import static io.edvt.spec.datastructures.SpecTypes.EXECUTION_PAYLOAD_GINDEX;
import static io.edvt.spec.datastructures.SpecTypes.FINALIZED_ROOT_GINDEX_ELECTRA;
import static io.edvt.spec.datastructures.SpecTypes.NEXT_SYNC_COMMITTEE_GINDEX_ELECTRA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.ssz.SszType;
import io.edvt.infrastructure.ssz.types.BitlistType;
import io.edvt.infrastructure.ssz.types.BitvectorType;
import io.edvt.infrastructure.ssz.types.ByteVectorType;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.infrastructure.ssz.types.SszTypes;
import io.edvt.infrastructure.ssz.types.VectorType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.config.SpecConfigLoader;
import io.edvt.spec.datastructures.blocks.BeaconBlockBody;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlockHeader;
import io.edvt.spec.datastructures.operations.ProposerSlashing;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateElectra;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.SyncCommittee;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaDefinitionsTest {
  private static final SpecConfig MINIMAL = SpecConfigLoader.load("minimal");

  @ParameterizedTest
  @CsvSource({
    // preset, attesters per slot, committees, sync committee, lookahead, historical roots, mixes,
    // pending partial withdrawals limit
    "minimal, 8192, 4, 32, 16, 64, 64, 64",
    "mainnet, 131072, 64, 512, 64, 8192, 65536, 134217728"
  })
  void buildsEveryTypeWithThePresetsLimits(
      String preset,
      long attesters,
      int committees,
      int syncCommitteeSize,
      int lookahead,
      int historicalRoots,
      int mixes,
      long pendingPartials) {
    SchemaDefinitionsFulu schemas = new SchemaDefinitionsFulu(SpecConfigLoader.load(preset));
    Map<String, SszType<?>> types = schemas.typesByName();
    assertThat(types).hasSize(59);
    assertThat(types.values()).doesNotContainNull();
    types.forEach((name, type) -> assertThat(type.name()).isEqualTo(name));

    ContainerType<?> attestation = schemas.attestation();
    assertThat(limit(attestation, "aggregation_bits")).isEqualTo(attesters);
    assertThat(length(attestation, "committee_bits")).isEqualTo(committees);
    assertThat(limit(schemas.indexedAttestation(), "attesting_indices"))
        .isEqualTo(attesters);
    assertThat(length(schemas.syncCommittee(), "pubkeys"))
        .isEqualTo(syncCommitteeSize);
    assertThat(length(schemas.syncCommitteeContribution(), "aggregation_bits"))
        .isEqualTo(syncCommitteeSize / 4);

    ContainerType<?> state = schemas.beaconState();
    assertThat(state.fieldCount()).isEqualTo(38);
    assertThat(state.fieldNames().get(BeaconStateFulu.PROPOSER_LOOKAHEAD))
        .isEqualTo("proposer_lookahead");
    assertThat(length(state, "proposer_lookahead")).isEqualTo(lookahead);
    assertThat(length(state, "block_roots")).isEqualTo(historicalRoots);
    assertThat(length(state, "randao_mixes")).isEqualTo(mixes);
    assertThat(limit(state, "validators")).isEqualTo(1L << 40);
    assertThat(limit(state, "historical_roots")).isEqualTo(1L << 24);
    assertThat(limit(state, "pending_partial_withdrawals"))
        .isEqualTo(pendingPartials);
    assertThat(state.defaultValue()).isInstanceOf(BeaconStateFulu.class);

    // Fulu types: cells of 64 field elements, 4096 blobs, 128 columns, proof depth 4.
    assertThat(schemas.cell().length()).isEqualTo(2048);
    ContainerType<?> sidecar = schemas.dataColumnSidecar();
    assertThat(limit(sidecar, "column")).isEqualTo(4096);
    assertThat(length(sidecar, "kzg_commitments_inclusion_proof")).isEqualTo(4);
    assertThat(limit(schemas.dataColumnsByRootIdentifier(), "columns"))
        .isEqualTo(128);
    assertThat(length(schemas.matrixEntry(), "cell")).isEqualTo(2048);
    assertThat(limit(schemas.partialDataColumnSidecar(), "header")).isEqualTo(1);

    // Light-client branches: floorlog2 of the Electra gindices.
    assertThat(length(schemas.lightClientUpdate(), "finality_branch")).isEqualTo(7);
    assertThat(length(schemas.lightClientUpdate(), "next_sync_committee_branch"))
        .isEqualTo(6);
    assertThat(length(schemas.lightClientBootstrap(), "current_sync_committee_branch"))
        .isEqualTo(6);
    assertThat(length(schemas.lightClientHeader(), "execution_branch")).isEqualTo(4);
  }

  @ParameterizedTest
  @ValueSource(strings = {"minimal", "mainnet"})
  void lightClientGindicesMatchTheFuluStateAndBody(String preset) {
    SchemaDefinitionsFulu schemas = new SchemaDefinitionsFulu(SpecConfigLoader.load(preset));
    ContainerType<?> state = schemas.beaconState();
    assertThat(gindex(state, "finalized_checkpoint", "root"))
        .isEqualTo(FINALIZED_ROOT_GINDEX_ELECTRA);
    assertThat(gindex(state, "current_sync_committee"))
        .isEqualTo(CURRENT_SYNC_COMMITTEE_GINDEX_ELECTRA);
    assertThat(gindex(state, "next_sync_committee")).isEqualTo(NEXT_SYNC_COMMITTEE_GINDEX_ELECTRA);
    assertThat(gindex(schemas.beaconBlockBody(), "execution_payload"))
        .isEqualTo(EXECUTION_PAYLOAD_GINDEX);
  }

  @Test
  void electraHasItsStateAndNoDataColumnTypes() {
    SchemaDefinitionsElectra electra = new SchemaDefinitionsElectra(MINIMAL);
    assertThat(electra.beaconState().fieldCount()).isEqualTo(BeaconState.FIELD_COUNT).isEqualTo(37);
    assertThat(electra.beaconState().defaultValue()).isExactlyInstanceOf(BeaconStateElectra.class);
    assertThat(electra.typesByName())
        .hasSize(52)
        .doesNotContainKeys("DataColumnSidecar", "MatrixEntry");
    assertThat(electra.typesByName().get("BeaconState")).isSameAs(electra.beaconState());
  }

  @Test
  void equalLayoutsAreTheSameTypeObjectAcrossInstancesAndMilestones() {
    SchemaDefinitionsFulu a = new SchemaDefinitionsFulu(MINIMAL);
    SchemaDefinitionsFulu b = new SchemaDefinitionsFulu(SpecConfigLoader.load("minimal"));
    SchemaDefinitionsElectra electra = new SchemaDefinitionsElectra(MINIMAL);
    assertThat(b.beaconState()).isSameAs(a.beaconState());
    assertThat(b.signedBeaconBlock()).isSameAs(a.signedBeaconBlock());
    assertThat(electra.syncCommittee()).isSameAs(a.syncCommittee());
    assertThat(electra.executionPayloadHeader()).isSameAs(a.executionPayloadHeader());
    assertThat(electra.signedBeaconBlock()).isSameAs(a.signedBeaconBlock());
    assertThat(electra.beaconState()).isNotSameAs(a.beaconState());

    SchemaDefinitionsFulu mainnet = new SchemaDefinitionsFulu(SpecConfigLoader.load("mainnet"));
    assertThat(mainnet.syncCommittee()).isNotSameAs(a.syncCommittee());
    // ... so a value made with one minimal instance fits a container of another.
    SyncCommittee committee = electra.syncCommittee().defaultValue();
    BeaconStateFulu state = a.beaconState().defaultValue();
    assertThat(state.withNextSyncCommittee(committee).nextSyncCommittee()).isSameAs(committee);
    SyncCommittee mainnetCommittee = mainnet.syncCommittee().defaultValue();
    assertThatThrownBy(() -> state.withNextSyncCommittee(mainnetCommittee))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void signedEnvelopesAreFixedThroughFuluButReachedThroughGetters() {
    SchemaDefinitionsFulu schemas = new SchemaDefinitionsFulu(MINIMAL);
    assertThat(schemas.signedBeaconBlockHeader()).isSameAs(SignedBeaconBlockHeader.TYPE);
    assertThat(schemas.proposerSlashing()).isSameAs(ProposerSlashing.TYPE);
    assertThat(schemas.signedVoluntaryExit()).isSameAs(SignedVoluntaryExit.TYPE);
    assertThat(schemas.typesByName().get("ProposerSlashing")).isSameAs(ProposerSlashing.TYPE);
    // the body and the data column types read them through the getters a later milestone overrides
    assertThat(((ListType<?>) fieldType(schemas.beaconBlockBody(), "proposer_slashings")).elementType())
        .isSameAs(ProposerSlashing.TYPE);
    assertThat(((ListType<?>) fieldType(schemas.beaconBlockBody(), "voluntary_exits")).elementType())
        .isSameAs(SignedVoluntaryExit.TYPE);
    assertThat(fieldType(schemas.dataColumnSidecar(), "signed_block_header")).isSameAs(SignedBeaconBlockHeader.TYPE);
    assertThat(fieldType(schemas.partialDataColumnHeader(), "signed_block_header"))
        .isSameAs(SignedBeaconBlockHeader.TYPE);
  }

  @Test
  void gettersAreCached() {
    SchemaDefinitionsFulu schemas = new SchemaDefinitionsFulu(MINIMAL);
    assertThat(schemas.typesByName()).isSameAs(schemas.typesByName());
    assertThat(schemas.cell()).isSameAs(schemas.cell());
    assertThat(schemas.proposerLookahead()).isSameAs(schemas.proposerLookahead());
    // List and vector types are compared by name, so a value of the getter's type fits the state
    // even when the (shared) state type was first built by another instance.
    assertThat(schemas.proposerLookahead().name())
        .isEqualTo(fieldType(schemas.beaconState(), "proposer_lookahead").name());
    var lookahead = schemas.proposerLookahead().defaultValue().set(3, UInt64.valueOf(9));
    BeaconStateFulu state = schemas.beaconState().defaultValue().withProposerLookahead(lookahead);
    assertThat(state.proposerLookahead().get(3)).isEqualTo(UInt64.valueOf(9));
  }

  // ---------------------------------------------------------------- the milestone extension

  /** A state of a made-up next milestone: Fulu's fields plus one. */
  static final class BeaconStateNext extends BeaconStateFulu {
    static final int EXTRA_COUNTER = BeaconStateFulu.FIELD_COUNT;

    private BeaconStateNext(ContainerType<BeaconStateNext> type, Object[] values) {
      super(type, values);
    }

    UInt64 extraCounter() {
      return (UInt64) get(EXTRA_COUNTER);
    }

    BeaconStateNext withExtraCounter(UInt64 value) {
      return with(EXTRA_COUNTER, value);
    }
  }

  /** A body of the next milestone: Fulu's fields plus one. */
  static final class BeaconBlockBodyNext extends BeaconBlockBody {
    private BeaconBlockBodyNext(ContainerType<BeaconBlockBodyNext> type, Object[] values) {
      super(type, values);
    }
  }

  /** The schema definitions of the next milestone, written the way a real one would be. */
  static final class SchemaDefinitionsNext extends SchemaDefinitionsFulu {
    SchemaDefinitionsNext(SpecConfig config) {
      super(config);
    }

    @Override
    @SuppressWarnings("unchecked")
    public ContainerType<BeaconStateNext> beaconState() {
      return (ContainerType<BeaconStateNext>) super.beaconState();
    }

    @Override
    protected ContainerType<BeaconStateNext> buildBeaconState() {
      return ContainerTypes.container(
          "BeaconState",
          BeaconStateNext::new,
          concat(beaconStateFuluFields(), field("extra_counter", SszTypes.UINT64)));
    }

    @Override
    protected ContainerType<? extends BeaconBlockBody> buildBeaconBlockBody() {
      return ContainerTypes.container(
          "BeaconBlockBody",
          BeaconBlockBodyNext::new,
          concat(beaconBlockBodyFields(), field("extra_root", SszTypes.BYTES32)));
    }
  }

  @Test
  void aLaterMilestoneAddsFieldsByOverridingBuilders() {
    SchemaDefinitionsFulu fulu = new SchemaDefinitionsFulu(MINIMAL);
    SchemaDefinitionsNext next = new SchemaDefinitionsNext(MINIMAL);

    ContainerType<BeaconStateNext> stateType = next.beaconState();
    assertThat(stateType.fieldCount()).isEqualTo(39);
    assertThat(next.typesByName().get("BeaconState")).isSameAs(stateType);
    // Unchanged types are shared with Fulu; the block chain is rebuilt on the new body.
    assertThat(next.syncCommittee()).isSameAs(fulu.syncCommittee());
    assertThat(next.attestation()).isSameAs(fulu.attestation());
    assertThat(next.beaconBlockBody().fieldCount()).isEqualTo(BeaconBlockBody.FIELD_COUNT + 1);
    assertThat(fieldType(next.beaconBlock(), "body")).isSameAs(next.beaconBlockBody());
    assertThat(fieldType(next.signedBeaconBlock(), "message")).isSameAs(next.beaconBlock());
    assertThat(next.beaconBlock()).isNotSameAs(fulu.beaconBlock());
    // The Fulu schema is untouched by the subclass.
    assertThat(fulu.beaconState().fieldCount()).isEqualTo(38);

    // Fulu-era code keeps working on the new state, and copies keep their class.
    BeaconStateNext state = stateType.defaultValue().withExtraCounter(UInt64.valueOf(7));
    BeaconState advanced = state.withSlot(UInt64.valueOf(5));
    assertThat(advanced).isInstanceOf(BeaconStateNext.class);
    BeaconStateFulu asFulu = BeaconStateFulu.required(advanced);
    assertThat(asFulu.withProposerLookahead(asFulu.proposerLookahead()))
        .isInstanceOf(BeaconStateNext.class);
    assertThat(((BeaconStateNext) advanced).extraCounter()).isEqualTo(UInt64.valueOf(7));
    assertThat(advanced.slot()).isEqualTo(UInt64.valueOf(5));
    assertThat(stateType.deserialize(advanced.serialize()).hashTreeRoot())
        .isEqualTo(advanced.hashTreeRoot());
  }

  // ---------------------------------------------------------------- helpers

  private static long limit(ContainerType<?> type, String field) {
    SszType<?> t = fieldType(type, field);
    return t instanceof BitlistType b ? b.limit() : ((ListType<?>) t).limit();
  }

  private static int length(ContainerType<?> type, String field) {
    SszType<?> t = fieldType(type, field);
    if (t instanceof BitvectorType b) {
      return b.length();
    }
    return t instanceof ByteVectorType<?> b ? b.length() : ((VectorType<?>) t).length();
  }

  private static SszType<?> fieldType(ContainerType<?> type, String name) {
    return type.fields().get(type.fieldIndex(name)).type();
  }

  /** The spec's get_generalized_index for a path of container fields. */
  private static long gindex(ContainerType<?> root, String... path) {
    long g = 1;
    SszType<?> type = root;
    for (String name : path) {
      ContainerType<?> c = (ContainerType<?>) type;
      int depth = 64 - Long.numberOfLeadingZeros(c.fieldCount() - 1);
      g = (g << depth) + c.fieldIndex(name);
      type = fieldType(c, name);
    }
    return g;
  }
}
