package io.edvt.infrastructure.crypto.kzg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ethereum.ckzg4844.CKZG4844JNI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

class KzgTest {

  /** A blob of random field elements (each below the modulus: its top byte is zero). */
  private static byte[] blob(long seed) {
    byte[] blob = new byte[CKZG4844JNI.BYTES_PER_BLOB];
    Random random = new Random(seed);
    for (int i = 0; i < blob.length; i += 32) {
      for (int j = 1; j < 32; j++) {
        blob[i + j] = (byte) random.nextInt(256);
      }
    }
    return blob;
  }

  private record Column(List<Bytes> commitments, long[] indices, List<Bytes> cells, List<Bytes> proofs) {}

  private static Column column(int cellIndex, long... seeds) {
    List<Bytes> commitments = new ArrayList<>();
    List<Bytes> cells = new ArrayList<>();
    List<Bytes> proofs = new ArrayList<>();
    for (long seed : seeds) {
      Bytes blob = Bytes.wrap(blob(seed));
      commitments.add(Kzg.blobToKzgCommitment(blob));
      CellsAndKzgProofs cp = Kzg.computeCellsAndKzgProofs(blob);
      cells.add(cp.cells().get(cellIndex));
      proofs.add(cp.proofs().get(cellIndex));
    }
    long[] indices = new long[seeds.length];
    java.util.Arrays.fill(indices, cellIndex);
    return new Column(commitments, indices, cells, proofs);
  }

  @Test
  void computesOneCellAndProofPerColumnAndTheSameCellsWithoutProofs() {
    Bytes blob = Bytes.wrap(blob(3));
    CellsAndKzgProofs cp = Kzg.computeCellsAndKzgProofs(blob);
    assertThat(cp.cells()).hasSize(CKZG4844JNI.CELLS_PER_EXT_BLOB);
    assertThat(cp.proofs()).hasSize(CKZG4844JNI.CELLS_PER_EXT_BLOB);
    assertThat(Kzg.computeCells(blob)).isEqualTo(cp.cells());
    // the extension is systematic: the first half of the cells is the blob itself
    assertThat(Bytes.concatenate(cp.cells().subList(0, CKZG4844JNI.CELLS_PER_EXT_BLOB / 2))).isEqualTo(blob);
  }

  @Test
  void refusesABlobOfTheWrongLengthOrWithAFieldElementAboveTheModulus() {
    assertThatThrownBy(() -> Kzg.computeCells(Bytes.wrap(new byte[100]))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("131072");
    byte[] bad = blob(4);
    bad[0] = (byte) 0xff;
    assertThatThrownBy(() -> Kzg.blobToKzgCommitment(Bytes.wrap(bad))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blob_to_kzg_commitment");
  }

  @Test
  void acceptsTheCellsOfAColumnWithTheirProofs() {
    Column c = column(5, 1, 2);
    assertThat(Kzg.verifyCellKzgProofBatch(c.commitments(), c.indices(), c.cells(), c.proofs())).isTrue();
  }

  @Test
  void rejectsACellAtTheWrongIndex() {
    Column c = column(5, 1, 2);
    long[] wrong = {5, 6};
    assertThat(Kzg.verifyCellKzgProofBatch(c.commitments(), wrong, c.cells(), c.proofs())).isFalse();
  }

  @Test
  void rejectsSwappedCommitments() {
    Column c = column(7, 1, 2);
    List<Bytes> swapped = new ArrayList<>(c.commitments());
    Collections.reverse(swapped);
    assertThat(Kzg.verifyCellKzgProofBatch(swapped, c.indices(), c.cells(), c.proofs())).isFalse();
  }

  @Test
  void rejectsMismatchedLengthsAndMalformedPoints() {
    Column c = column(0, 1, 2);
    assertThat(Kzg.verifyCellKzgProofBatch(c.commitments().subList(0, 1), c.indices(), c.cells(), c.proofs())).isFalse();
    List<Bytes> garbage = List.of(Bytes.repeat((byte) 0x11, 48), c.proofs().get(1));
    assertThat(Kzg.verifyCellKzgProofBatch(c.commitments(), c.indices(), c.cells(), garbage)).isFalse();
  }
}
