package io.edvt.node.validator.production;

import io.edvt.infrastructure.crypto.kzg.CellsAndKzgProofs;
import io.edvt.infrastructure.crypto.kzg.Kzg;
import io.edvt.node.execution.BlobAndProofs;
import io.edvt.node.execution.BlobsBundle;
import io.edvt.node.execution.EngineApi;
import io.edvt.node.execution.EngineResponse;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.logic.versions.fulu.MiscHelpersFulu;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * The data column sidecars of a signed block we publish (Fulu validator guide, "Constructing the
 * {@code DataColumnSidecar}s"), built by the fork of its slot: in EDVT the header carries the
 * block's {@code signer_bits}, so a group block's sidecars carry the group's threshold signature.
 * The blobs come from the bundle of the payload this node built ({@link ProducedBlobs}: a plain
 * proposer, or a group's leader), else from the execution engine's pool
 * ({@code engine_getBlobsV2}: a group's backup publisher, which validated the payload). The cells
 * are computed from the blobs ({@code compute_cells}); the cell proofs are the engine's.
 */
public final class DataColumnSidecarFactory {
  private static final long ENGINE_SECONDS = 2;

  private final SpecVersions versions;
  private final EngineApi engine;
  private final ProducedBlobs produced;

  public DataColumnSidecarFactory(SpecVersions versions, EngineApi engine, ProducedBlobs produced) {
    this.versions = versions;
    this.engine = engine;
    this.produced = produced;
  }

  /**
   * Takes the blobs and cell proofs a validator client sent with {@code block}
   * ({@code SignedBlockContents}) as the block's, after checking them: one blob per commitment, each
   * blob's commitment the block's, {@code CELLS_PER_EXT_BLOB} proofs per blob that verify against
   * the cells. Empty when taken (or nothing was sent), else the first problem.
   */
  public Optional<String> offer(SignedBeaconBlock block, List<Bytes> blobs, List<Bytes48> proofs) {
    List<Bytes48> commitments = block.message().body().blobKzgCommitments().asList();
    if (blobs.isEmpty() && proofs.isEmpty()) {
      return Optional.empty();
    }
    int cellsPerBlob = versions.config().numberOfColumns();
    if (blobs.size() != commitments.size() || proofs.size() != blobs.size() * cellsPerBlob) {
      return Optional.of("the block commits to " + commitments.size() + " blobs: expected as many blobs and "
          + commitments.size() * cellsPerBlob + " cell proofs, got " + blobs.size() + " and " + proofs.size());
    }
    for (int i = 0; i < blobs.size(); i++) {
      Bytes blob = blobs.get(i);
      if (blob.size() != Kzg.BYTES_PER_BLOB) {
        return Optional.of("blob " + i + " has " + blob.size() + " bytes, not " + Kzg.BYTES_PER_BLOB);
      }
      Bytes48 commitment;
      try {
        commitment = Kzg.blobToKzgCommitment(blob);
      } catch (IllegalArgumentException e) {
        return Optional.of("blob " + i + " is not a blob: " + e.getMessage());
      }
      if (!commitment.equals(commitments.get(i))) {
        return Optional.of("blob " + i + " is not the blob of commitment " + i + " of the block");
      }
      List<Bytes> cells = Kzg.computeCells(blob);
      long[] indices = new long[cellsPerBlob];
      for (int c = 0; c < cellsPerBlob; c++) {
        indices[c] = c;
      }
      if (!Kzg.verifyCellKzgProofBatch(java.util.Collections.nCopies(cellsPerBlob, commitment), indices, cells,
          proofs.subList(i * cellsPerBlob, (i + 1) * cellsPerBlob))) {
        return Optional.of("the cell proofs of blob " + i + " do not verify");
      }
    }
    produced.put(block.message().hashTreeRoot(), new BlobsBundle(BlobsBundle.Version.V2, commitments, proofs, blobs));
    return Optional.empty();
  }

  /**
   * The sidecars of {@code block}: none if it commits to no blobs.
   *
   * @throws IllegalStateException if the blobs are neither ours nor in the engine's pool, or do not
   *     match the block's commitments
   */
  public List<DataColumnSidecar> sidecars(SignedBeaconBlock block) {
    List<Bytes48> commitments = block.message().body().blobKzgCommitments().asList();
    if (commitments.isEmpty()) {
      return List.of();
    }
    Bytes32 root = block.message().hashTreeRoot();
    List<CellsAndKzgProofs> cells = new ArrayList<>(commitments.size());
    Optional<BlobsBundle> bundle = produced.get(root);
    if (bundle.isPresent() && bundle.get().version() == BlobsBundle.Version.V2 && bundle.get().commitments().equals(commitments)) {
      for (int i = 0; i < commitments.size(); i++) {
        cells.add(new CellsAndKzgProofs(Kzg.computeCells(bundle.get().blobs().get(i)), bundle.get().proofsOf(i)));
      }
    } else {
      List<BlobAndProofs> pooled = fromEngine(commitments, root);
      for (BlobAndProofs b : pooled) {
        cells.add(new CellsAndKzgProofs(Kzg.computeCells(b.blob()), b.proofs()));
      }
    }
    return versions.forSlot(block.message().slot()).dataColumnSidecars().getDataColumnSidecarsFromBlock(block, cells);
  }

  private List<BlobAndProofs> fromEngine(List<Bytes48> commitments, Bytes32 root) {
    List<Bytes32> hashes = commitments.stream().map(c -> MiscHelpersFulu.kzgCommitmentToVersionedHash(c)).toList();
    EngineResponse<Optional<List<BlobAndProofs>>> response;
    try {
      response = engine.getBlobsV2(hashes).get(ENGINE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking the engine for the blobs of " + root, e);
    } catch (Exception e) {
      throw new IllegalStateException("the engine did not answer engine_getBlobsV2 for " + root + ": " + e, e);
    }
    Optional<List<BlobAndProofs>> blobs = response.orElseThrow();
    if (blobs.isEmpty() || blobs.get().size() != commitments.size()) {
      throw new IllegalStateException("block " + root + " commits to " + commitments.size()
          + " blobs that neither this node built nor its engine holds");
    }
    return blobs.get();
  }
}
