package io.edvt.spec.datastructures.blocks;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.BLS_SIGNATURE;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import org.apache.tuweni.bytes.Bytes;

/**
 * A signed {@link BeaconBlockHeader} (phase0 {@code SignedBeaconBlockHeader}).
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}. Not final: a later milestone that
 * appends fields (EDVT's {@code signer_bits}) subclasses it, numbering its new fields from
 * {@link #FIELD_COUNT}, and builds its own type in its schema definitions.
 */
public class SignedBeaconBlockHeader extends SszContainer {
  /** The number of fields this class knows; a subclass's fields start here. */
  public static final int FIELD_COUNT = 2;

  public static final ContainerType<SignedBeaconBlockHeader> TYPE =
      ContainerType.of(
          "SignedBeaconBlockHeader",
          SignedBeaconBlockHeader::new,
          field("message", BeaconBlockHeader.TYPE),
          field("signature", BLS_SIGNATURE));

  protected SignedBeaconBlockHeader(ContainerType<? extends SignedBeaconBlockHeader> type, Object[] values) {
    super(type, values);
  }

  public static SignedBeaconBlockHeader create(BeaconBlockHeader message, Bytes signature) {
    return TYPE.create(message, signature);
  }

  /** {@code message}: {@code BeaconBlockHeader}. */
  public BeaconBlockHeader message() {
    return (BeaconBlockHeader) get(0);
  }

  /** {@code signature}: {@code BLSSignature}. */
  public Bytes signature() {
    return (Bytes) get(1);
  }
}
