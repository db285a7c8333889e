package io.edvt.spec.datastructures.blocks;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import org.apache.tuweni.bytes.Bytes;

/**
 * A signed {@link BeaconBlock} (phase0 {@code SignedBeaconBlock}).
 *
 * <p>Its layout depends on the preset, so its type is built per config by the schema definitions
 * ({@code io.edvt.spec.schemas}). Not final: a later milestone that appends fields (EDVT's
 * {@code signer_bits}) subclasses it, numbering its new fields from {@link #FIELD_COUNT}.
 */
public class SignedBeaconBlock extends SszContainer {
  /** The number of fields this class knows; a subclass's fields start here. */
  public static final int FIELD_COUNT = 2;

  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<SignedBeaconBlock> FACTORY = SignedBeaconBlock::new;

  protected SignedBeaconBlock(ContainerType<? extends SignedBeaconBlock> type, Object[] values) {
    super(type, values);
  }

  /** A value of {@code type} (this preset's {@code SignedBeaconBlock} type) from its fields. */
  public static SignedBeaconBlock create(
      ContainerType<? extends SignedBeaconBlock> type,
      BeaconBlock message,
      Bytes signature) {
    return type.create(message, signature);
  }

  /** {@code message}: {@code BeaconBlock}. */
  public BeaconBlock message() {
    return (BeaconBlock) get(0);
  }

  /** {@code signature}: {@code BLSSignature}. */
  public Bytes signature() {
    return (Bytes) get(1);
  }
}
