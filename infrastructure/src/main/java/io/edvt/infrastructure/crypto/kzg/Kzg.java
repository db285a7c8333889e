package io.edvt.infrastructure.crypto.kzg;

import ethereum.ckzg4844.CKZG4844JNI;
import ethereum.ckzg4844.CKZGException;
import java.util.List;
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
