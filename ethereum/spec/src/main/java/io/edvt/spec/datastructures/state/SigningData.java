package io.edvt.spec.datastructures.state;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.DOMAIN;
import static io.edvt.spec.datastructures.SpecTypes.ROOT;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The message actually signed: an object root bound to a domain (phase0 {@code SigningData}).
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class SigningData extends SszContainer {
  public static final ContainerType<SigningData> TYPE =
      ContainerType.of(
          "SigningData",
          SigningData::new,
          field("object_root", ROOT),
          field("domain", DOMAIN));

  private SigningData(ContainerType<SigningData> type, Object[] values) {
    super(type, values);
  }

  public static SigningData create(Bytes32 objectRoot, Bytes32 domain) {
    return TYPE.create(objectRoot, domain);
  }

  /** {@code object_root}: {@code Root}. */
  public Bytes32 objectRoot() {
    return (Bytes32) get(0);
  }

  /** {@code domain}: {@code Domain}. */
  public Bytes32 domain() {
    return (Bytes32) get(1);
  }
}
