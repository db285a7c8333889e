package io.edvt.infrastructure.crypto.kzg;

import java.util.List;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * The cells of one extended blob and their KZG proofs, cell {@code i} with proof {@code i}: one
 * element of the Fulu validator guide's {@code cells_and_kzg_proofs}
 * ({@code Tuple[Vector[Cell, CELLS_PER_EXT_BLOB], Vector[KZGProof, CELLS_PER_EXT_BLOB]]}).
 */
public record CellsAndKzgProofs(List<Bytes> cells, List<Bytes48> proofs) {

  /**
   * @throws IllegalArgumentException if the cells and proofs differ in number or a cell is not
   *     {@link Kzg#BYTES_PER_CELL} bytes
   */
  public CellsAndKzgProofs {
    cells = List.copyOf(cells);
    proofs = List.copyOf(proofs);
    if (cells.size() != proofs.size()) {
      throw new IllegalArgumentException(cells.size() + " cells but " + proofs.size() + " proofs");
    }
    for (int i = 0; i < cells.size(); i++) {
      if (cells.get(i).size() != Kzg.BYTES_PER_CELL) {
        throw new IllegalArgumentException("cell " + i + " has " + cells.get(i).size() + " bytes, not "
            + Kzg.BYTES_PER_CELL);
      }
    }
  }
}
