package io.edvt.spec.edvt.logic;

import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_RANDAO;
import io.edvt.infrastructure.crypto.Sha256;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlockBody;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.blocks.BeaconBlockBodyEdvt;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupRegistration;
import io.edvt.spec.logic.common.PubkeyIndex;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.versions.fulu.AttestationProcessingFulu;
import io.edvt.spec.logic.versions.fulu.BlockProcessorFulu;
import io.edvt.spec.logic.versions.fulu.ExecutionRequestsProcessingFulu;
import io.edvt.spec.logic.versions.fulu.SlashingProcessingFulu;
import io.edvt.spec.logic.versions.fulu.SyncAggregateProcessingFulu;
import io.edvt.spec.logic.versions.fulu.VoluntaryExitProcessingFulu;
import io.edvt.spec.logic.versions.fulu.WithdrawalsFulu;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * EDVT's block processing: Fulu's {@code process_block} with the EDVT parts. Attestations,
 * slashings and voluntary exits use expanded committees and threshold signatures; the modified
 * {@code process_randao} verifies the reveal with the key of member
 * {@code body.randao_member_index} of the proposer (that this member is the best-ranked signer is
 * checked by {@code verify_block_signature}, which sees {@code signer_bits});
 * {@code process_operations} runs Fulu's lists, then {@code group_registrations} and
 * {@code group_key_changes}; partial withdrawals leave {@code get_validator_minimum_balance}; sync
 * aggregate rewards go per block of seats.
 */
public class BlockProcessorEdvt extends BlockProcessorFulu {
  private final GroupOperationsEdvt groupOperations;

  public BlockProcessorEdvt(SpecEdvt spec) {
    super(spec);
    this.groupOperations = new GroupOperationsEdvt(spec);
  }

  private SpecEdvt edvt() {
    return (SpecEdvt) spec;
  }

  public GroupOperationsEdvt groupOperations() {
    return groupOperations;
  }

  @Override
  protected WithdrawalsFulu createWithdrawals() {
    return new WithdrawalsEdvt(spec);
  }

  @Override
  protected ExecutionRequestsProcessingFulu createExecutionRequestsProcessing() {
    return new ExecutionRequestsProcessingEdvt(spec);
  }

  @Override
  protected SyncAggregateProcessingFulu createSyncAggregateProcessing() {
    return new SyncAggregateProcessingEdvt(spec);
  }

  /** {@code process_operations} (EDVT): Fulu's operations, then the group registrations and key changes. */
  @Override
  public void processOperations(MutableBeaconState state, BeaconBlockBody body, SignatureVerifier verifier) {
    super.processOperations(state, body, verifier);
    if (!(body instanceof BeaconBlockBodyEdvt edvt)) {
      throw new StateTransitionException("an EDVT block body, got " + body.getClass().getSimpleName());
    }
    for (SignedGroupRegistration op : edvt.groupRegistrations()) {
      processGroupRegistration(state, op, verifier);
    }
    for (SignedGroupKeyChange op : edvt.groupKeyChanges()) {
      processGroupKeyChange(state, op, verifier);
    }
  }

  /** {@code process_group_registration}. */
  public void processGroupRegistration(MutableBeaconState state, SignedGroupRegistration op, SignatureVerifier verifier) {
    groupOperations.processGroupRegistration(state, op, verifier);
  }

  /** {@code process_group_key_change}. */
  public void processGroupKeyChange(MutableBeaconState state, SignedGroupKeyChange op, SignatureVerifier verifier) {
    groupOperations.processGroupKeyChange(state, op, verifier);
  }

  @Override
  protected SlashingProcessingFulu createSlashingProcessing() {
    return new SlashingProcessingEdvt(edvt());
  }

  @Override
  protected AttestationProcessingFulu createAttestationProcessing() {
    return new AttestationProcessingEdvt(edvt());
  }

  @Override
  protected VoluntaryExitProcessingFulu createVoluntaryExitProcessing() {
    return new VoluntaryExitProcessingEdvt(edvt());
  }

  /** {@code process_randao} (modified in EDVT): the reveal of the RANDAO member, then the mix. */
  @Override
  public void processRandao(MutableBeaconState state, BeaconBlockBody body, SignatureVerifier verifier) {
    BeaconBlockBodyEdvt edvtBody = BeaconBlockBodyEdvt.toVersionEdvt(body).orElseThrow(() ->
        new StateTransitionException("assertion failed: body has randao_member_index (an EDVT body)"));
    UInt64 epoch = accessors.getCurrentEpoch(state);
    int proposerIndex = accessors.getBeaconProposerIndex(state);
    UInt64 member = edvtBody.randaoMemberIndex();
    StateTransitionException.check(member.isLessThan(config.maxGroupSize()),
        "body.randao_member_index < MAX_GROUP_SIZE", member);
    long virtualIndex = GroupRegistryEdvt.computeVirtualIndex(proposerIndex, member.intValue(), config);
    Optional<Bytes48> pubkey = edvt().accessors().registry().getVirtualPubkey(state, virtualIndex, epoch);
    StateTransitionException.check(pubkey.isPresent(),
        "pubkey is not None (member body.randao_member_index of the proposer)",
        "proposer " + proposerIndex, "member " + member);
    Bytes32 signingRoot = misc.computeSigningRoot(epoch, accessors.getDomain(state, DOMAIN_RANDAO, null));
    StateTransitionException.check(
        verifier.verify(PubkeyIndex.of(state).publicKey(pubkey.get()), signingRoot, body.randaoReveal()),
        "bls.Verify(pubkey, signing_root, body.randao_reveal)", "proposer " + proposerIndex, "member " + member);
    Bytes32 mix = accessors.getRandaoMix(state, epoch).xor(Bytes32.wrap(Sha256.hash(body.randaoReveal().toArrayUnsafe())));
    state.randaoMixes().set(epoch.mod(config.epochsPerHistoricalVector()).intValue(), mix);
  }
}
