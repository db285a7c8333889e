package io.edvt.spec.logic.versions.fulu;

import io.edvt.infrastructure.crypto.kzg.CellsAndKzgProofs;
import io.edvt.infrastructure.ssz.MerkleProofs;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.BeaconBlockBody;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlockHeader;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * The construction of a block's {@code DataColumnSidecar}s (Fulu validator guide, "Constructing the
 * {@code DataColumnSidecar}s"): column {@code i} holds cell {@code i} of every blob with its proof,
 * and every sidecar carries the block's signed header, its commitments and their inclusion proof.
 *
 * <p>Only {@link #computeSignedBlockHeader} depends on how a block is signed, so a later fork whose
 * header carries more overrides that alone; the rest is built once, here, for every fork.
 */
public class DataColumnSidecarsFulu {
  private final SpecConfig config;
  private final SchemaDefinitionsFulu schemas;

  public DataColumnSidecarsFulu(FuluHelpers helpers) {
    this.config = helpers.config();
    this.schemas = helpers.schemas();
  }

  /**
   * {@code compute_signed_block_header} (Deneb validator guide): the block's header, with the
   * body replaced by its root, and the block's signature.
   */
  public SignedBeaconBlockHeader computeSignedBlockHeader(SignedBeaconBlock signedBlock) {
    return SignedBeaconBlockHeader.create(blockHeader(signedBlock.message()), signedBlock.signature());
  }

  /** The {@code BeaconBlockHeader} that {@code compute_signed_block_header} builds for {@code block}. */
  protected static BeaconBlockHeader blockHeader(BeaconBlock block) {
    return BeaconBlockHeader.create(block.slot(), block.proposerIndex(), block.parentRoot(), block.stateRoot(),
        block.body().hashTreeRoot());
  }

  /**
   * {@code compute_merkle_proof(body, get_generalized_index(BeaconBlockBody, 'blob_kzg_commitments'))}:
   * the branch from the body's {@code blob_kzg_commitments} to its root, leaf first.
   */
  public List<Bytes32> computeKzgCommitmentsInclusionProof(BeaconBlockBody body) {
    return MerkleProofs.branch(body, MerkleProofs.generalizedIndex(body.type(), "blob_kzg_commitments"));
  }

  /**
   * {@code get_data_column_sidecars} (Fulu): one sidecar per column, column {@code i} made of cell
   * {@code i} and proof {@code i} of every blob, in the order of the commitments.
   *
   * @param cellsAndKzgProofs the cells and cell proofs of each blob, in the order of {@code kzgCommitments}
   * @throws IllegalArgumentException if there are not as many blobs as commitments, a blob has not
   *     one cell per column, or {@code signedBlockHeader} is not this fork's header type
   */
  public List<DataColumnSidecar> getDataColumnSidecars(SignedBeaconBlockHeader signedBlockHeader,
      SszList<Bytes48> kzgCommitments, List<Bytes32> kzgCommitmentsInclusionProof,
      List<CellsAndKzgProofs> cellsAndKzgProofs) {
    if (cellsAndKzgProofs.size() != kzgCommitments.size()) {
      throw new IllegalArgumentException("assertion failed: len(cells_and_kzg_proofs) == len(kzg_commitments) ("
          + cellsAndKzgProofs.size() + " != " + kzgCommitments.size() + ")");
    }
    int columns = config.numberOfColumns();
    for (int blob = 0; blob < cellsAndKzgProofs.size(); blob++) {
      if (cellsAndKzgProofs.get(blob).cells().size() != columns) {
        throw new IllegalArgumentException("blob " + blob + " has " + cellsAndKzgProofs.get(blob).cells().size()
            + " cells, not CELLS_PER_EXT_BLOB = NUMBER_OF_COLUMNS = " + columns);
      }
    }
    SszList<Bytes32> inclusionProof = schemas.kzgCommitmentsInclusionProof().of(kzgCommitmentsInclusionProof);
    List<DataColumnSidecar> sidecars = new ArrayList<>(columns);
    for (int column = 0; column < columns; column++) {
      List<Bytes> columnCells = new ArrayList<>(cellsAndKzgProofs.size());
      List<Bytes48> columnProofs = new ArrayList<>(cellsAndKzgProofs.size());
      for (CellsAndKzgProofs blob : cellsAndKzgProofs) {
        columnCells.add(blob.cells().get(column));
        columnProofs.add(blob.proofs().get(column));
      }
      sidecars.add(DataColumnSidecar.create(schemas.dataColumnSidecar(), UInt64.valueOf(column),
          schemas.dataColumn().of(columnCells), kzgCommitments, schemas.columnKzgProofs().of(columnProofs),
          signedBlockHeader, inclusionProof));
    }
    return List.copyOf(sidecars);
  }

  /**
   * {@code get_data_column_sidecars_from_block} (Fulu): the sidecars of {@code signedBlock}, with
   * its {@link #computeSignedBlockHeader signed header} and the inclusion proof of its commitments.
   */
  public List<DataColumnSidecar> getDataColumnSidecarsFromBlock(SignedBeaconBlock signedBlock,
      List<CellsAndKzgProofs> cellsAndKzgProofs) {
    BeaconBlockBody body = signedBlock.message().body();
    return getDataColumnSidecars(computeSignedBlockHeader(signedBlock), body.blobKzgCommitments(),
        computeKzgCommitmentsInclusionProof(body), cellsAndKzgProofs);
  }

  /**
   * {@code get_data_column_sidecars_from_column_sidecar} (Fulu): every sidecar of the block that
   * {@code sidecar} belongs to, from its header, commitments and inclusion proof, for a node that
   * has the blobs (distributed blob publishing) but not the block.
   */
  public List<DataColumnSidecar> getDataColumnSidecarsFromColumnSidecar(DataColumnSidecar sidecar,
      List<CellsAndKzgProofs> cellsAndKzgProofs) {
    return getDataColumnSidecars(sidecar.signedBlockHeader(), sidecar.kzgCommitments(),
        sidecar.kzgCommitmentsInclusionProof().asList(), cellsAndKzgProofs);
  }
}
