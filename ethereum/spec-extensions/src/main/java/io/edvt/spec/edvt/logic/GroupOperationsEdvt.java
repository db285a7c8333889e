package io.edvt.spec.edvt.logic;

import static io.edvt.groups.GroupDomains.DOMAIN_GROUP_KEY_CHANGE;
import static io.edvt.groups.GroupDomains.DOMAIN_GROUP_KEY_PROOF;
import static io.edvt.groups.GroupDomains.DOMAIN_GROUP_REGISTRATION;
import static io.edvt.spec.logic.common.SpecConstants.FAR_FUTURE_EPOCH;

import io.edvt.groups.GroupKeyProofs;
import io.edvt.groups.GroupKeySets;
import io.edvt.groups.KeyChange;
import io.edvt.groups.KeyChangeRejection;
import io.edvt.groups.KeyChangeValidator;
import io.edvt.groups.KeyRotationTiming;
import io.edvt.groups.KeyUsage;
import io.edvt.groups.MemberSignatures;
import io.edvt.groups.RegistrationRejection;
import io.edvt.groups.RegistrationValidator;
import io.edvt.groups.SignerSet;
import io.edvt.groups.ThresholdVerifier;
import io.edvt.groups.ValidatorStatus;
import io.edvt.groups.Verdict;
import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.crypto.bls.BlsSignature;
import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.edvt.datastructures.groups.Group;
import io.edvt.spec.edvt.datastructures.groups.GroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.GroupRegistration;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupRegistration;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import io.edvt.spec.logic.common.PubkeyIndex;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.versions.fulu.BeaconStateAccessorsFulu;
import io.edvt.spec.logic.versions.fulu.MiscHelpersFulu;
import io.edvt.spec.logic.versions.fulu.PredicatesFulu;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * EDVT's group operations (beacon-chain.md): {@code process_group_registration}, {@code
 * process_group_key_change}, the mutator {@code add_group_to_registry} and the predicates {@code
 * is_valid_group_key_proof}, {@code is_group_pubkey} and {@code is_pubkey_in_use}.
 *
 * <p>The assertions are not re-derived here: each operation is judged by the scheme-agnostic rule
 * of {@code io.edvt.groups} ({@link RegistrationValidator}, {@link KeyChangeValidator}) with the
 * BLS scheme whose signature checks go through the block's {@link SignatureVerifier}; this class
 * only reads the state facts the rule needs, computes the signing roots from the SSZ containers
 * and writes the accepted result into the state. A rejection throws {@link
 * StateTransitionException} naming the rule's reason.
 */
public class GroupOperationsEdvt {
  protected final SpecConfig config;
  protected final SchemaDefinitionsEdvt schemas;
  protected final MiscHelpersFulu misc;
  protected final PredicatesFulu predicates;
  protected final BeaconStateAccessorsFulu accessors;
  protected final GroupRegistryEdvt registry;
  private final KeyRotationTiming timing;

  public GroupOperationsEdvt(EdvtHelpers helpers) {
    this.config = helpers.config();
    this.schemas = helpers.schemas();
    this.misc = helpers.misc();
    this.predicates = helpers.predicates();
    this.accessors = helpers.accessors();
    this.registry = helpers.registry();
    this.timing = registry.timing();
  }

  public GroupRegistryEdvt registry() {
    return registry;
  }

  // ------------------------------------------------------------------ predicates

  /** {@code is_valid_group_key_proof}: {@code proof} is {@code pubkey}'s signature over {@code GroupKeyProof}. */
  public boolean isValidGroupKeyProof(MutableBeaconState state, long validatorIndex, Bytes48 pubkey, Bytes proof,
      SignatureVerifier verifier) {
    GroupKeyProofs<BlsPublicKey, BlsSignature> proofs = new GroupKeyProofs<>(new VerifierBlsScheme(verifier));
    return proofs.isValid(UInt64.valueOf(validatorIndex), BlsPublicKey.fromBytes(pubkey), BlsSignature.fromBytes(proof),
        keyProofDomain(state));
  }

  /**
   * {@code is_group_pubkey}: {@code pubkey} is in a stored key set (retired, in force or pending) of a
   * group. Answered from the state's {@link GroupRegistryIndex} (brought up to date with the groups that
   * changed since it was made) instead of the spec's scan of every stored key.
   */
  public boolean isGroupPubkey(MutableBeaconState state, Bytes48 pubkey) {
    return registry.index(state).containsKey(pubkey);
  }

  /** {@code is_pubkey_in_use}: a validator's key or a stored group key. */
  public boolean isPubkeyInUse(MutableBeaconState state, Bytes48 pubkey) {
    return PubkeyIndex.of(state).indexOf(state, pubkey).isPresent() || isGroupPubkey(state, pubkey);
  }

  // ------------------------------------------------------------------ mutators

