package io.edvt.spec.edvt.schemas;

import static io.edvt.spec.datastructures.SpecTypes.CURRENT_SYNC_COMMITTEE_GINDEX_ELECTRA;
import static io.edvt.spec.datastructures.SpecTypes.EXECUTION_PAYLOAD_GINDEX;
import static io.edvt.spec.datastructures.SpecTypes.FINALIZED_ROOT_GINDEX_ELECTRA;
import static io.edvt.spec.datastructures.SpecTypes.NEXT_SYNC_COMMITTEE_GINDEX_ELECTRA;
import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.infrastructure.ssz.types.BitlistType;
import io.edvt.infrastructure.ssz.types.BitvectorType;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.blocks.BeaconBlockBody;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlockHeader;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.operations.IndexedAttestation;
import io.edvt.spec.datastructures.operations.ProposerSlashing;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import io.edvt.spec.edvt.datastructures.blocks.BeaconBlockBodyEdvt;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockEdvt;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockHeaderEdvt;
import io.edvt.spec.edvt.datastructures.groups.Group;
import io.edvt.spec.edvt.datastructures.groups.GroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.GroupKeySet;
import io.edvt.spec.edvt.datastructures.groups.GroupRegistration;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupRegistration;
import io.edvt.spec.edvt.datastructures.operations.SignedVoluntaryExitEdvt;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaDefinitionsEdvtTest {
  private static final SpecConfig MINIMAL = EdvtConfig.load("minimal");

  /** The types EDVT adds to Fulu's {@code ssz_static} set. */
  static final Set<String> NEW_TYPES = Set.of(
      "Group", "GroupBlockProposal", "GroupBlockSignoff", "GroupExitSignature", "GroupKeyChange",
            "GroupKeyChangeSignature", "GroupKeyProof", "GroupKeySet",
      "GroupRegistration", "SignedGroupKeyChange", "SignedGroupRegistration");

  /** The Fulu types whose layout EDVT changes (directly or through a type they contain). */
  static final Set<String> MODIFIED_TYPES = Set.of(
      "AggregateAndProof", "Attestation", "AttesterSlashing", "BeaconBlock", "BeaconBlockBody", "BeaconState",
      "DataColumnSidecar", "IndexedAttestation", "PartialDataColumnHeader", "PartialDataColumnSidecar",
      "ProposerSlashing", "SignedAggregateAndProof", "SignedBeaconBlock", "SignedBeaconBlockHeader",
      "SignedVoluntaryExit");

  /**
   * A full AttesterSlashing (two IndexedAttestations with MAX_SIGNERS_PER_SLOT indices each) fits
   * the network's MAX_PAYLOAD_SIZE; under the previous limit (every committee seat a 16-member
   * group, 2**21 indices) it did not. Serialized for real, not computed.
   */
  @Test
  void aFullAttesterSlashingFitsTheNetworksPayloadLimit() {
    SpecConfig config = EdvtConfig.load("mainnet");
    SchemaDefinitionsEdvt edvt = new SchemaDefinitionsEdvt(config);
    int signers = (int) SpecConfigEdvt.of(config).maxSignersPerSlot();
    List<UInt64> indices = new ArrayList<>(signers);
    for (int i = 0; i < signers; i++) {
      indices.add(UInt64.valueOf(i));
    }
    @SuppressWarnings("unchecked")
    ListType<UInt64> indicesType = (ListType<UInt64>) fieldType(edvt.indexedAttestation(), "attesting_indices");
    IndexedAttestation full = IndexedAttestation.create(edvt.indexedAttestation(), indicesType.of(indices),
        AttestationData.TYPE.defaultValue(), Bytes.wrap(new byte[96]));
    int size = edvt.attesterSlashing().serialize(AttesterSlashing.create(edvt.attesterSlashing(), full, full)).length;
    assertThat(size).isEqualTo(2 * (signers * 8 + 228) + 8).isLessThan(config.maxPayloadSize());
    long previousLimit = (long) config.maxValidatorsPerCommittee() * config.maxCommitteesPerSlot() * 16;
    assertThat(2 * (previousLimit * 8 + 228) + 8).isGreaterThan(config.maxPayloadSize());
  }

  @ParameterizedTest
  @CsvSource({
    // preset, attesters per slot in Fulu, committees
    "minimal, 8192, 4",
    "mainnet, 131072, 64"
  })
  void buildsEveryTypeWithTheEdvtLimits(String preset, long fuluAttesters, int committees) {
    SpecConfig config = EdvtConfig.load(preset);
    SchemaDefinitionsEdvt edvt = new SchemaDefinitionsEdvt(config);
    SchemaDefinitionsFulu fulu = new SchemaDefinitionsFulu(config);
    Map<String, SszType<?>> types = edvt.typesByName();
    assertThat(types).hasSize(fulu.typesByName().size() + NEW_TYPES.size()).hasSize(70);
    assertThat(types.keySet()).containsAll(fulu.typesByName().keySet()).containsAll(NEW_TYPES);
    types.forEach((name, type) -> assertThat(type.name()).isEqualTo(name));

    // Exactly the modified types differ from Fulu's; every other one is the very same object.
    for (Map.Entry<String, SszType<?>> e : fulu.typesByName().entrySet()) {
      if (MODIFIED_TYPES.contains(e.getKey())) {
        assertThat(types.get(e.getKey())).as(e.getKey()).isNotSameAs(e.getValue());
      } else {
        assertThat(types.get(e.getKey())).as(e.getKey()).isSameAs(e.getValue());
      }
    }

    // AggregationBits and AttestingIndices: MAX_SIGNERS_PER_SLOT, at most the committees' product times 16
    long attesters = SpecConfigEdvt.of(edvt.config()).maxSignersPerSlot();
    assertThat(attesters).isLessThanOrEqualTo(fuluAttesters * 16);
    assertThat(limit(edvt.attestation(), "aggregation_bits")).isEqualTo(attesters);
    assertThat(((BitvectorType) fieldType(edvt.attestation(), "committee_bits")).length()).isEqualTo(committees);
    assertThat(limit(edvt.indexedAttestation(), "attesting_indices")).isEqualTo(attesters);
    assertThat(fieldType(edvt.attesterSlashing(), "attestation_1")).isSameAs(edvt.indexedAttestation());
    assertThat(fieldType(edvt.aggregateAndProof(), "aggregate")).isSameAs(edvt.attestation());
    if (preset.equals("mainnet")) {
      // the stake bound, which keeps an AttesterSlashing (two full indexed attestations) near 4 MiB
      assertThat(attesters).isEqualTo(1L << 18);
      assertThat(2 * (attesters * 8 + 228)).isLessThan(edvt.config().maxPayloadSize() / 2);
    } else {
      assertThat(attesters).isEqualTo(fuluAttesters * 16);
    }

    // SignerBits on the three signed envelopes and the key change
    BitvectorType signerBits = edvt.signerBits();
    assertThat(signerBits.length()).isEqualTo(16);
    for (ContainerType<?> signed : List.of(edvt.signedBeaconBlockHeader(), edvt.signedVoluntaryExit(),
        edvt.signedBeaconBlock(), edvt.signedGroupKeyChange())) {
      assertThat(signed.fieldNames().getLast()).as(signed.name()).isEqualTo("signer_bits");
      // (bit vector types are compared by name; containers by identity)
      assertThat(fieldType(signed, "signer_bits").name()).isEqualTo(signerBits.name()).isEqualTo("Bitvector[16]");
    }

    // The state's new lists
    ContainerType<BeaconStateEdvt> state = edvt.beaconState();
    assertThat(state.fieldCount()).isEqualTo(BeaconStateEdvt.FIELD_COUNT).isEqualTo(43);
    assertThat(state.fieldNames().subList(38, 43)).containsExactly(
        "groups", "previous_epoch_member_participation", "current_epoch_member_participation",
        "current_sync_committee_signers", "next_sync_committee_signers");
    assertThat(state.fieldNames().subList(0, 38)).isEqualTo(fulu.beaconState().fieldNames());
    assertThat(limit(state, "groups")).isEqualTo(1L << 40);
    assertThat(limit(state, "previous_epoch_member_participation")).isEqualTo(1L << 44);
    assertThat(limit(state, "current_epoch_member_participation")).isEqualTo(1L << 44);
    assertThat(state.defaultValue()).isInstanceOf(BeaconStateEdvt.class);

    // The body's new fields and its modified operation lists
    ContainerType<BeaconBlockBodyEdvt> body = edvt.beaconBlockBody();
    assertThat(body.fieldCount()).isEqualTo(BeaconBlockBodyEdvt.FIELD_COUNT).isEqualTo(16);
    assertThat(body.fieldNames().subList(0, 13)).isEqualTo(fulu.beaconBlockBody().fieldNames());
    assertThat(body.fieldNames().subList(13, 16))
        .containsExactly("randao_member_index", "group_registrations", "group_key_changes");
    assertThat(limit(body, "group_registrations")).isEqualTo(2);
    assertThat(limit(body, "group_key_changes")).isEqualTo(4);
    assertThat(element(body, "proposer_slashings")).isSameAs(edvt.proposerSlashing());
    assertThat(element(body, "attester_slashings")).isSameAs(edvt.attesterSlashing());
    assertThat(element(body, "attestations")).isSameAs(edvt.attestation());
    assertThat(element(body, "voluntary_exits")).isSameAs(edvt.signedVoluntaryExit());
    assertThat(element(body, "group_registrations")).isSameAs(edvt.signedGroupRegistration());
    assertThat(element(body, "group_key_changes")).isSameAs(edvt.signedGroupKeyChange());
    assertThat(fieldType(edvt.beaconBlock(), "body")).isSameAs(body);
    assertThat(fieldType(edvt.signedBeaconBlock(), "message")).isSameAs(edvt.beaconBlock());
    assertThat(fieldType(edvt.groupBlockProposal(), "block")).isSameAs(edvt.beaconBlock());

    // The EDVT header in the proposer slashing and the data column types
    assertThat(fieldType(edvt.proposerSlashing(), "signed_header_1")).isSameAs(edvt.signedBeaconBlockHeader());
    assertThat(fieldType(edvt.proposerSlashing(), "signed_header_2")).isSameAs(edvt.signedBeaconBlockHeader());
    assertThat(fieldType(edvt.dataColumnSidecar(), "signed_block_header")).isSameAs(edvt.signedBeaconBlockHeader());
    assertThat(fieldType(edvt.partialDataColumnHeader(), "signed_block_header"))
        .isSameAs(edvt.signedBeaconBlockHeader());
    assertThat(element(edvt.partialDataColumnSidecar(), "header")).isSameAs(edvt.partialDataColumnHeader());

    // The group registry types
    assertThat(limit(edvt.groupKeySet(), "pubkeys")).isEqualTo(16);
    assertThat(limit(edvt.group(), "key_sets")).isEqualTo(3);
    assertThat(element(edvt.group(), "key_sets")).isSameAs(edvt.groupKeySet());
    assertThat(limit(edvt.groupRegistration(), "pubkeys")).isEqualTo(16);
    assertThat(limit(edvt.groupRegistration(), "proofs_of_possession")).isEqualTo(16);
  }

  @ParameterizedTest
  @ValueSource(strings = {"minimal", "mainnet"})
  void generalizedIndicesOfFuluFieldsAreUnchanged(String preset) {
    SpecConfig config = EdvtConfig.load(preset);
    SchemaDefinitionsEdvt edvt = new SchemaDefinitionsEdvt(config);
    SchemaDefinitionsFulu fulu = new SchemaDefinitionsFulu(config);
    // 41 state fields keep the depth (6), so the Electra light-client gindices hold.
    assertThat(gindex(edvt.beaconState(), "finalized_checkpoint", "root")).isEqualTo(FINALIZED_ROOT_GINDEX_ELECTRA);
    assertThat(gindex(edvt.beaconState(), "current_sync_committee")).isEqualTo(CURRENT_SYNC_COMMITTEE_GINDEX_ELECTRA);
    assertThat(gindex(edvt.beaconState(), "next_sync_committee")).isEqualTo(NEXT_SYNC_COMMITTEE_GINDEX_ELECTRA);
    // 16 body fields keep the depth (4): execution payload and blob commitments stay put.
    assertThat(gindex(edvt.beaconBlockBody(), "execution_payload")).isEqualTo(EXECUTION_PAYLOAD_GINDEX);
    assertThat(gindex(edvt.beaconBlockBody(), "blob_kzg_commitments"))
        .isEqualTo(gindex(fulu.beaconBlockBody(), "blob_kzg_commitments"));
    // KZG_COMMITMENTS_INCLUSION_PROOF_DEPTH = floorlog2(get_generalized_index(BeaconBlockBody, 'blob_kzg_commitments'))
    long blobGindex = gindex(edvt.beaconBlockBody(), "blob_kzg_commitments");
    assertThat(63 - Long.numberOfLeadingZeros(blobGindex)).isEqualTo(config.kzgCommitmentsInclusionProofDepth());
    for (String field : fulu.beaconState().fieldNames()) {
      assertThat(gindex(edvt.beaconState(), field)).as(field).isEqualTo(gindex(fulu.beaconState(), field));
    }
  }

  /** The sizes beacon-chain.md gives for the operation budget and the state size table. */
  @Test
  void serializedSizesAreThoseOfTheSpec() {
    SchemaDefinitionsEdvt edvt = new SchemaDefinitionsEdvt(EdvtConfig.load("mainnet"));
    List<Bytes48> keys16 = Collections.nCopies(16, Bytes48.ZERO);
    @SuppressWarnings("unchecked")
    ListType<Bytes> proofsType = (ListType<Bytes>) fieldType(edvt.groupRegistration(), "proofs_of_possession");
    GroupRegistration registration = GroupRegistration.create(edvt.groupRegistration(), UInt64.ONE, UInt64.valueOf(11),
        edvt.groupPubkeys().of(keys16), proofsType.of(Collections.nCopies(16, Bytes.wrap(new byte[96]))));
    SignedGroupRegistration signedRegistration =
        SignedGroupRegistration.create(edvt.signedGroupRegistration(), registration, Bytes.wrap(new byte[96]));
    assertThat(signedRegistration.serialize()).hasSize(2428);
    assertThat(edvt.signedGroupRegistration().maxSize()).isEqualTo(2428);

    SignedGroupKeyChange change = SignedGroupKeyChange.create(edvt.signedGroupKeyChange(),
        GroupKeyChange.TYPE.defaultValue(), Bytes.wrap(new byte[96]), SszBits.withSet(16, 0, 3));
    assertThat(change.serialize()).hasSize(274);
    assertThat(edvt.signedGroupKeyChange().fixedSize()).isEqualTo(274);

    // Group records: 12 + sum(24 + 48 * n_i) bytes
    assertThat(group(edvt, 4).serialize()).hasSize(228);
    assertThat(group(edvt, 1, 4).serialize()).hasSize(300);
    assertThat(group(edvt, 16).serialize()).hasSize(804);
    assertThat(group(edvt, 16, 16, 16).serialize()).hasSize(2388);
    assertThat(edvt.group().maxSize()).isEqualTo(2388);
  }

  @Test
  void theFuluSchemaIsUntouchedAndEqualLayoutsAreShared() {
    SchemaDefinitionsFulu fulu = new SchemaDefinitionsFulu(MINIMAL);
    SchemaDefinitionsEdvt a = new SchemaDefinitionsEdvt(MINIMAL);
    SchemaDefinitionsEdvt b = new SchemaDefinitionsEdvt(EdvtConfig.load("minimal"));
    assertThat(fulu.beaconState().fieldCount()).isEqualTo(BeaconStateFulu.FIELD_COUNT);
    assertThat(fulu.beaconBlockBody().fieldCount()).isEqualTo(BeaconBlockBody.FIELD_COUNT);
    assertThat(fulu.signedBeaconBlockHeader()).isSameAs(SignedBeaconBlockHeader.TYPE);
    assertThat(fulu.proposerSlashing()).isSameAs(ProposerSlashing.TYPE);
    assertThat(fulu.signedVoluntaryExit()).isSameAs(SignedVoluntaryExit.TYPE);
    // two EDVT schemas of equal configs hand out the same objects
    assertThat(b.beaconState()).isSameAs(a.beaconState());
    assertThat(b.signedBeaconBlock()).isSameAs(a.signedBeaconBlock());
    assertThat(b.group()).isSameAs(a.group());
    assertThat(b.proposerSlashing()).isSameAs(a.proposerSlashing());
    // typed getters are the registered types
    assertThat(a.typesByName().get("SignedBeaconBlockHeader")).isSameAs(a.signedBeaconBlockHeader());
    assertThat(a.typesByName().get("ProposerSlashing")).isSameAs(a.proposerSlashing());
    assertThat(a.typesByName().get("BeaconState")).isSameAs(a.beaconState());
    assertThat(a.signedBeaconBlockHeader().defaultValue()).isInstanceOf(SignedBeaconBlockHeaderEdvt.class);
    assertThat(a.signedVoluntaryExit().defaultValue()).isInstanceOf(SignedVoluntaryExitEdvt.class);
    assertThat(a.signedBeaconBlock().defaultValue()).isInstanceOf(SignedBeaconBlockEdvt.class);
    assertThat(a.beaconBlockBody().defaultValue()).isInstanceOf(BeaconBlockBodyEdvt.class);
  }

  @Test
  void aFuluHeaderDoesNotFitAnEdvtProposerSlashing() {
    SchemaDefinitionsEdvt edvt = new SchemaDefinitionsEdvt(MINIMAL);
    SignedBeaconBlockHeader fuluHeader = SignedBeaconBlockHeader.create(BeaconBlockHeader.TYPE.defaultValue(),
        Bytes.wrap(new byte[96]));
    SignedBeaconBlockHeaderEdvt edvtHeader = edvt.signedBeaconBlockHeader().defaultValue();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ProposerSlashing.create(edvt.proposerSlashing(), fuluHeader, fuluHeader))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ProposerSlashing.create(edvt.proposerSlashing(), edvtHeader, edvtHeader).signedHeader1())
        .isSameAs(edvtHeader);
  }

  // ---------------------------------------------------------------- helpers

  /** A group whose key sets have {@code sizes} keys each. */
  private static Group group(SchemaDefinitionsEdvt edvt, int... sizes) {
    List<GroupKeySet> sets = new java.util.ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      sets.add(GroupKeySet.create(edvt.groupKeySet(), UInt64.ONE,
          edvt.groupPubkeys().of(Collections.nCopies(sizes[i], Bytes48.ZERO)), UInt64.valueOf(i)));
    }
    @SuppressWarnings("unchecked")
    SszList<GroupKeySet> keySets = ((ListType<GroupKeySet>) fieldType(edvt.group(), "key_sets")).of(sets);
    return Group.create(edvt.group(), UInt64.valueOf(7), keySets);
  }

  static SszType<?> fieldType(ContainerType<?> type, String name) {
    return type.fields().get(type.fieldIndex(name)).type();
  }

  private static SszType<?> element(ContainerType<?> type, String name) {
    return ((ListType<?>) fieldType(type, name)).elementType();
  }

  private static long limit(ContainerType<?> type, String name) {
    SszType<?> t = fieldType(type, name);
    return t instanceof BitlistType b ? b.limit() : ((ListType<?>) t).limit();
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
