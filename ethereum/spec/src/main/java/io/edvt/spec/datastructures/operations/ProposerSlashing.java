package io.edvt.spec.datastructures.operations;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlockHeader;

/**
 * Two conflicting signed block headers of one proposer (phase0 {@code ProposerSlashing}).
 *
 * <p>Through Fulu its layout is the same in every preset: {@link #TYPE}. A later milestone whose
 * {@code SignedBeaconBlockHeader} changes (EDVT) builds another type of this class from
 * {@link #FACTORY} in its schema definitions; the accessors then return its header class.
 */
public final class ProposerSlashing extends SszContainer {
  public static final ContainerType<ProposerSlashing> TYPE =
      ContainerType.of(
          "ProposerSlashing",
          ProposerSlashing::new,
          field("signed_header_1", SignedBeaconBlockHeader.TYPE),
          field("signed_header_2", SignedBeaconBlockHeader.TYPE));

  /** Makes values for a later milestone's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<ProposerSlashing> FACTORY = ProposerSlashing::new;

  private ProposerSlashing(ContainerType<ProposerSlashing> type, Object[] values) {
    super(type, values);
  }

  public static ProposerSlashing create(
      SignedBeaconBlockHeader signedHeader1,
      SignedBeaconBlockHeader signedHeader2) {
    return create(TYPE, signedHeader1, signedHeader2);
  }

  /** A value of {@code type} (a milestone's {@code ProposerSlashing} type) from its fields. */
  public static ProposerSlashing create(
      ContainerType<ProposerSlashing> type,
      SignedBeaconBlockHeader signedHeader1,
      SignedBeaconBlockHeader signedHeader2) {
    return type.create(signedHeader1, signedHeader2);
  }

  /** {@code signed_header_1}: {@code SignedBeaconBlockHeader}. */
  public SignedBeaconBlockHeader signedHeader1() {
    return (SignedBeaconBlockHeader) get(0);
  }

  /** {@code signed_header_2}: {@code SignedBeaconBlockHeader}. */
  public SignedBeaconBlockHeader signedHeader2() {
    return (SignedBeaconBlockHeader) get(1);
  }
}
