package io.edvt.networking.eth2.edvt;

import io.edvt.groups.GroupKeySet;
import io.edvt.groups.LeaderTurns;
import io.edvt.infrastructure.crypto.bls.BlsException;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.validation.GossipContext;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import io.edvt.spec.edvt.logic.GroupOperationsEdvt;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * The EDVT helpers the EDVT topic validators share, from EDVT's beacon-chain.md, validator.md and
 * p2p-interface.md: {@code is_valid_threshold_signature}, {@code is_own_key_set},
 * {@code get_sync_message_pubkey}, the leader turns, and the head state as an EDVT state.
 */
public final class EdvtRules {
  private final GossipContext ctx;
  private final SpecEdvt edvt;
  private final LeaderTurns turns;
  private final GroupOperationsEdvt groupOperations;
  private final Map<Bytes32, BeaconState> upgraded = new LinkedHashMap<>(4, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Bytes32, BeaconState> eldest) {
      return size() > 2;
    }
  };

  public EdvtRules(GossipContext ctx) {
    this.ctx = ctx;
    this.edvt = ctx.versions().edvt();
    SpecConfigEdvt config = SpecConfigEdvt.of(ctx.config());
    this.turns = new LeaderTurns(ctx.config().slotDurationMs(), config.groupLeaderTimeoutBps(),
        ctx.config().attestationDueBps());
    this.groupOperations = new GroupOperationsEdvt(edvt.edvtHelpers());
  }

  /** {@code is_pubkey_in_use}, {@code is_valid_group_key_proof}, {@code process_group_key_change}'s checks. */
  public GroupOperationsEdvt groupOperations() {
    return groupOperations;
  }

  public SpecEdvt spec() {
    return edvt;
  }

  public LeaderTurns turns() {
    return turns;
  }

  /**
   * {@code state} as an EDVT state: itself, or (a Fulu head just before the fork, when the first
   * EDVT messages arrive) the state processed to the fork slot, where it is upgraded.
   */
  public BeaconState edvtState(BeaconState state) {
    if (SpecVersions.milestoneOf(state) == SpecMilestone.EDVT) {
      return state;
    }
    Bytes32 root = state.hashTreeRoot();
    synchronized (upgraded) {
      BeaconState cached = upgraded.get(root);
      if (cached != null) {
        return cached;
      }
    }
    UInt64 forkSlot = edvt.misc().computeStartSlotAtEpoch(SpecConfigEdvt.of(ctx.config()).edvtForkEpoch());
    BeaconState out = new io.edvt.spec.edvt.MultiForkStateTransition(ctx.versions()).processSlots(state, forkSlot);
    synchronized (upgraded) {
      upgraded.put(root, out);
    }
    return out;
  }

  /** {@code is_valid_threshold_signature}: false also for a malformed signature. */
  public boolean isValidThresholdSignature(MutableBeaconState state, UInt64 validatorIndex, UInt64 epoch,
      Bytes32 signingRoot, SszBits signerBits, Bytes signature) {
    try {
      return edvt.accessors().isValidThresholdSignature(state, validatorIndex, epoch, signingRoot, signerBits, signature,
          SignatureVerifier.SIMPLE);
    } catch (BlsException | IllegalArgumentException e) {
      return false;
    }
  }

  /** {@code get_validator_key_set(state, validator_index, epoch)}. */
  public Optional<GroupKeySet<Bytes48>> validatorKeySet(MutableBeaconState state, long validatorIndex, UInt64 epoch) {
    return edvt.registry().getValidatorKeySet(state, validatorIndex, epoch);
  }

  /** {@code is_own_key_set}: the key set holds the validator's own key (group keys never do). */
  public static boolean isOwnKeySet(MutableBeaconState state, long validatorIndex, GroupKeySet<Bytes48> keySet) {
    return keySet.contains(state.validators().get((int) validatorIndex).pubkey());
  }

  /** {@code get_sync_message_pubkey}: the signer's key at {@code compute_epoch_at_slot(state.slot + 1)}. */
  public Optional<Bytes48> syncMessagePubkey(MutableBeaconState state, UInt64 virtualIndex) {
    UInt64 epoch = edvt.misc().computeEpochAtSlot(state.slot().plus(1));
    return edvt.registry().getVirtualPubkey(state, virtualIndex.longValue(), epoch);
  }
}
