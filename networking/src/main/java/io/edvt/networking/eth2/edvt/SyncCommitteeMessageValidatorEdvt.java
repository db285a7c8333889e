package io.edvt.networking.eth2.edvt;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.validation.GossipContext;
import io.edvt.networking.eth2.validation.SyncCommitteeMessageValidator;
import io.edvt.networking.eth2.validation.ValidationResult;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.validator.SyncCommitteeMessage;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes48;

/**
 * {@code sync_committee_{subnet_id}} (modified in EDVT): {@code validator_index} is a virtual
 * index; its key ({@code get_sync_message_pubkey}) must name a signer, hold a seat in the subnet's
 * subcommittee (EDVT's {@code compute_subnets_for_sync_committee}) and sign.
 */
public class SyncCommitteeMessageValidatorEdvt extends SyncCommitteeMessageValidator {
  private final EdvtRules rules;

  public SyncCommitteeMessageValidatorEdvt(GossipContext ctx, EdvtRules rules) {
    super(ctx);
    this.rules = rules;
  }

  @Override
  public ValidationResult validate(BeaconState state, SyncCommitteeMessage message, long subnetId, long nowMs) {
    return super.validate(rules.edvtState(state), message, subnetId, nowMs);
  }

  @Override
  protected Optional<Bytes48> signerKey(SpecFulu spec, MutableBeaconState view, UInt64 index) {
    return rules.syncMessagePubkey(view, index);
  }

  @Override
  protected String unknownSignerReason() {
    return "validator index names no signer";
  }

  @Override
  protected String wrongSubnetReason() {
    return "subnet_id is not valid for the signer";
  }

  @Override
  protected String alreadySeenReason() {
    return "already seen message from this signer for this slot and subnet";
  }
}
