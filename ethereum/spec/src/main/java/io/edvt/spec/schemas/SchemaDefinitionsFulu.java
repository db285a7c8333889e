package io.edvt.spec.schemas;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.infrastructure.ssz.types.SszTypes.bitlist;
import static io.edvt.infrastructure.ssz.types.SszTypes.byteVector;
import static io.edvt.infrastructure.ssz.types.SszTypes.list;
import static io.edvt.infrastructure.ssz.types.SszTypes.vector;
import static io.edvt.spec.datastructures.SpecTypes.BYTES32;
import static io.edvt.spec.datastructures.SpecTypes.BYTES_PER_FIELD_ELEMENT;
import static io.edvt.spec.datastructures.SpecTypes.COLUMN_INDEX;
import static io.edvt.spec.datastructures.SpecTypes.KZG_COMMITMENT;
import static io.edvt.spec.datastructures.SpecTypes.KZG_PROOF;
import static io.edvt.spec.datastructures.SpecTypes.ROOT;
import static io.edvt.spec.datastructures.SpecTypes.ROW_INDEX;
import static io.edvt.spec.datastructures.SpecTypes.VALIDATOR_INDEX;
import static io.edvt.spec.schemas.ContainerTypes.container;

import io.edvt.infrastructure.ssz.SszType;
import io.edvt.infrastructure.ssz.types.BitlistType;
import io.edvt.infrastructure.ssz.types.ByteVectorType;
import io.edvt.infrastructure.ssz.types.ContainerType.Field;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.infrastructure.ssz.types.VectorType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import io.edvt.spec.datastructures.datacolumns.DataColumnsByRootIdentifier;
import io.edvt.spec.datastructures.datacolumns.MatrixEntry;
import io.edvt.spec.datastructures.datacolumns.PartialDataColumnGroupID;
import io.edvt.spec.datastructures.datacolumns.PartialDataColumnHeader;
import io.edvt.spec.datastructures.datacolumns.PartialDataColumnPartsMetadata;
import io.edvt.spec.datastructures.datacolumns.PartialDataColumnSidecar;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * The SSZ types of the Fulu milestone for one config: Electra's types, the Fulu
 * {@code BeaconState} (with {@code proposer_lookahead}) in place of Electra's, and the data
 * availability sampling types ({@code DataColumnSidecar}, {@code MatrixEntry}, the partial column
 * messages, ...). {@link #typesByName()} holds every {@code ssz_static} type of Fulu.
 *
 * <p>A later milestone extends this class the way this class extends
 * {@link SchemaDefinitionsElectra}: it overrides the builders of the types that change, appends to
 * {@link #beaconStateFuluFields()} for its state, and overrides {@link #beaconState()} with its own
 * state class as the bound.
 */
public class SchemaDefinitionsFulu extends SchemaDefinitionsElectra {

  public SchemaDefinitionsFulu(SpecConfig config) {
    super(config);
  }

  // ------------------------------------------------------------------ getters

  /** The Fulu state (or, in a subclass, a later one extending it). */
  @Override
  @SuppressWarnings("unchecked")
  public ContainerType<? extends BeaconStateFulu> beaconState() {
    // The cached value is what buildBeaconState() returned, and this class narrows that.
    return (ContainerType<? extends BeaconStateFulu>) super.beaconState();
  }

  /**
   * The type of {@code proposer_lookahead}:
   * {@code Vector[ValidatorIndex, (MIN_SEED_LOOKAHEAD + 1) * SLOTS_PER_EPOCH]}.
   */
  public VectorType<UInt64> proposerLookahead() {
    long length = (long) (config.minSeedLookahead() + 1) * config.slotsPerEpoch();
    return memo("ProposerLookahead", () -> vector(VALIDATOR_INDEX, length));
  }

  /** Fulu {@code Cell}: {@code ByteVector[BYTES_PER_FIELD_ELEMENT * FIELD_ELEMENTS_PER_CELL]}. */
  public ByteVectorType<Bytes> cell() {
    return memo("Cell", () -> byteVector(BYTES_PER_FIELD_ELEMENT * config.fieldElementsPerCell()));
  }

  /** Fulu {@code DataColumn}: {@code List[Cell, MAX_BLOB_COMMITMENTS_PER_BLOCK]}, a sidecar's {@code column}. */
  public ListType<Bytes> dataColumn() {
    return memo("DataColumn", () -> list(cell(), config.maxBlobCommitmentsPerBlock()));
  }

  /** {@code List[KZGProof, MAX_BLOB_COMMITMENTS_PER_BLOCK]}: a sidecar's {@code kzg_proofs}, one per cell. */
  public ListType<Bytes48> columnKzgProofs() {
    return memo("ColumnKzgProofs", () -> list(KZG_PROOF, config.maxBlobCommitmentsPerBlock()));
  }

  /** {@code Vector[Bytes32, KZG_COMMITMENTS_INCLUSION_PROOF_DEPTH]}: a sidecar's {@code kzg_commitments_inclusion_proof}. */
  public VectorType<Bytes32> kzgCommitmentsInclusionProof() {
    return memo("KzgCommitmentsInclusionProof", () -> vector(BYTES32, config.kzgCommitmentsInclusionProofDepth()));
  }

  /** {@code BitList[MAX_BLOB_COMMITMENTS_PER_BLOCK]}: one bit per blob of a block. */
  public BitlistType blobBits() {
    return memo("BlobBits", () -> bitlist(config.maxBlobCommitmentsPerBlock()));
  }

  public ContainerType<DataColumnSidecar> dataColumnSidecar() {
    return memo("DataColumnSidecar", this::buildDataColumnSidecar);
  }

  public ContainerType<DataColumnsByRootIdentifier> dataColumnsByRootIdentifier() {
    return memo("DataColumnsByRootIdentifier", this::buildDataColumnsByRootIdentifier);
  }

  public ContainerType<MatrixEntry> matrixEntry() {
    return memo("MatrixEntry", this::buildMatrixEntry);
  }

  public ContainerType<PartialDataColumnHeader> partialDataColumnHeader() {
    return memo("PartialDataColumnHeader", this::buildPartialDataColumnHeader);
  }

  public ContainerType<PartialDataColumnPartsMetadata> partialDataColumnPartsMetadata() {
    return memo("PartialDataColumnPartsMetadata", this::buildPartialDataColumnPartsMetadata);
  }

  public ContainerType<PartialDataColumnSidecar> partialDataColumnSidecar() {
    return memo("PartialDataColumnSidecar", this::buildPartialDataColumnSidecar);
  }

  @Override
  protected void registerTypes(Map<String, SszType<?>> types) {
    super.registerTypes(types); // BeaconState there is already beaconState(), so Fulu's
    types.put("DataColumnSidecar", dataColumnSidecar());
    types.put("DataColumnsByRootIdentifier", dataColumnsByRootIdentifier());
    types.put("MatrixEntry", matrixEntry());
    types.put("PartialDataColumnGroupID", PartialDataColumnGroupID.TYPE);
    types.put("PartialDataColumnHeader", partialDataColumnHeader());
    types.put("PartialDataColumnPartsMetadata", partialDataColumnPartsMetadata());
    types.put("PartialDataColumnSidecar", partialDataColumnSidecar());
  }

  // ------------------------------------------------------------------ builders

  /** The 38 fields of the Fulu {@code BeaconState}: Electra's, then {@code proposer_lookahead}. */
  protected List<Field> beaconStateFuluFields() {
    return concat(beaconStateElectraFields(), field("proposer_lookahead", proposerLookahead()));
  }

  @Override
  protected ContainerType<? extends BeaconStateFulu> buildBeaconState() {
    return container("BeaconState", BeaconStateFulu.FACTORY, beaconStateFuluFields());
  }

  protected ContainerType<DataColumnSidecar> buildDataColumnSidecar() {
    int maxBlobs = config.maxBlobCommitmentsPerBlock();
    return container(
        "DataColumnSidecar",
        DataColumnSidecar.FACTORY,
        field("index", COLUMN_INDEX),
        field("column", dataColumn()),
        field("kzg_commitments", list(KZG_COMMITMENT, maxBlobs)),
        field("kzg_proofs", columnKzgProofs()),
        field("signed_block_header", signedBeaconBlockHeader()),
        field("kzg_commitments_inclusion_proof", kzgCommitmentsInclusionProof()));
  }

  protected ContainerType<DataColumnsByRootIdentifier> buildDataColumnsByRootIdentifier() {
    return container(
        "DataColumnsByRootIdentifier",
        DataColumnsByRootIdentifier.FACTORY,
        field("block_root", ROOT),
        field("columns", list(COLUMN_INDEX, config.numberOfColumns())));
  }

  protected ContainerType<MatrixEntry> buildMatrixEntry() {
    return container(
        "MatrixEntry",
        MatrixEntry.FACTORY,
        field("cell", cell()),
        field("kzg_proof", KZG_PROOF),
        field("column_index", COLUMN_INDEX),
        field("row_index", ROW_INDEX));
  }

  protected ContainerType<PartialDataColumnHeader> buildPartialDataColumnHeader() {
    return container(
        "PartialDataColumnHeader",
        PartialDataColumnHeader.FACTORY,
        field("kzg_commitments", list(KZG_COMMITMENT, config.maxBlobCommitmentsPerBlock())),
        field("signed_block_header", signedBeaconBlockHeader()),
        field("kzg_commitments_inclusion_proof", kzgCommitmentsInclusionProof()));
  }

  protected ContainerType<PartialDataColumnPartsMetadata> buildPartialDataColumnPartsMetadata() {
    return container(
        "PartialDataColumnPartsMetadata",
        PartialDataColumnPartsMetadata.FACTORY,
        field("available", blobBits()),
        field("requests", blobBits()));
  }

  protected ContainerType<PartialDataColumnSidecar> buildPartialDataColumnSidecar() {
    int maxBlobs = config.maxBlobCommitmentsPerBlock();
    return container(
        "PartialDataColumnSidecar",
        PartialDataColumnSidecar.FACTORY,
        field("cells_present_bitmap", blobBits()),
        field("partial_column", list(cell(), maxBlobs)),
        field("kzg_proofs", list(KZG_PROOF, maxBlobs)),
        field("header", list(partialDataColumnHeader(), 1)));
  }
}
