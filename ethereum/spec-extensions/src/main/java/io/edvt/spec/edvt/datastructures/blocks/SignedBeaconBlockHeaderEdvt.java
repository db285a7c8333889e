package io.edvt.spec.edvt.datastructures.blocks;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlockHeader;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;

/**
 * The EDVT {@code SignedBeaconBlockHeader}: Fulu's fields plus {@code signer_bits}, the members of
 * the proposer's key set whose signatures {@code signature} aggregates. It is the header of EDVT's
 * {@code ProposerSlashing} and data column types.
 *
 * <p>Its layout depends on the preset ({@code SignerBits}), so its type is built per config by
 * {@link io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt}.
 */
public final class SignedBeaconBlockHeaderEdvt extends SignedBeaconBlockHeader {
  public static final int SIGNER_BITS = SignedBeaconBlockHeader.FIELD_COUNT;

  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<SignedBeaconBlockHeaderEdvt> FACTORY = SignedBeaconBlockHeaderEdvt::new;

  private SignedBeaconBlockHeaderEdvt(ContainerType<SignedBeaconBlockHeaderEdvt> type, Object[] values) {
    super(type, values);
  }

  /** A value of {@code type} (this preset's EDVT {@code SignedBeaconBlockHeader} type). */
  public static SignedBeaconBlockHeaderEdvt create(
      ContainerType<SignedBeaconBlockHeaderEdvt> type, BeaconBlockHeader message, Bytes signature, SszBits signerBits) {
    return type.create(message, signature, signerBits);
  }

  /** {@code header} as an EDVT header, or empty for a Fulu one. */
  public static Optional<SignedBeaconBlockHeaderEdvt> toVersionEdvt(SignedBeaconBlockHeader header) {
    return header instanceof SignedBeaconBlockHeaderEdvt edvt ? Optional.of(edvt) : Optional.empty();
  }

  /** {@code signer_bits}: {@code SignerBits} ({@code Bitvector[MAX_GROUP_SIZE]}). */
  public SszBits signerBits() {
    return (SszBits) get(SIGNER_BITS);
  }

  /** A copy with {@code signer_bits} replaced. */
  public SignedBeaconBlockHeaderEdvt withSignerBits(SszBits signerBits) {
    return with(SIGNER_BITS, signerBits);
  }
}
