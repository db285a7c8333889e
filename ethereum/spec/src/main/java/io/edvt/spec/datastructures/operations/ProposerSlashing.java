package io.edvt.spec.datastructures.operations;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlockHeader;

/**
 * Two conflicting signed block headers of one proposer (phase0 {@code ProposerSlashing}).
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class ProposerSlashing extends SszContainer {
  public static final ContainerType<ProposerSlashing> TYPE =
      ContainerType.of(
          "ProposerSlashing",
          ProposerSlashing::new,
          field("signed_header_1", SignedBeaconBlockHeader.TYPE),
          field("signed_header_2", SignedBeaconBlockHeader.TYPE));

  private ProposerSlashing(ContainerType<ProposerSlashing> type, Object[] values) {
    super(type, values);
  }

  public static ProposerSlashing create(
      SignedBeaconBlockHeader signedHeader1,
      SignedBeaconBlockHeader signedHeader2) {
    return TYPE.create(signedHeader1, signedHeader2);
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