  /**
   * {@code add_group_to_registry}: the stored key sets of {@link GroupKeySets#registered} (the own
   * key, then {@code keySet}), and {@code MAX_GROUP_SIZE} zero flags in each member participation list.
   */
  public void addGroupToRegistry(MutableBeaconState state, long validatorIndex, io.edvt.groups.GroupKeySet<Bytes48> keySet) {
    Bytes48 ownKey = state.validators().get((int) validatorIndex).pubkey();
    registry.groups(state).append(registry.toGroup(UInt64.valueOf(validatorIndex), GroupKeySets.registered(ownKey, keySet)));
    SszListEditor<Integer> previous = state.list(BeaconStateEdvt.PREVIOUS_EPOCH_MEMBER_PARTICIPATION);
    SszListEditor<Integer> current = state.list(BeaconStateEdvt.CURRENT_EPOCH_MEMBER_PARTICIPATION);
    for (int i = 0; i < io.edvt.groups.GroupKeySet.MAX_GROUP_SIZE; i++) {
      previous.append(0);
      current.append(0);
    }
  }

  // ------------------------------------------------------------------ process_group_registration

  /** The verdict of {@code process_group_registration}'s assertions on {@code state}, without changing it. */
  public Verdict<RegistrationRejection> validateGroupRegistration(MutableBeaconState state,
      SignedGroupRegistration signed, SignatureVerifier verifier) {
    GroupRegistration registration = signed.message();
    RegistrationValidator<BlsPublicKey, BlsSignature> rule =
        new RegistrationValidator<>(new VerifierBlsScheme(verifier), config.minActivationBalance(), timing);
    Bytes32 signingRoot = misc.computeSigningRoot(registration.hashTreeRoot(),
        accessors.getDomain(state, DOMAIN_GROUP_REGISTRATION, null));
    return rule.validate(toRule(registration), signingRoot, BlsSignature.fromBytes(signed.signature()),
        registrationContext(state, registration.validatorIndex()));
  }

  /** {@code process_group_registration}. */
  public void processGroupRegistration(MutableBeaconState state, SignedGroupRegistration signed, SignatureVerifier verifier) {
    Verdict<RegistrationRejection> verdict = validateGroupRegistration(state, signed, verifier);
    if (verdict.isRejected()) {
      throw new StateTransitionException("process_group_registration: " + verdict);
    }
    GroupRegistration registration = signed.message();
    UInt64 activationEpoch = timing.keySetActivationEpoch(accessors.getCurrentEpoch(state));
    addGroupToRegistry(state, registration.validatorIndex().longValue(), new io.edvt.groups.GroupKeySet<>(
        registration.threshold().intValue(), registration.pubkeys().asList(), activationEpoch));
  }

  private io.edvt.groups.GroupRegistration<BlsPublicKey, BlsSignature> toRule(GroupRegistration registration) {
    List<BlsPublicKey> keys = new ArrayList<>();
    for (Bytes48 key : registration.pubkeys()) {
      keys.add(BlsPublicKey.fromBytes(key));
    }
    List<BlsSignature> proofs = new ArrayList<>();
    for (Bytes proof : registration.proofsOfPossession()) {
      proofs.add(BlsSignature.fromBytes(proof));
    }
    return new io.edvt.groups.GroupRegistration<>(registration.validatorIndex(), registration.threshold(), keys, proofs);
  }

  private RegistrationValidator.Context<BlsPublicKey> registrationContext(MutableBeaconState state, UInt64 validatorIndex) {
    Optional<ValidatorStatus<BlsPublicKey>> validator = validatorStatus(state, validatorIndex);
    boolean hasGroup = validator.isPresent() && registry.getGroupIndex(state, validatorIndex.longValue()).isPresent();
    return new RegistrationValidator.Context<>(validator, hasGroup, accessors.getCurrentEpoch(state), keyUsage(state),
        keyProofDomain(state));
  }

  // ------------------------------------------------------------------ process_group_key_change

  /** The verdict of {@code process_group_key_change}'s assertions on {@code state}, without changing it. */
  public Verdict<KeyChangeRejection> validateGroupKeyChange(MutableBeaconState state, SignedGroupKeyChange signed,
      SignatureVerifier verifier) {
    GroupKeyChange change = signed.message();
    KeyChangeValidator<BlsPublicKey, BlsSignature> rule = keyChangeRule(verifier);
    Bytes32 signingRoot = misc.computeSigningRoot(change.hashTreeRoot(),
        accessors.getDomain(state, DOMAIN_GROUP_KEY_CHANGE, null));
    MemberSignatures<BlsSignature> authorisation = MemberSignatures.aggregate(
        SignerSet.fromBooleans(toBooleans(signed)), BlsSignature.fromBytes(signed.signature()));
    return rule.validate(toRule(change), signingRoot, authorisation, keyChangeContext(state, change.validatorIndex()));
  }

