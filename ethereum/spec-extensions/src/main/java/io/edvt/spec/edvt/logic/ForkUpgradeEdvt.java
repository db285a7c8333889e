package io.edvt.spec.edvt.logic;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlockHeader;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.operations.IndexedAttestation;
import io.edvt.spec.datastructures.operations.ProposerSlashing;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.Fork;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.SyncCommittee;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockHeaderEdvt;
import io.edvt.spec.edvt.datastructures.operations.SignedVoluntaryExitEdvt;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import io.edvt.spec.logic.common.PubkeyIndex;
import io.edvt.spec.logic.versions.fulu.ForkUpgradeFulu;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.tuweni.bytes.Bytes48;

/**
 * The Fulu-to-EDVT upgrade (EDVT {@code fork.md}): {@code upgrade_to_edvt} and the upgrades of
 * pooled Fulu operations ({@code upgrade_attestation_to_edvt}, ...), which the node applies before
 * packing such operations into an EDVT block or relaying them on EDVT topics. It inherits the
 * Electra-to-Fulu upgrade unchanged.
 */
public class ForkUpgradeEdvt extends ForkUpgradeFulu {
  private final SchemaDefinitionsEdvt schemas;
  private final SpecConfigEdvt edvtConfig;

  public ForkUpgradeEdvt(EdvtHelpers helpers) {
    super(helpers.fulu());
    this.schemas = helpers.schemas();
    this.edvtConfig = helpers.edvtConfig();
  }

  /**
   * {@code upgrade_to_edvt}: every Fulu field carried over unchanged (both sync committees and the
   * proposer lookahead too), except {@code fork} (previous version the Fulu current version,
   * current version {@code EDVT_FORK_VERSION}, epoch the current epoch), plus the three new
   * fields, empty. The caches of {@code pre} stay valid and move to the new state.
   *
   * @throws IllegalArgumentException if {@code pre} already is an EDVT state
   */
  public BeaconStateEdvt upgradeToEdvt(BeaconStateFulu pre) {
    if (BeaconStateEdvt.toVersionEdvt(pre).isPresent()) {
      throw new IllegalArgumentException("upgrade_to_edvt needs a Fulu state, got an EDVT state");
    }
    UInt64 epoch = helpers.misc().computeEpochAtSlot(pre.slot());
    Object[] values = Arrays.copyOf(pre.values(), BeaconStateEdvt.FIELD_COUNT);
    values[BeaconState.FORK] = Fork.create(pre.fork().currentVersion(), edvtConfig.edvtForkVersion(), epoch);
    values[BeaconStateEdvt.GROUPS] = schemas.groups().defaultValue();
    values[BeaconStateEdvt.PREVIOUS_EPOCH_MEMBER_PARTICIPATION] = schemas.memberParticipation().defaultValue();
    values[BeaconStateEdvt.CURRENT_EPOCH_MEMBER_PARTICIPATION] = schemas.memberParticipation().defaultValue();
    // No group exists yet: each seat's signer is the validator whose key the Fulu committee holds
    MutableBeaconState working = new MutableBeaconState(pre);
    values[BeaconStateEdvt.CURRENT_SYNC_COMMITTEE_SIGNERS] = seatValidators(working, pre.currentSyncCommittee());
    values[BeaconStateEdvt.NEXT_SYNC_COMMITTEE_SIGNERS] = seatValidators(working, pre.nextSyncCommittee());
    BeaconStateEdvt post = schemas.beaconState().create(values);
    post.adoptCaches(pre.caches().copyForDescendant());
    return post;
  }

  /** The validator index of each seat of {@code committee} (its pubkey's validator), as virtual indices. */
  private SszList<UInt64> seatValidators(MutableBeaconState state, SyncCommittee committee) {
    PubkeyIndex keys = PubkeyIndex.of(state);
    List<UInt64> signers = new ArrayList<>(committee.pubkeys().size());
    for (Bytes48 pubkey : committee.pubkeys()) {
      int index = keys.indexOf(state, pubkey).orElseThrow(() -> new IllegalArgumentException(
          "upgrade_to_edvt: sync committee key " + pubkey + " is not a validator's key"));
      signers.add(UInt64.valueOf(index));
    }
    return schemas.syncCommitteeSigners().of(signers);
  }

  // ------------------------------------------------------------------ pooled operations

  /**
   * {@code upgrade_attestation_to_edvt}: without groups an expanded committee is the committee, so
   * the bits carry over into the larger {@code AggregationBits}.
   */
  public Attestation upgradeAttestation(Attestation pre) {
    return Attestation.create(schemas.attestation(), pre.aggregationBits(), pre.data(), pre.signature(),
        pre.committeeBits());
  }

  /**
   * {@code upgrade_indexed_attestation_to_edvt}: validator index {@code v} is the virtual index of
   * member {@code 0} of {@code v}, so the indices carry over.
   */
  public IndexedAttestation upgradeIndexedAttestation(IndexedAttestation pre) {
    return IndexedAttestation.create(schemas.indexedAttestation(),
        schemas.attestingIndices().of(pre.attestingIndices().asList()), pre.data(), pre.signature());
  }

  /** {@code upgrade_attester_slashing_to_edvt}. */
  public AttesterSlashing upgradeAttesterSlashing(AttesterSlashing pre) {
    return AttesterSlashing.create(schemas.attesterSlashing(),
        upgradeIndexedAttestation(pre.attestation1()), upgradeIndexedAttestation(pre.attestation2()));
  }

  /** {@code compute_own_key_signer_bits}: member {@code 0} only, the validator's own key. */
  public SszBits computeOwnKeySignerBits() {
    return SszBits.withSet(schemas.signerBits().length(), 0);
  }

  /** {@code upgrade_signed_block_header_to_edvt}. */
  public SignedBeaconBlockHeaderEdvt upgradeSignedBlockHeader(SignedBeaconBlockHeader pre) {
    return SignedBeaconBlockHeaderEdvt.create(schemas.signedBeaconBlockHeader(), pre.message(), pre.signature(),
        computeOwnKeySignerBits());
  }

  /** {@code upgrade_proposer_slashing_to_edvt}. */
  public ProposerSlashing upgradeProposerSlashing(ProposerSlashing pre) {
    return ProposerSlashing.create(schemas.proposerSlashing(),
        upgradeSignedBlockHeader(pre.signedHeader1()), upgradeSignedBlockHeader(pre.signedHeader2()));
  }

  /**
   * {@code upgrade_voluntary_exit_to_edvt}: stays valid while the validator has no group in force
   * (the EIP-7044 domain is unchanged).
   */
  public SignedVoluntaryExitEdvt upgradeVoluntaryExit(SignedVoluntaryExit pre) {
    return SignedVoluntaryExitEdvt.create(schemas.signedVoluntaryExit(), pre.message(), pre.signature(),
        computeOwnKeySignerBits());
  }
}
