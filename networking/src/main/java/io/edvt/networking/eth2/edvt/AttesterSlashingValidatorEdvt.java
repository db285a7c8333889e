package io.edvt.networking.eth2.edvt;

import io.edvt.groups.AttesterSlashings;
import io.edvt.groups.GroupKeySet;
import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.validation.AttesterSlashingValidator;
import io.edvt.networking.eth2.validation.GossipContext;
import io.edvt.networking.eth2.validation.ValidationResult;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.operations.IndexedAttestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.logic.SpecEdvt;
import java.util.List;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes48;

/**
 * {@code attester_slashing} (modified in EDVT): the topic carries group offences (a validator with
 * at least its threshold of members in both attestations, {@code get_attester_slashing_indices})
 * and member equivocations (one key in both, {@code get_equivocating_pubkeys}); a slashing is
 * relayed if it proves one not seen before, with valid indexed attestations, and at least one
 * slashable offender or one equivocating key.
 */
public class AttesterSlashingValidatorEdvt extends AttesterSlashingValidator {
  private final EdvtRules rules;

  public AttesterSlashingValidatorEdvt(GossipContext ctx, EdvtRules rules) {
    super(ctx);
    this.rules = rules;
  }

  @Override
  public ValidationResult validate(BeaconState headState, AttesterSlashing slashing) {
    BeaconState state = rules.edvtState(headState);
    SpecEdvt spec = rules.spec();
    IndexedAttestation a1 = slashing.attestation1();
    IndexedAttestation a2 = slashing.attestation2();
    int validators = state.validators().size();
    for (IndexedAttestation a : List.of(a1, a2)) {
      for (UInt64 index : a.attestingIndices()) {
        if (!VirtualIndex.validatorIndexOf(index).isLessThan(validators)) {
          return reject("validator index out of range in indexed attestation");
        }
        if (!VirtualIndex.memberIndexOf(index).isLessThan(GroupKeySet.MAX_GROUP_SIZE)) {
          return reject("member index out of range in indexed attestation");
        }
      }
    }
    MutableBeaconState view = view(state);
    List<Long> offenders = spec.accessors().getAttesterSlashingIndices(view, a1, a2);
    Set<Bytes48> equivocating = AttesterSlashings.equivocatingPubkeys(vote(a1), vote(a2),
        spec.registry().keySetLookup(view));
    boolean newOffender = offenders.stream().anyMatch(i -> !ctx.seen().attesterSlashingIndices.contains(i));
    boolean newKey = equivocating.stream().anyMatch(k -> !ctx.seen().attesterSlashingPubkeys.contains(k));
    if (!newOffender && !newKey) {
      return ignore("no new offender or equivocating key in attester slashing");
    }
    if (!spec.predicates().isSlashableAttestationData(a1.data(), a2.data())) {
      return reject("attestation data is not slashable");
    }
    if (!isValidIndexedAttestation(spec, view, a1)) {
      return reject("invalid indexed attestation 1");
    }
    if (!isValidIndexedAttestation(spec, view, a2)) {
      return reject("invalid indexed attestation 2");
    }
    UInt64 currentEpoch = spec.accessors().getCurrentEpoch(view);
    boolean slashableOffender = offenders.stream().anyMatch(i ->
        spec.predicates().isSlashableValidator(view.validators().get(i.intValue()), currentEpoch));
    if (!slashableOffender && equivocating.isEmpty()) {
      return reject("no slashable offender and no equivocating key");
    }
    boolean added = false;
    for (long i : offenders) {
      added |= ctx.seen().attesterSlashingIndices.add(i);
    }
    for (Bytes48 k : equivocating) {
      added |= ctx.seen().attesterSlashingPubkeys.add(k);
    }
    return added ? ValidationResult.ACCEPT : ignore("no new offender or equivocating key in attester slashing");
  }

  private static AttesterSlashings.IndexedVote vote(IndexedAttestation a) {
    return new AttesterSlashings.IndexedVote(a.attestingIndices().asList(), a.data().target().epoch());
  }
}
