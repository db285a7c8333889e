package io.edvt.networking.eth2.validation;

/**
 * One validator per Fulu topic, sharing a {@link GossipContext}. EDVT's set
 * ({@code io.edvt.networking.eth2.edvt.EdvtGossipValidators}) extends it with its modified and new
 * topics.
 */
public class GossipValidators {
  public final GossipContext context;
  public final BeaconBlockValidator beaconBlock;
  public final AggregateAndProofValidator aggregateAndProof;
  public final AttestationValidator attestation;
  public final VoluntaryExitValidator voluntaryExit;
  public final ProposerSlashingValidator proposerSlashing;
  public final AttesterSlashingValidator attesterSlashing;
  public final BlsToExecutionChangeValidator blsToExecutionChange;
  public final SyncCommitteeMessageValidator syncCommitteeMessage;
  public final SyncContributionValidator syncContribution;
  public final DataColumnSidecarValidator dataColumnSidecar;
  public final PartialDataColumnSidecarValidator partialDataColumnSidecar;

  /** Fulu's validators. */
  public GossipValidators(GossipContext context) {
    this(context, new BeaconBlockValidator(context), new AggregateAndProofValidator(context),
        new AttestationValidator(context), new VoluntaryExitValidator(context), new ProposerSlashingValidator(context),
        new AttesterSlashingValidator(context), new SyncCommitteeMessageValidator(context),
        new SyncContributionValidator(context), new DataColumnSidecarValidator(context), null);
  }

  /** A later fork's set: its validators where it changes the rules. */
  protected GossipValidators(GossipContext context, BeaconBlockValidator beaconBlock,
      AggregateAndProofValidator aggregateAndProof, AttestationValidator attestation, VoluntaryExitValidator voluntaryExit,
      ProposerSlashingValidator proposerSlashing, AttesterSlashingValidator attesterSlashing,
      SyncCommitteeMessageValidator syncCommitteeMessage, SyncContributionValidator syncContribution,
      DataColumnSidecarValidator dataColumnSidecar, PartialDataColumnSidecarValidator partialDataColumnSidecar) {
    this.context = context;
    this.beaconBlock = beaconBlock;
    this.aggregateAndProof = aggregateAndProof;
    this.attestation = attestation;
    this.voluntaryExit = voluntaryExit;
    this.proposerSlashing = proposerSlashing;
    this.attesterSlashing = attesterSlashing;
    this.blsToExecutionChange = new BlsToExecutionChangeValidator(context);
    this.syncCommitteeMessage = syncCommitteeMessage;
    this.syncContribution = syncContribution;
    this.dataColumnSidecar = dataColumnSidecar;
    this.partialDataColumnSidecar = partialDataColumnSidecar != null ? partialDataColumnSidecar
        : new PartialDataColumnSidecarValidator(context, dataColumnSidecar);
  }
}
