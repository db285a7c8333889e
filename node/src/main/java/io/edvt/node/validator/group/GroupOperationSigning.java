package io.edvt.node.validator.group;

import io.edvt.groups.GroupDomains;
import io.edvt.groups.GroupKeyProofs;
import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.operations.VoluntaryExit;
import io.edvt.spec.edvt.datastructures.groups.GroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.GroupRegistration;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupRegistration;
import io.edvt.spec.edvt.datastructures.validator.GroupExitSignature;
import io.edvt.spec.edvt.datastructures.validator.GroupKeyChangeSignature;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import io.edvt.spec.logic.common.SpecConstants;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * The signatures of EDVT's group operations, as the validator guide has them, for every caller
 * that makes one (the devnet genesis, {@code edvt group register|exit}, member nodes co-signing):
 *
 * <ul>
 *   <li>{@link #registration}: {@code get_group_key_proof} by each member key and
 *       {@code get_group_registration_signature} by the validator's own key;
 *   <li>{@link #exitSignature}: one member's {@code GroupExitSignature} over a
 *       {@code VoluntaryExit}, with the exit domain of the Deneb guide (
 *       {@code CAPELLA_FORK_VERSION}, whatever the fork);
 *   <li>{@link #keyProof}: {@code get_group_key_proof}, a new member key's proof of possession;
 *   <li>{@link #keyChangeSignature}: one member's {@code GroupKeyChangeSignature} over a
 *       {@code GroupKeyChange} ({@code get_group_key_change_signature}).
 * </ul>
 *
 * The caller names the fork version of {@code get_domain}: the one of the state the operation is
 * meant for (a registration is processed by an EDVT block, so its version is the EDVT fork's
 * while EDVT is the latest fork).
 */
public final class GroupOperationSigning {
  private final SpecEdvt edvt;
  private final Bytes32 genesisValidatorsRoot;

  public GroupOperationSigning(SpecEdvt edvt, Bytes32 genesisValidatorsRoot) {
    this.edvt = edvt;
    this.genesisValidatorsRoot = genesisValidatorsRoot;
  }

  /**
   * A {@code SignedGroupRegistration} of {@code validatorIndex} with {@code members} in this order
   * and threshold {@code threshold}, for a state whose fork version is {@code forkVersion}.
   */
  public SignedGroupRegistration registration(Bytes forkVersion, UInt64 validatorIndex, BlsSecretKey ownKey,
      int threshold, List<BlsSecretKey> members) {
    SchemaDefinitionsEdvt schemas = edvt.schemas();
    Bytes32 registrationDomain = edvt.misc().computeDomain(GroupDomains.DOMAIN_GROUP_REGISTRATION, forkVersion,
        genesisValidatorsRoot);
    @SuppressWarnings("unchecked")
    ListType<Bytes> proofsType = (ListType<Bytes>) schemas.groupRegistration().fields().get(3).type();
    List<Bytes48> pubkeys = new ArrayList<>(members.size());
    List<Bytes> proofs = new ArrayList<>(members.size());
    for (BlsSecretKey member : members) {
      Bytes48 pubkey = member.publicKey().toBytes();
      pubkeys.add(pubkey);
      proofs.add(keyProof(forkVersion, validatorIndex, member));
    }
    GroupRegistration message = GroupRegistration.create(schemas.groupRegistration(), validatorIndex,
        UInt64.valueOf(threshold), schemas.groupPubkeys().of(pubkeys), proofsType.of(proofs));
    Bytes32 root = edvt.misc().computeSigningRoot(message.hashTreeRoot(), registrationDomain);
    return SignedGroupRegistration.create(schemas.signedGroupRegistration(), message, Bls.sign(ownKey, root).toBytes());
  }

  /** {@code get_group_key_proof}: {@code key}'s proof of possession as a member of {@code validatorIndex}'s group. */
  public Bytes keyProof(Bytes forkVersion, UInt64 validatorIndex, BlsSecretKey key) {
    Bytes32 domain = edvt.misc().computeDomain(GroupDomains.DOMAIN_GROUP_KEY_PROOF, forkVersion, genesisValidatorsRoot);
    return Bls.sign(key, GroupKeyProofs.signingRoot(validatorIndex, key.publicKey().toBytes(), domain)).toBytes();
  }

  /** The signing root of {@code change} for every member ({@code DOMAIN_GROUP_KEY_CHANGE} at {@code forkVersion}). */
  public Bytes32 keyChangeSigningRoot(GroupKeyChange change, Bytes forkVersion) {
    Bytes32 domain = edvt.misc().computeDomain(GroupDomains.DOMAIN_GROUP_KEY_CHANGE, forkVersion, genesisValidatorsRoot);
    return edvt.misc().computeSigningRoot(change.hashTreeRoot(), domain);
  }

  /** Member {@code memberIndex}'s signature over {@code change}, for a state whose fork version is {@code forkVersion}. */
  public GroupKeyChangeSignature keyChangeSignature(GroupKeyChange change, Bytes forkVersion, int memberIndex,
      BlsSecretKey memberKey) {
    return GroupKeyChangeSignature.create(change, UInt64.valueOf(memberIndex),
        Bls.sign(memberKey, keyChangeSigningRoot(change, forkVersion)).toBytes());
  }

  /** The signing root of {@code exit} for every member ({@code DOMAIN_VOLUNTARY_EXIT} at {@code CAPELLA_FORK_VERSION}). */
  public Bytes32 exitSigningRoot(VoluntaryExit exit) {
    Bytes32 domain = edvt.misc().computeDomain(SpecConstants.DOMAIN_VOLUNTARY_EXIT, edvt.config().capellaForkVersion(),
        genesisValidatorsRoot);
    return edvt.misc().computeSigningRoot(exit.hashTreeRoot(), domain);
  }

  /** Member {@code memberIndex}'s signature over {@code exit}. */
  public GroupExitSignature exitSignature(VoluntaryExit exit, int memberIndex, BlsSecretKey memberKey) {
    return GroupExitSignature.create(exit, UInt64.valueOf(memberIndex), Bls.sign(memberKey, exitSigningRoot(exit)).toBytes());
  }
}
