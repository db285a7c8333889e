package io.edvt.networking.eth2.validation;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.operations.IndexedAttestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code attester_slashing}: phase0's {@code validate_attester_slashing_gossip} with Electra's
 * {@code AttesterSlashing}, unchanged in Fulu. EDVT's version (offenders by threshold, equivocating
 * keys) is a different rule set and overrides {@link #validate}.
 */
public class AttesterSlashingValidator extends TopicValidator {
  public AttesterSlashingValidator(GossipContext ctx) {
    super(ctx);
  }

  public ValidationResult validate(BeaconState state, AttesterSlashing slashing) {
    SpecFulu spec = spec(state);
    IndexedAttestation a1 = slashing.attestation1();
    IndexedAttestation a2 = slashing.attestation2();
    Set<UInt64> indices1 = new HashSet<>(a1.attestingIndices().asList());
    Set<UInt64> slashable = new HashSet<>();
    for (UInt64 i : a2.attestingIndices()) {
      if (indices1.contains(i)) {
        slashable.add(i);
      }
    }
    if (slashable.stream().allMatch(i -> ctx.seen().attesterSlashingIndices.contains(i.longValue()))) {
      return ignore("all attester slashing indices already seen");
    }
    if (!spec.predicates().isSlashableAttestationData(a1.data(), a2.data())) {
      return reject("attestation data is not slashable");
    }
    MutableBeaconState view = view(state);
    int validators = state.validators().size();
    if (a1.attestingIndices().stream().anyMatch(i -> !i.isLessThan(validators))) {
      return reject("validator index out of range in indexed attestation 1");
    }
    if (!isValidIndexedAttestation(spec, view, a1)) {
      return reject("invalid indexed attestation 1");
    }
    if (a2.attestingIndices().stream().anyMatch(i -> !i.isLessThan(validators))) {
      return reject("validator index out of range in indexed attestation 2");
    }
    if (!isValidIndexedAttestation(spec, view, a2)) {
      return reject("invalid indexed attestation 2");
    }
    UInt64 currentEpoch = spec.accessors().getCurrentEpoch(view);
    boolean anySlashable = slashable.stream().anyMatch(i ->
        spec.predicates().isSlashableValidator(view.validators().get(i.intValue()), currentEpoch));
    if (!anySlashable) {
      return reject("no slashable validators in intersection");
    }
    boolean added = false;
    for (UInt64 i : slashable) {
      added |= ctx.seen().attesterSlashingIndices.add(i.longValue());
    }
    return added ? ValidationResult.ACCEPT : ignore("all attester slashing indices already seen");
  }

  protected static boolean isValidIndexedAttestation(SpecFulu spec, MutableBeaconState view, IndexedAttestation a) {
    try {
      return spec.accessors().isValidIndexedAttestation(view, a, SignatureVerifier.SIMPLE);
    } catch (io.edvt.infrastructure.crypto.bls.BlsException e) {
      return false;
    }
  }
}
