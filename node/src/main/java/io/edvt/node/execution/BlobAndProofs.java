package io.edvt.node.execution;

import java.util.List;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/** Engine API {@code BlobAndProofV2} (osaka.md): a blob from the pool and its cell proofs in cell order. */
public record BlobAndProofs(Bytes blob, List<Bytes48> proofs) {
  public BlobAndProofs {
    Objects.requireNonNull(blob, "blob");
    proofs = List.copyOf(proofs);
  }
}
