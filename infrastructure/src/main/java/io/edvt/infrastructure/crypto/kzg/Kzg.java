package io.edvt.infrastructure.crypto.kzg;

import ethereum.ckzg4844.CKZG4844JNI;
import ethereum.ckzg4844.CKZGException;
import ethereum.ckzg4844.CellsAndProofs;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * The KZG functions of the polynomial-commitments specs that the consensus layer calls, over
 * c-kzg-4844 ({@code io.consensys.protocols:jc-kzg-4844}). The library holds one trusted setup per
 * process; it is loaded once, on first use, from the mainnet ceremony output bundled as a
 * resource ({@code trusted_setup.txt}: the consensus-specs {@code trusted_setup_4096.json} in
 * c-kzg's text layout), the same setup the minimal preset uses.
 */
public final class Kzg {
  /** {@code BYTES_PER_CELL}: 64 field elements of 32 bytes. */
  public static final int BYTES_PER_CELL = 2048;
  /** {@code BYTES_PER_COMMITMENT} and {@code BYTES_PER_PROOF}: a compressed G1 point. */
  public static final int BYTES_PER_G1 = 48;
  /** {@code BYTES_PER_BLOB}: 4096 field elements of 32 bytes. */
  public static final int BYTES_PER_BLOB = 131072;

  private static final String TRUSTED_SETUP = "/io/edvt/infrastructure/crypto/kzg/trusted_setup.txt";
  // precompute 0: the smallest tables; verification in this client is per block, not hot
  private static final long PRECOMPUTE = 0;
  private static volatile boolean loaded;

  private Kzg() {}

  private static void ensureLoaded() {
    if (loaded) {
      return;
    }
    synchronized (Kzg.class) {
      if (!loaded) {
        CKZG4844JNI.loadNativeLibrary();
        CKZG4844JNI.loadTrustedSetupFromResource(TRUSTED_SETUP, Kzg.class, PRECOMPUTE);
        loaded = true;
      }
    }
  }

  /**
   * {@code verify_cell_kzg_proof_batch(commitments_bytes, cell_indices, cells, proofs_bytes)}:
   * whether every cell is the evaluation, at its index, of the blob its commitment commits to.
   * Inputs of the wrong length or that do not decode (a point off the curve, a field element
   * not below the modulus) make it false, as the spec's assertions would reject them.
   */
  public static boolean verifyCellKzgProofBatch(
      List<? extends Bytes> commitments, long[] cellIndices, List<? extends Bytes> cells, List<? extends Bytes> proofs) {
    int n = cells.size();
    if (commitments.size() != n || cellIndices.length != n || proofs.size() != n) {
      return false;
    }
    byte[] commitmentBytes = concat(commitments, BYTES_PER_G1);
    byte[] cellBytes = concat(cells, BYTES_PER_CELL);
    byte[] proofBytes = concat(proofs, BYTES_PER_G1);
    if (commitmentBytes == null || cellBytes == null || proofBytes == null) {
      return false;
    }
    ensureLoaded();
    try {
      return CKZG4844JNI.verifyCellKzgProofBatch(commitmentBytes, cellIndices, cellBytes, proofBytes);
    } catch (CKZGException e) {
      return false;
    }
  }

  /**
   * {@code blob_to_kzg_commitment(blob)}: the commitment a block's {@code blob_kzg_commitments}
   * carries for {@code blob}.
   *
   * @throws IllegalArgumentException if the blob is not {@link #BYTES_PER_BLOB} bytes of field
   *     elements (each below the modulus)
   */
  public static Bytes48 blobToKzgCommitment(Bytes blob) {
    byte[] bytes = checkedBlob(blob);
    try {
      return Bytes48.wrap(CKZG4844JNI.blobToKzgCommitment(bytes));
    } catch (CKZGException e) {
      throw new IllegalArgumentException("blob_to_kzg_commitment: " + e.getMessage(), e);
    }
  }

  /**
   * {@code compute_cells(blob)}: the {@code CELLS_PER_EXT_BLOB} cells of the extended blob, the
   * part of {@code cells_and_kzg_proofs} a node computes itself when the execution client gave it
   * the blob and its cell proofs ({@code engine_getBlobsV2}, {@code engine_getPayloadV5}).
   *
   * @throws IllegalArgumentException as {@link #blobToKzgCommitment}
   */
  public static List<Bytes> computeCells(Bytes blob) {
    byte[] bytes = checkedBlob(blob);
    try {
      return split(CKZG4844JNI.computeCells(bytes), BYTES_PER_CELL);
    } catch (CKZGException e) {
      throw new IllegalArgumentException("compute_cells: " + e.getMessage(), e);
    }
  }

  /**
   * {@code compute_cells_and_kzg_proofs(blob)}: the cells of the extended blob and a proof for
   * each, what an execution client's blobs bundle carries for a blob.
   *
   * @throws IllegalArgumentException as {@link #blobToKzgCommitment}
   */
  public static CellsAndKzgProofs computeCellsAndKzgProofs(Bytes blob) {
    byte[] bytes = checkedBlob(blob);
    try {
      CellsAndProofs computed = CKZG4844JNI.computeCellsAndKzgProofs(bytes);
      List<Bytes48> proofs = split(computed.getProofs(), BYTES_PER_G1).stream().map(Bytes48::wrap).toList();
      return new CellsAndKzgProofs(split(computed.getCells(), BYTES_PER_CELL), proofs);
    } catch (CKZGException e) {
      throw new IllegalArgumentException("compute_cells_and_kzg_proofs: " + e.getMessage(), e);
    }
  }

  /** The blob's bytes, with the trusted setup loaded (the library needs it to extend a blob). */
  private static byte[] checkedBlob(Bytes blob) {
    if (blob.size() != BYTES_PER_BLOB) {
      throw new IllegalArgumentException("a blob has " + BYTES_PER_BLOB + " bytes, got " + blob.size());
    }
    ensureLoaded();
    return blob.toArray();
  }

  private static List<Bytes> split(byte[] joined, int size) {
    List<Bytes> out = new ArrayList<>(joined.length / size);
    for (int offset = 0; offset < joined.length; offset += size) {
      out.add(Bytes.wrap(joined, offset, size));
    }
    return out;
  }

  private static byte[] concat(List<? extends Bytes> items, int size) {
    byte[] out = new byte[items.size() * size];
    for (int i = 0; i < items.size(); i++) {
      Bytes item = items.get(i);
      if (item.size() != size) {
        return null;
      }
      System.arraycopy(item.toArrayUnsafe(), 0, out, i * size, size);
    }
    return out;
  }
}
