package io.edvt.node.validator.group;

import io.edvt.groups.GroupKeySet;
import io.edvt.groups.KeyChangeRejection;
import io.edvt.groups.Verdict;
import io.edvt.infrastructure.crypto.bls.BlsSignature;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.datastructures.groups.GroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupKeyChange;
import io.edvt.spec.edvt.datastructures.validator.GroupKeyChangeSignature;
import io.edvt.spec.edvt.logic.GroupOperationsEdvt;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * Group key changes as a {@link GroupSignatureCollector} collects them: members sign a
 * {@code GroupKeyChange} ({@code GroupKeyChangeSignature} on {@code group_key_change_signature})
 * with {@code DOMAIN_GROUP_KEY_CHANGE}; the signers are the key set in force that the change names
 * ({@code current_key_set_epoch}); the assembled operation is the {@code SignedGroupKeyChange}.
 *
 * <p>Held keys co-sign only when the member's policy allows key changes
 * ({@code --validators-group-key-changes-cosign}) and the request passes the checks the topic leaves
 * to the member (p2p-interface.md, {@code group_key_change_signature}): every condition of
 * {@code process_group_key_change} on the head but the threshold signature (the new key's proof of
 * possession, its uniqueness, the threshold's range, no pending key set, the balance for an added
 * member), and a resulting key set that is slashing-safe ({@code 2m > n}; validator.md asks for
 * explicit confirmation of an unsafe one, which a node co-signing on its own cannot give).
 */
public final class GroupKeyChanges
    implements GroupSignatureCollector.Operation<GroupKeyChangeSignature, GroupKeyChange, SignedGroupKeyChange> {
  private final SpecEdvt edvt;
  private final GroupOperationSigning signing;
  private final GroupOperationsEdvt rules;

  private GroupKeyChanges(SpecEdvt edvt, GroupOperationSigning signing) {
    this.edvt = edvt;
    this.signing = signing;
    this.rules = new GroupOperationsEdvt(edvt.edvtHelpers());
  }

  /** A collector of key change signatures whose own signatures and assembled changes go to {@code outputs}. */
  public static GroupSignatureCollector<GroupKeyChangeSignature, GroupKeyChange, SignedGroupKeyChange> collector(
      SpecVersions versions, Bytes32 genesisValidatorsRoot,
      GroupSignatureCollector.Outputs<GroupKeyChangeSignature, SignedGroupKeyChange> outputs) {
    SpecEdvt edvt = versions.edvt();
    return new GroupSignatureCollector<>(new GroupKeyChanges(edvt, new GroupOperationSigning(edvt, genesisValidatorsRoot)),
        edvt.edvtConfig().maxGroupSize(), outputs);
  }

  @Override
  public String name() {
    return "key change";
  }

  @Override
  public String describe(GroupKeyChange change) {
    String what;
    boolean noKey = change.newPubkey().isZero();
    if (noKey) {
      what = "remove member " + change.memberIndex() + " or keep the keys";
    } else {
      what = "member " + change.memberIndex() + " gets key " + change.newPubkey().toHexString().substring(0, 12) + "...";
    }
    return "of validator " + change.validatorIndex() + " (key set of epoch " + change.currentKeySetEpoch() + ": " + what
        + ", threshold " + change.newThreshold() + ")";
  }

  @Override
  public GroupKeyChange message(GroupKeyChangeSignature signature) {
    return signature.message();
  }

  @Override
  public int memberIndex(GroupKeyChangeSignature signature) {
    return signature.memberIndex().intValue();
  }

  @Override
  public Bytes signature(GroupKeyChangeSignature signature) {
    return signature.signature();
  }

  @Override
  public GroupKeyChangeSignature signature(GroupKeyChange change, int memberIndex, Bytes signature) {
    return GroupKeyChangeSignature.create(change, UInt64.valueOf(memberIndex), signature);
  }

  /** The group's key set in force on {@code head}, if the change names it. */
  @Override
  public Optional<GroupKeySet<Bytes48>> signers(GroupKeyChange change, MutableBeaconState head) {
    return edvt.registry().getGroupIndex(head, change.validatorIndex().longValue())
        .flatMap(g -> edvt.registry().getGroupKeySet(edvt.registry().groups(head).get(g), edvt.accessors().getCurrentEpoch(head)))
        .filter(set -> set.activationEpoch().equals(change.currentKeySetEpoch()));
  }

  @Override
  public Optional<String> cosignRefusal(GroupKeyChange change, MutableBeaconState head) {
    // no signer: the rule then fails at its last check (the threshold signature) if and only if all others hold
    SignedGroupKeyChange unsigned = SignedGroupKeyChange.create(edvt.schemas().signedGroupKeyChange(), change,
        BlsSignature.INFINITY.toBytes(), SszBits.withSet(edvt.edvtConfig().maxGroupSize()));
    Verdict<KeyChangeRejection> verdict;
    try {
      verdict = rules.validateGroupKeyChange(head, unsigned, SignatureVerifier.SIMPLE);
    } catch (RuntimeException e) {
      return Optional.of("the new key or its proof is not a valid point (" + e.getMessage() + ")");
    }
    if (verdict.reason().filter(r -> r != KeyChangeRejection.NOT_AUTHORISED).isPresent()) {
      return Optional.of("process_group_key_change would reject it: " + verdict.message());
    }
    int members = signers(change, head).map(GroupKeySet::size).orElse(0);
    int newMembers = change.newPubkey().isZero()
        ? (change.memberIndex().intValue() < members ? members - 1 : members)
        : (change.memberIndex().intValue() < members ? members : members + 1);
    if (2 * change.newThreshold().longValue() <= newMembers) {
      return Optional.of("threshold " + change.newThreshold() + " of " + newMembers + " is not slashing-safe (2m <= n)");
    }
    return Optional.empty();
  }

  @Override
  public Bytes32 signingRoot(GroupKeyChange change, MutableBeaconState head) {
    return signing.keyChangeSigningRoot(change, head.fork().currentVersion());
  }

  @Override
  public SignedGroupKeyChange assemble(GroupKeyChange change, Bytes aggregate, SszBits signerBits) {
    return SignedGroupKeyChange.create(edvt.schemas().signedGroupKeyChange(), change, aggregate, signerBits);
  }
}
