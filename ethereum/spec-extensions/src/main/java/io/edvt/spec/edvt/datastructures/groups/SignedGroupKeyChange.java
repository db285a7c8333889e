package io.edvt.spec.edvt.datastructures.groups;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import org.apache.tuweni.bytes.Bytes;

/**
 * A {@link GroupKeyChange} signed by the members of the key set in force that {@code signer_bits}
 * names, their signatures aggregated, under {@code DOMAIN_GROUP_KEY_CHANGE} (EDVT
 * {@code SignedGroupKeyChange}).
 *
 * <p>Its layout depends on the preset ({@code SignerBits}), so its type is built per config by
 * {@link io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt}.
 */
public final class SignedGroupKeyChange extends SszContainer {
  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<SignedGroupKeyChange> FACTORY = SignedGroupKeyChange::new;

  private SignedGroupKeyChange(ContainerType<SignedGroupKeyChange> type, Object[] values) {
    super(type, values);
  }

  /** A value of {@code type} (this preset's {@code SignedGroupKeyChange} type) from its fields. */
  public static SignedGroupKeyChange create(
      ContainerType<SignedGroupKeyChange> type, GroupKeyChange message, Bytes signature, SszBits signerBits) {
    return type.create(message, signature, signerBits);
  }

  /** {@code message}: {@code GroupKeyChange}. */
  public GroupKeyChange message() {
    return (GroupKeyChange) get(0);
  }

  /** {@code signature}: {@code BLSSignature}, the aggregate of the signers' signatures. */
  public Bytes signature() {
    return (Bytes) get(1);
  }

  /** {@code signer_bits}: {@code SignerBits} ({@code Bitvector[MAX_GROUP_SIZE]}). */
  public SszBits signerBits() {
    return (SszBits) get(2);
  }
}
