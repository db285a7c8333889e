package io.edvt.node.validator;

import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_AGGREGATE_AND_PROOF;
import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_BEACON_ATTESTER;
import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_BEACON_PROPOSER;
import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_CONTRIBUTION_AND_PROOF;
import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_RANDAO;
import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_SELECTION_PROOF;
import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_SYNC_COMMITTEE;
import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_SYNC_COMMITTEE_SELECTION_PROOF;

import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.validator.slashing.Decision;
import io.edvt.node.validator.slashing.SlashingProtection;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.validator.AggregateAndProof;
import io.edvt.spec.datastructures.validator.ContributionAndProof;
import io.edvt.spec.datastructures.validator.SyncAggregatorSelectionData;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;

/**
 * Signs what validators sign, with the domain the spec verifies each under (the validator guide's
 * {@code get_*_signature}), for the keys the node holds; a member key signs exactly as a validator
 * key does. Blocks and attestations, the slashable messages, are signed only after
 * {@link SlashingProtection} has checked and durably recorded them: a refusal is an empty result
 * and a warning. RANDAO reveals, selection proofs, aggregates' and contributions' outer signatures and sync
 * committee messages cannot be slashed and are signed directly.
 *
 * <p>Domains are taken from the state passed in (its fork and genesis validators root), which must
 * be of the message's epoch's fork.
 */
public final class Signer {
  private static final System.Logger LOG = System.getLogger(Signer.class.getName());

  private final SpecVersions versions;
  private final SlashingProtection protection;
  private final Map<BlsPublicKey, BlsSecretKey> keys;
  private final boolean enforce;

  public Signer(SpecVersions versions, SlashingProtection protection, List<BlsSecretKey> secretKeys) {
    this.versions = versions;
    this.protection = protection;
    this.keys = new HashMap<>();
    for (BlsSecretKey key : secretKeys) {
      keys.put(key.publicKey(), key);
    }
    this.enforce = true;
  }

  private Signer(Signer protectedSigner) {
    this.versions = protectedSigner.versions;
    this.protection = protectedSigner.protection;
    this.keys = protectedSigner.keys;
    this.enforce = false;
  }

  /**
   * Testing only ({@code --Xchaos-equivocate}): the same keys, but a refusal of slashing protection
   * is overridden: the message is still checked and recorded when it can be, and signed either way,
   * with a warning. Only the chaos wiring of a deliberately broken node creates one.
   */
  public Signer overridingSlashingProtection() {
    return new Signer(this);
  }

  public java.util.Set<BlsPublicKey> publicKeys() {
    return java.util.Collections.unmodifiableSet(keys.keySet());
  }

  /** {@code get_attestation_signature}, after slashing protection (source and target epochs, signing root). */
  public Optional<Bytes> attestation(BlsPublicKey key, BeaconState state, AttestationData data) {
    Bytes32 root = signingRoot(state, data.hashTreeRoot(), DOMAIN_BEACON_ATTESTER, data.target().epoch());
    Decision decision = protection.checkAndRecordAttestation(key, data.source().epoch(), data.target().epoch(), root);
    return release(key, root, decision, "attestation of slot " + data.slot());
  }

  /** {@code get_block_signature}, after slashing protection (slot, signing root). */
  public Optional<Bytes> block(BlsPublicKey key, BeaconState state, BeaconBlock block) {
    SpecFulu spec = versions.forState(state);
    Bytes32 root = signingRoot(state, block.hashTreeRoot(), DOMAIN_BEACON_PROPOSER, spec.misc().computeEpochAtSlot(block.slot()));
    Decision decision = protection.checkAndRecordBlock(key, block.slot(), root);
    return release(key, root, decision, "block of slot " + block.slot());
  }

  /** {@code get_epoch_signature}: the RANDAO reveal for {@code epoch}. */
  public Bytes randaoReveal(BlsPublicKey key, BeaconState state, UInt64 epoch) {
    SpecFulu spec = versions.forState(state);
    Bytes32 domain = spec.accessors().getDomain(new MutableBeaconState(state), DOMAIN_RANDAO, epoch);
    return sign(key, spec.misc().computeSigningRoot(epoch, domain));
  }

