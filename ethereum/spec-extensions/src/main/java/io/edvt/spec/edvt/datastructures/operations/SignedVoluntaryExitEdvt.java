package io.edvt.spec.edvt.datastructures.operations;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import io.edvt.spec.datastructures.operations.VoluntaryExit;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;

/**
 * The EDVT {@code SignedVoluntaryExit}: Fulu's fields plus {@code signer_bits}, the members of the
 * validator's key set in force whose signatures {@code signature} aggregates.
 *
 * <p>Its layout depends on the preset ({@code SignerBits}), so its type is built per config by
 * {@link io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt}.
 */
public final class SignedVoluntaryExitEdvt extends SignedVoluntaryExit {
  public static final int SIGNER_BITS = SignedVoluntaryExit.FIELD_COUNT;

  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<SignedVoluntaryExitEdvt> FACTORY = SignedVoluntaryExitEdvt::new;

  private SignedVoluntaryExitEdvt(ContainerType<SignedVoluntaryExitEdvt> type, Object[] values) {
    super(type, values);
  }

  /** A value of {@code type} (this preset's EDVT {@code SignedVoluntaryExit} type). */
  public static SignedVoluntaryExitEdvt create(
      ContainerType<SignedVoluntaryExitEdvt> type, VoluntaryExit message, Bytes signature, SszBits signerBits) {
    return type.create(message, signature, signerBits);
  }

  /** {@code exit} as an EDVT exit, or empty for a Fulu one. */
  public static Optional<SignedVoluntaryExitEdvt> toVersionEdvt(SignedVoluntaryExit exit) {
    return exit instanceof SignedVoluntaryExitEdvt edvt ? Optional.of(edvt) : Optional.empty();
  }

  /** {@code signer_bits}: {@code SignerBits} ({@code Bitvector[MAX_GROUP_SIZE]}). */
  public SszBits signerBits() {
    return (SszBits) get(SIGNER_BITS);
  }

  /** A copy with {@code signer_bits} replaced. */
  public SignedVoluntaryExitEdvt withSignerBits(SszBits signerBits) {
    return with(SIGNER_BITS, signerBits);
  }
}
