package io.edvt.node.execution.embedded;

import io.edvt.infrastructure.crypto.Sha256;
import io.edvt.infrastructure.crypto.kzg.Kzg;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.logic.versions.fulu.MiscHelpersFulu;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * The embedded engine's blobs and the one transaction that carries them. Blob {@code i} of the
 * block numbered {@code number} on {@code parentHash} is fixed by those three values (SHA-256 in
 * counter mode, each 32-byte field element with a zero first byte so it is below the BLS modulus),
 * so every node's engine derives the same blobs for the same block, and a run is reproducible.
 *
 * <p>The transaction is not RLP: it is a type byte {@code 0x03} (EIP-4844's blob transaction
 * type) followed by the versioned hashes of the block's blobs, 32 bytes each. It is enough for the
 * engine to check, as {@code engine_newPayload} must, that the versioned hashes the consensus
 * layer expects are exactly those of the payload's blob transactions; the payload commits to it
 * through its transactions root and so its block hash.
 *
 * <p>Commitments cost a KZG multi-scalar multiplication each (tens of ms) and a blob's cell proofs
 * a few hundred ms, so both are kept for the last {@value #KEPT} blobs, and {@link #prepare} computes
 * the next block's ahead, as an execution client's pool holds blob transactions with their proofs
 * before any block is built. Thread-safe.
 */
final class EmbeddedBlobs {
  /** EIP-4844's transaction type of a blob transaction, the first byte of ours. */
  static final byte BLOB_TX_TYPE = 0x03;
  private static final int KEPT = 256;
  private static final byte[] DOMAIN = "EDVT embedded engine blob".getBytes(StandardCharsets.US_ASCII);

  /** One blob and its commitment. */
  record Blob(Bytes blob, Bytes48 commitment) {
    Bytes32 versionedHash() {
      return MiscHelpersFulu.kzgCommitmentToVersionedHash(commitment);
    }
  }

  private final Map<Bytes32, List<Bytes48>> proofsByHash = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Bytes32, List<Bytes48>> eldest) {
      return size() > KEPT;
    }
  };
  private final Map<Bytes32, Blob> bySeed = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Bytes32, Blob> eldest) {
      return size() > KEPT;
    }
  };

  /** The first {@code count} blobs of the block numbered {@code number} on {@code parentHash}. */
  List<Blob> blobs(Bytes32 parentHash, UInt64 number, int count) {
    List<Blob> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Bytes32 seed = seed(parentHash, number, i);
      Blob cached;
      synchronized (bySeed) {
        cached = bySeed.get(seed);
      }
      if (cached == null) {
        Bytes blob = blobOf(seed);
        cached = new Blob(blob, Kzg.blobToKzgCommitment(blob));
        synchronized (bySeed) {
          bySeed.put(seed, cached);
        }
      }
      out.add(cached);
    }
    return out;
  }

  /** The cell proofs of {@code blob}, in cell order ({@code compute_cells_and_kzg_proofs}). */
  List<Bytes48> proofs(Blob blob) {
    Bytes32 hash = blob.versionedHash();
    List<Bytes48> cached;
    synchronized (proofsByHash) {
      cached = proofsByHash.get(hash);
    }
    if (cached == null) {
      cached = Kzg.computeCellsAndKzgProofs(blob.blob()).proofs();
      synchronized (proofsByHash) {
        proofsByHash.put(hash, cached);
      }
    }
    return cached;
  }

  /** Computes and keeps the first {@code count} blobs of the block numbered {@code number} on {@code parentHash}, with their proofs. */
  void prepare(Bytes32 parentHash, UInt64 number, int count) {
    blobs(parentHash, number, count).forEach(this::proofs);
  }

  /** The transaction carrying {@code blobs}: {@code 0x03} then their versioned hashes. */
  static Bytes transaction(List<Blob> blobs) {
    List<Bytes> parts = new ArrayList<>(blobs.size() + 1);
    parts.add(Bytes.of(BLOB_TX_TYPE));
    blobs.forEach(b -> parts.add(b.versionedHash()));
    return Bytes.concatenate(parts);
  }

  /**
   * The versioned hashes {@code transaction} carries, or empty if it is not one of ours (not
   * type {@code 0x03}, no hash, or a length that is not a whole number of hashes).
   */
  static Optional<List<Bytes32>> versionedHashes(Bytes transaction) {
    int size = transaction.size();
    if (size < 1 + Bytes32.SIZE || transaction.get(0) != BLOB_TX_TYPE || (size - 1) % Bytes32.SIZE != 0) {
      return Optional.empty();
    }
    List<Bytes32> hashes = new ArrayList<>((size - 1) / Bytes32.SIZE);
    for (int offset = 1; offset < size; offset += Bytes32.SIZE) {
      hashes.add(Bytes32.wrap(transaction.slice(offset, Bytes32.SIZE)));
    }
    return Optional.of(hashes);
  }

  private static Bytes32 seed(Bytes32 parentHash, UInt64 number, int index) {
    return Bytes32.wrap(Sha256.hash(Bytes.concatenate(Bytes.wrap(DOMAIN), parentHash, Bytes.ofUnsignedLong(number.longValue()),
        Bytes.ofUnsignedInt(index)).toArrayUnsafe()));
  }

  /** 4096 field elements: element {@code j} is a zero byte then 31 bytes of SHA-256(seed || j). */
  private static Bytes blobOf(Bytes32 seed) {
    byte[] blob = new byte[Kzg.BYTES_PER_BLOB];
    for (int j = 0; j < Kzg.BYTES_PER_BLOB / 32; j++) {
      byte[] h = Sha256.hash(Bytes.concatenate(seed, Bytes.ofUnsignedInt(j)).toArrayUnsafe());
      System.arraycopy(h, 1, blob, j * 32 + 1, 31);
    }
    return Bytes.wrap(blob);
  }
}