  /** {@code get_slot_signature}: the aggregator selection proof for {@code slot}. */
  public Bytes selectionProof(BlsPublicKey key, BeaconState state, UInt64 slot) {
    SpecFulu spec = versions.forState(state);
    Bytes32 domain = spec.accessors().getDomain(new MutableBeaconState(state), DOMAIN_SELECTION_PROOF, spec.misc().computeEpochAtSlot(slot));
    return sign(key, spec.misc().computeSigningRoot(slot, domain));
  }

  /** {@code get_aggregate_and_proof_signature}. */
  public Bytes aggregateAndProof(BlsPublicKey key, BeaconState state, AggregateAndProof message) {
    SpecFulu spec = versions.forState(state);
    return sign(key, signingRoot(state, message.hashTreeRoot(), DOMAIN_AGGREGATE_AND_PROOF,
        spec.misc().computeEpochAtSlot(message.aggregate().data().slot())));
  }

  /** {@code get_sync_committee_message}'s signature over {@code blockRoot} at {@code slot}. */
  public Bytes syncCommitteeMessage(BlsPublicKey key, BeaconState state, UInt64 slot, Bytes32 blockRoot) {
    SpecFulu spec = versions.forState(state);
    return sign(key, signingRoot(state, blockRoot, DOMAIN_SYNC_COMMITTEE, spec.misc().computeEpochAtSlot(slot)));
  }

  /** {@code get_sync_committee_selection_proof}: the sync aggregator selection proof for {@code subcommitteeIndex} at {@code slot}. */
  public Bytes syncSelectionProof(BlsPublicKey key, BeaconState state, UInt64 slot, int subcommitteeIndex) {
    SpecFulu spec = versions.forState(state);
    Bytes32 root = SyncAggregatorSelectionData.create(slot, UInt64.valueOf(subcommitteeIndex)).hashTreeRoot();
    return sign(key, signingRoot(state, root, DOMAIN_SYNC_COMMITTEE_SELECTION_PROOF, spec.misc().computeEpochAtSlot(slot)));
  }

  /** {@code get_contribution_and_proof_signature}. */
  public Bytes contributionAndProof(BlsPublicKey key, BeaconState state, ContributionAndProof message) {
    SpecFulu spec = versions.forState(state);
    return sign(key, signingRoot(state, message.hashTreeRoot(), DOMAIN_CONTRIBUTION_AND_PROOF,
        spec.misc().computeEpochAtSlot(message.contribution().slot())));
  }

  private Bytes32 signingRoot(BeaconState state, Bytes32 objectRoot, Bytes domainType, UInt64 epoch) {
    SpecFulu spec = versions.forState(state);
    Bytes32 domain = spec.accessors().getDomain(new MutableBeaconState(state), domainType, epoch);
    return spec.misc().computeSigningRoot(objectRoot, domain);
  }

  private Optional<Bytes> release(BlsPublicKey key, Bytes32 root, Decision decision, String what) {
    if (decision instanceof Decision.Refused refused && !enforce) {
      LOG.log(System.Logger.Level.WARNING, "CHAOS: signing the {0} for {1} although slashing protection refused it: {2}",
          what, key, refused.reason());
    } else if (decision instanceof Decision.Refused refused) {
      LOG.log(System.Logger.Level.WARNING, "Slashing protection refused the {0} for {1}: {2}", what, key, refused.reason());
      return Optional.empty();
    }
    return Optional.of(sign(key, root));
  }

  private Bytes sign(BlsPublicKey key, Bytes32 root) {
    BlsSecretKey secret = keys.get(key);
    if (secret == null) {
      throw new IllegalArgumentException("no secret key held for " + key);
    }
    return Bls.sign(secret, root).toBytes();
  }
}
