package io.edvt.spec.edvt.datastructures.blocks;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;

/**
 * The EDVT {@code SignedBeaconBlock}: a block with an EDVT body, its signature and
 * {@code signer_bits}, the members of the proposer's key set whose signatures {@code signature}
 * aggregates (member {@code 0} only for a validator without a group).
 *
 * <p>Its layout depends on the preset, so its type is built per config by
 * {@link io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt}.
 */
public final class SignedBeaconBlockEdvt extends SignedBeaconBlock {
  public static final int SIGNER_BITS = SignedBeaconBlock.FIELD_COUNT;

  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<SignedBeaconBlockEdvt> FACTORY = SignedBeaconBlockEdvt::new;

  private SignedBeaconBlockEdvt(ContainerType<SignedBeaconBlockEdvt> type, Object[] values) {
    super(type, values);
  }

  /** A value of {@code type} (this preset's EDVT {@code SignedBeaconBlock} type). */
  public static SignedBeaconBlockEdvt create(
      ContainerType<SignedBeaconBlockEdvt> type, BeaconBlock message, Bytes signature, SszBits signerBits) {
    return type.create(message, signature, signerBits);
  }

  /** {@code block} as an EDVT block, or empty for a Fulu one. */
  public static Optional<SignedBeaconBlockEdvt> toVersionEdvt(SignedBeaconBlock block) {
    return block instanceof SignedBeaconBlockEdvt edvt ? Optional.of(edvt) : Optional.empty();
  }

  /** {@code signer_bits}: {@code SignerBits} ({@code Bitvector[MAX_GROUP_SIZE]}). */
  public SszBits signerBits() {
    return (SszBits) get(SIGNER_BITS);
  }

  /** A copy with {@code signer_bits} replaced. */
  public SignedBeaconBlockEdvt withSignerBits(SszBits signerBits) {
    return with(SIGNER_BITS, signerBits);
  }
}
