package io.edvt.node.execution;

import java.util.List;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * The blobs of a built payload with their commitments and proofs: Engine API
 * {@code BlobsBundleV1} ({@code engine_getPayloadV4}, one KZG proof per blob) or
 * {@code BlobsBundleV2} ({@code engine_getPayloadV5}, {@code CELLS_PER_EXT_BLOB} cell proofs per
 * blob, blob by blob). Empty when the payload has no blob transactions.
 */
public record BlobsBundle(Version version, List<Bytes48> commitments, List<Bytes48> proofs, List<Bytes> blobs) {
  /** Which bundle the execution client sent, so which kind of proofs it holds. */
  public enum Version {
    /** {@code BlobsBundleV1}: {@code proofs[i]} is the blob proof of {@code blobs[i]}. */
    V1,
    /** {@code BlobsBundleV2}: {@code proofs} are the cell proofs of every blob's extended cells, blob by blob. */
    V2
  }

  public BlobsBundle {
    commitments = List.copyOf(commitments);
    proofs = List.copyOf(proofs);
    blobs = List.copyOf(blobs);
    if (commitments.size() != blobs.size()) {
      throw new IllegalArgumentException(
          "a blobs bundle has as many commitments as blobs: " + commitments.size() + " commitments, " + blobs.size() + " blobs");
    }
    if (blobs.isEmpty() ? !proofs.isEmpty() : proofs.size() % blobs.size() != 0) {
      throw new IllegalArgumentException(
          "a blobs bundle has the same number of proofs for every blob: " + proofs.size() + " proofs, " + blobs.size() + " blobs");
    }
  }

  /** A bundle of no blobs. */
  public static BlobsBundle empty(Version version) {
    return new BlobsBundle(version, List.of(), List.of(), List.of());
  }

  /** The proofs of blob {@code index}: its blob proof (V1) or its cell proofs in cell order (V2). */
  public List<Bytes48> proofsOf(int index) {
    int perBlob = proofs.size() / blobs.size();
    return proofs.subList(index * perBlob, (index + 1) * perBlob);
  }
}
