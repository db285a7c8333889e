package io.edvt.forkchoice.availability;

import io.edvt.infrastructure.crypto.kzg.CellsAndKzgProofs;
import io.edvt.infrastructure.crypto.kzg.Kzg;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * Seeded random blobs with what an execution client hands the consensus client for them
 * ({@code engine_getPayloadV5}'s blobs bundle, {@code engine_getBlobsV2}): the commitment and the
 * cell proofs. A node computes the cells itself ({@code compute_cells}), as the validator guide says.
 */
record TestBlobs(List<Bytes> blobs, List<Bytes48> commitments, List<List<Bytes48>> cellProofs) {

  /** {@code count} blobs from {@code seed}; each costs one {@code compute_cells_and_kzg_proofs}. */
  static TestBlobs random(long seed, int count) {
    List<Bytes> blobs = new ArrayList<>();
    List<Bytes48> commitments = new ArrayList<>();
    List<List<Bytes48>> proofs = new ArrayList<>();
    Random random = new Random(seed);
    for (int i = 0; i < count; i++) {
      byte[] blob = new byte[Kzg.BYTES_PER_BLOB];
      for (int at = 0; at < blob.length; at += 32) {
        // byte 0 of each field element stays zero, so every element is below the modulus
        for (int j = 1; j < 32; j++) {
          blob[at + j] = (byte) random.nextInt(256);
        }
      }
      Bytes bytes = Bytes.wrap(blob);
      blobs.add(bytes);
      commitments.add(Kzg.blobToKzgCommitment(bytes));
      proofs.add(Kzg.computeCellsAndKzgProofs(bytes).proofs());
    }
    return new TestBlobs(List.copyOf(blobs), List.copyOf(commitments), List.copyOf(proofs));
  }

  /**
   * {@code cells_and_kzg_proofs} as a node builds it from the execution client's blobs and proofs:
   * {@code zip(compute_cells(blob), proofs)} for each blob, the cells computed afresh.
   */
  List<CellsAndKzgProofs> cellsAndKzgProofs() {
    List<CellsAndKzgProofs> out = new ArrayList<>();
    for (int i = 0; i < blobs.size(); i++) {
      out.add(new CellsAndKzgProofs(Kzg.computeCells(blobs.get(i)), cellProofs.get(i)));
    }
    return out;
  }
}
