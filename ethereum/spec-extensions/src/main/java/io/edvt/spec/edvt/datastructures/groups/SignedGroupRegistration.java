package io.edvt.spec.edvt.datastructures.groups;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import org.apache.tuweni.bytes.Bytes;

/**
 * A {@link GroupRegistration} signed with the validator's own key under
 * {@code DOMAIN_GROUP_REGISTRATION} (EDVT {@code SignedGroupRegistration}).
 *
 * <p>Its layout depends on the preset, so its type is built per config by
 * {@link io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt}.
 */
public final class SignedGroupRegistration extends SszContainer {
  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<SignedGroupRegistration> FACTORY = SignedGroupRegistration::new;

  private SignedGroupRegistration(ContainerType<SignedGroupRegistration> type, Object[] values) {
    super(type, values);
  }

  /** A value of {@code type} (this preset's {@code SignedGroupRegistration} type) from its fields. */
  public static SignedGroupRegistration create(
      ContainerType<SignedGroupRegistration> type, GroupRegistration message, Bytes signature) {
    return type.create(message, signature);
  }

  /** {@code message}: {@code GroupRegistration}. */
  public GroupRegistration message() {
    return (GroupRegistration) get(0);
  }

  /** {@code signature}: {@code BLSSignature}. */
  public Bytes signature() {
    return (Bytes) get(1);
  }
}