  /** {@code process_group_key_change}. */
  public void processGroupKeyChange(MutableBeaconState state, SignedGroupKeyChange signed, SignatureVerifier verifier) {
    Verdict<KeyChangeRejection> verdict = validateGroupKeyChange(state, signed, verifier);
    if (verdict.isRejected()) {
      throw new StateTransitionException("process_group_key_change: " + verdict);
    }
    GroupKeyChange change = signed.message();
    long validatorIndex = change.validatorIndex().longValue();
    int groupIndex = registry.getGroupIndex(state, validatorIndex).orElseThrow();
    SszListEditor<Group> groups = registry.groups(state);
    Group group = groups.get(groupIndex);
    UInt64 currentEpoch = accessors.getCurrentEpoch(state);
    GroupKeySets<BlsPublicKey> after = keyChangeRule(verifier).apply(toRule(change), toRule(group), currentEpoch);
    io.edvt.groups.GroupKeySet<BlsPublicKey> pending = after.last();
    List<Bytes48> keys = new ArrayList<>();
    for (BlsPublicKey key : pending.keys()) {
      keys.add(key.toBytes());
    }
    GroupKeySets<Bytes48> stored = registry.keySets(group).withAppended(
        new io.edvt.groups.GroupKeySet<>(pending.threshold(), keys, pending.activationEpoch()));
    groups.set(groupIndex, registry.toGroup(group.validatorIndex(), stored));
  }

  private KeyChangeValidator<BlsPublicKey, BlsSignature> keyChangeRule(SignatureVerifier verifier) {
    return new KeyChangeValidator<>(new ThresholdVerifier<>(new VerifierBlsScheme(verifier)), config.minActivationBalance(),
        timing);
  }

  private static boolean[] toBooleans(SignedGroupKeyChange signed) {
    boolean[] bits = new boolean[signed.signerBits().length()];
    for (int i = 0; i < bits.length; i++) {
      bits[i] = signed.signerBits().get(i);
    }
    return bits;
  }

  private static KeyChange<BlsPublicKey, BlsSignature> toRule(GroupKeyChange change) {
    return new KeyChange<>(change.validatorIndex(), change.currentKeySetEpoch(), change.memberIndex(),
        BlsPublicKey.fromBytes(change.newPubkey()), BlsSignature.fromBytes(change.proofOfPossession()), change.newThreshold());
  }

  private KeyChangeValidator.Context<BlsPublicKey> keyChangeContext(MutableBeaconState state, UInt64 validatorIndex) {
    Optional<ValidatorStatus<BlsPublicKey>> validator = validatorStatus(state, validatorIndex);
    Optional<GroupKeySets<BlsPublicKey>> group = validator.isEmpty()
        ? Optional.empty()
        : registry.getGroupIndex(state, validatorIndex.longValue()).map(g -> toRule(registry.groups(state).get(g)));
    return new KeyChangeValidator.Context<>(validator, group, accessors.getCurrentEpoch(state), keyUsage(state),
        keyProofDomain(state));
  }

  /** The stored key sets of {@code group} as the group rules see them, with BLS keys. */
  private GroupKeySets<BlsPublicKey> toRule(Group group) {
    List<io.edvt.groups.GroupKeySet<BlsPublicKey>> sets = new ArrayList<>();
    for (io.edvt.groups.GroupKeySet<Bytes48> keySet : registry.keySets(group).keySets()) {
      List<BlsPublicKey> keys = new ArrayList<>(keySet.size());
      for (Bytes48 key : keySet.keys()) {
        keys.add(BlsPublicKey.fromBytes(key));
      }
      sets.add(new io.edvt.groups.GroupKeySet<>(keySet.threshold(), keys, keySet.activationEpoch()));
    }
    return GroupKeySets.fromStored(sets);
  }

  // ------------------------------------------------------------------ state facts

  private Optional<ValidatorStatus<BlsPublicKey>> validatorStatus(MutableBeaconState state, UInt64 validatorIndex) {
    if (validatorIndex.compareTo(UInt64.valueOf(state.validators().size())) >= 0) {
      return Optional.empty();
    }
    Validator v = state.validators().get(validatorIndex.intValue());
    UInt64 epoch = accessors.getCurrentEpoch(state);
    return Optional.of(new ValidatorStatus<>(BlsPublicKey.fromBytes(v.pubkey()), v.effectiveBalance(),
        predicates.isActiveValidator(v, epoch), v.slashed(), !v.exitEpoch().equals(FAR_FUTURE_EPOCH)));
  }

  private KeyUsage<BlsPublicKey> keyUsage(MutableBeaconState state) {
    return key -> isPubkeyInUse(state, key.toBytes());
  }

  private Bytes32 keyProofDomain(MutableBeaconState state) {
    return accessors.getDomain(state, DOMAIN_GROUP_KEY_PROOF, null);
  }
}
