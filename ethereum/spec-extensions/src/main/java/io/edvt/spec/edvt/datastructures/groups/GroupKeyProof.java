package io.edvt.spec.edvt.datastructures.groups;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.BLS_PUBKEY;
import static io.edvt.spec.datastructures.SpecTypes.VALIDATOR_INDEX;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import org.apache.tuweni.bytes.Bytes48;

/**
 * The message a member key signs to prove possession (EDVT {@code GroupKeyProof}), under
 * {@code DOMAIN_GROUP_KEY_PROOF}. It binds the key to the validator it will serve, so a proof
 * cannot be replayed into another validator's group.
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class GroupKeyProof extends SszContainer {
  public static final ContainerType<GroupKeyProof> TYPE =
      ContainerType.of(
          "GroupKeyProof",
          GroupKeyProof::new,
          field("validator_index", VALIDATOR_INDEX),
          field("pubkey", BLS_PUBKEY));

  private GroupKeyProof(ContainerType<GroupKeyProof> type, Object[] values) {
    super(type, values);
  }

  public static GroupKeyProof create(UInt64 validatorIndex, Bytes48 pubkey) {
    return TYPE.create(validatorIndex, pubkey);
  }

  /** {@code validator_index}: {@code ValidatorIndex}. */
  public UInt64 validatorIndex() {
    return (UInt64) get(0);
  }

  /** {@code pubkey}: {@code BLSPubkey}. */
  public Bytes48 pubkey() {
    return (Bytes48) get(1);
  }
}
