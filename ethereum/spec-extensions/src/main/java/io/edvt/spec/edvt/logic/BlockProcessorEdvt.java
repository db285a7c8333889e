package io.edvt.spec.edvt.logic;

import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_RANDAO;

import io.edvt.groups.GroupKeySet;
import io.edvt.groups.VirtualIndex;
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
import io.edvt.spec.logic.versions.fulu.BlockProcessingObserver;
import io.edvt.spec.logic.versions.fulu.BlockProcessorFulu;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * EDVT's block processing: Fulu's {@code process_block} with the EDVT parts. Attestations,
 * slashings and voluntary exits use expanded committees and threshold signatures; the modified
 * {@code process_randao} verifies the reveal with the key of member
 * {@code body.randao_member_index} of the proposer (that this member is the best-ranked signer is
 * checked by {@code verify_block_signature}, which sees {@code signer_bits}) and mixes in only the
 * rank-0 member's reveal;
 * {@code process_operations} runs Fulu's lists, then {@code group_registrations} and
 * {@code group_key_changes}; partial withdrawals leave {@code get_validator_minimum_balance}; sync
 * aggregate rewards go per seat to the seat signer's validator, read from the state.
 */
public class BlockProcessorEdvt extends BlockProcessorFulu {
  private final GroupRegistryEdvt registry;
  private final BeaconStateAccessorsEdvt edvtAccessors;
  private final GroupOperationsEdvt groupOperations;

  public BlockProcessorEdvt(EdvtHelpers helpers, GroupOperationsEdvt groupOperations) {
    super(helpers.fulu(), BlockProcessorFulu.Parts.fulu(helpers.fulu())
        .withWithdrawals(new WithdrawalsEdvt(helpers))
        .withSlashings(new SlashingProcessingEdvt(helpers))
        .withAttestations(new AttestationProcessingEdvt(helpers))
        .withVoluntaryExits(new VoluntaryExitProcessingEdvt(helpers))
        .withExecutionRequests(new ExecutionRequestsProcessingEdvt(helpers))
        .withSyncAggregate(new SyncAggregateProcessingEdvt(helpers)));
    this.registry = helpers.registry();
    this.edvtAccessors = helpers.accessors();
    this.groupOperations = groupOperations;
  }

  public GroupOperationsEdvt groupOperations() {
    return groupOperations;
  }

  /** {@code process_operations} (EDVT): Fulu's operations, then the group registrations and key changes. */
  @Override
  protected void processOperations(MutableBeaconState state, BeaconBlockBody body, SignatureVerifier verifier,
      BlockProcessingObserver observer) {
    super.processOperations(state, body, verifier, observer);
    BeaconBlockBodyEdvt edvt = BeaconBlockBodyEdvt.toVersionEdvt(body).orElseThrow(() ->
        new StateTransitionException("assertion failed: body has group_registrations (an EDVT body)"));
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

  /**
   * {@code process_randao} (modified in EDVT): the reveal of the RANDAO member, mixed in only when
   * that member is the slot's rank-0 member (a promoted leader leaves the mix unchanged).
   */
  @Override
  public void processRandao(MutableBeaconState state, BeaconBlockBody body, SignatureVerifier verifier) {
    BeaconBlockBodyEdvt edvtBody = BeaconBlockBodyEdvt.toVersionEdvt(body).orElseThrow(() ->
        new StateTransitionException("assertion failed: body has randao_member_index (an EDVT body)"));
    UInt64 epoch = accessors.getCurrentEpoch(state);
    int proposerIndex = accessors.getBeaconProposerIndex(state);
    UInt64 member = edvtBody.randaoMemberIndex();
    StateTransitionException.check(member.isLessThan(GroupKeySet.MAX_GROUP_SIZE),
        "body.randao_member_index < MAX_GROUP_SIZE", member);
    long virtualIndex = VirtualIndex.compute(proposerIndex, member.intValue());
    Optional<Bytes48> pubkey = registry.getVirtualPubkey(state, virtualIndex, epoch);
    StateTransitionException.check(pubkey.isPresent(),
        "pubkey is not None (member body.randao_member_index of the proposer)",
        "proposer " + proposerIndex, "member " + member);
    Bytes32 signingRoot = misc.computeSigningRoot(epoch, accessors.getDomain(state, DOMAIN_RANDAO, null));
    StateTransitionException.check(
        verifier.verify(PubkeyIndex.of(state).publicKey(pubkey.get()), signingRoot, body.randaoReveal()),
        "bls.Verify(pubkey, signing_root, body.randao_reveal)", "proposer " + proposerIndex, "member " + member);
    // [Modified in EDVT] only the rank-0 member's reveal counts: a group chooses among two outcomes per slot
    if (member.intValue() == edvtAccessors.getGroupMemberRanking(state, proposerIndex, state.slot())[0]) {
      Bytes32 mix = accessors.getRandaoMix(state, epoch).xor(Bytes32.wrap(Sha256.hash(body.randaoReveal().toArrayUnsafe())));
      state.randaoMixes().set(epoch.mod(config.epochsPerHistoricalVector()).intValue(), mix);
    }
  }
}
