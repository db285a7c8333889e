package io.edvt.networking.eth2.edvt;

import io.edvt.networking.eth2.validation.GossipContext;
import io.edvt.networking.eth2.validation.GossipValidators;

/**
 * EDVT's validators (EDVT's p2p-interface.md): Fulu's set with the modified topics replaced
 * ({@code beacon_block}, {@code beacon_aggregate_and_proof}, {@code beacon_attestation_*},
 * {@code voluntary_exit}, {@code proposer_slashing}, {@code attester_slashing},
 * {@code sync_committee_*}, {@code sync_committee_contribution_and_proof},
 * {@code data_column_sidecar_*}), {@code bls_to_execution_change} as in Fulu, and the six new
 * topics.
 */
public class EdvtGossipValidators extends GossipValidators {
  public final EdvtRules rules;
  public final GroupRegistrationValidator groupRegistration;
  public final GroupKeyChangeValidator groupKeyChange;
  public final GroupBlockProposalValidator groupBlockProposal;
  public final GroupBlockSignoffValidator groupBlockSignoff;
  public final GroupExitSignatureValidator groupExitSignature;
  public final GroupKeyChangeSignatureValidator groupKeyChangeSignature;

  public EdvtGossipValidators(GossipContext context) {
    this(context, new EdvtRules(context));
  }

  private EdvtGossipValidators(GossipContext context, EdvtRules rules) {
    this(context, rules, new DataColumnSidecarValidatorEdvt(context, rules));
  }

  private EdvtGossipValidators(GossipContext context, EdvtRules rules, DataColumnSidecarValidatorEdvt columns) {
    super(context, new BeaconBlockValidatorEdvt(context, rules), new AggregateAndProofValidatorEdvt(context, rules),
        new AttestationValidatorEdvt(context, rules), new VoluntaryExitValidatorEdvt(context, rules),
        new ProposerSlashingValidatorEdvt(context, rules), new AttesterSlashingValidatorEdvt(context, rules),
        new SyncCommitteeMessageValidatorEdvt(context, rules), new SyncContributionValidatorEdvt(context, rules),
        columns, new PartialDataColumnSidecarValidatorEdvt(context, columns, rules));
    this.rules = rules;
    this.groupRegistration = new GroupRegistrationValidator(context, rules);
    this.groupKeyChange = new GroupKeyChangeValidator(context, rules);
    this.groupBlockProposal = new GroupBlockProposalValidator(context, rules);
    this.groupBlockSignoff = new GroupBlockSignoffValidator(context, rules);
    this.groupExitSignature = new GroupExitSignatureValidator(context, rules);
    this.groupKeyChangeSignature = new GroupKeyChangeSignatureValidator(context, rules);
  }
}
