package io.edvt.spec.datastructures.operations;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.BLS_SIGNATURE;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import org.apache.tuweni.bytes.Bytes;

/**
 * A signed {@link VoluntaryExit} (phase0 {@code SignedVoluntaryExit}).
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}. Not final: a later milestone that
 * appends fields (EDVT's {@code signer_bits}) subclasses it, numbering its new fields from
 * {@link #FIELD_COUNT}, and builds its own type in its schema definitions.
 */
public class SignedVoluntaryExit extends SszContainer {
  /** The number of fields this class knows; a subclass's fields start here. */
  public static final int FIELD_COUNT = 2;

  public static final ContainerType<SignedVoluntaryExit> TYPE =
      ContainerType.of(
          "SignedVoluntaryExit",
          SignedVoluntaryExit::new,
          field("message", VoluntaryExit.TYPE),
          field("signature", BLS_SIGNATURE));

  protected SignedVoluntaryExit(ContainerType<? extends SignedVoluntaryExit> type, Object[] values) {
    super(type, values);
  }

  public static SignedVoluntaryExit create(VoluntaryExit message, Bytes signature) {
    return TYPE.create(message, signature);
  }

  /** {@code message}: {@code VoluntaryExit}. */
  public VoluntaryExit message() {
    return (VoluntaryExit) get(0);
  }

  /** {@code signature}: {@code BLSSignature}. */
  public Bytes signature() {
    return (Bytes) get(1);
  }
}
