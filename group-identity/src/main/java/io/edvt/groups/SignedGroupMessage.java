package io.edvt.groups;

import io.edvt.infrastructure.unsigned.UInt64;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;

/**
 * One side of slashing evidence: the signed data, the epoch whose key set the signatures are
 * checked against (an attestation's target epoch, a block's epoch), the signing root the members
 * signed, and their signatures.
 */
public record SignedGroupMessage<D, S>(D data, UInt64 epoch, Bytes signingRoot, MemberSignatures<S> signatures) {
  public SignedGroupMessage {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(epoch, "epoch");
    Objects.requireNonNull(signingRoot, "signingRoot");
    Objects.requireNonNull(signatures, "signatures");
  }
}
