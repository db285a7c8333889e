package io.edvt.spec.logic.versions.fulu;

import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_BEACON_ATTESTER;
import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_BEACON_PROPOSER;
import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_SYNC_COMMITTEE;

import io.edvt.infrastructure.crypto.Sha256;
import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.IndexedAttestation;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.PendingPartialWithdrawal;
import io.edvt.spec.datastructures.state.SyncCommittee;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.logic.common.PubkeyIndex;
import io.edvt.spec.logic.common.ShuffledIndexFunction;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * The spec's beacon-state accessors (phase0 through Fulu). Active indices, shufflings and the
 * total active balance are cached in the state's {@link io.edvt.spec.datastructures.state.TransientCaches}
 * under keys that include the epoch, and only for epochs whose value can no longer change:
 * activations and exits always take effect at least {@code 1 + MAX_SEED_LOOKAHEAD} epochs
 * ahead, and the seed of epoch {@code e} comes from a RANDAO mix fixed before {@code e - 1}.
 */
public class BeaconStateAccessorsFulu {
  protected final SpecConfig config;
  protected final MiscHelpersFulu misc;
  protected final PredicatesFulu predicates;
  protected final SchemaDefinitionsFulu schemas;

  private record ActiveIndicesKey(UInt64 epoch) {}

  private record ShufflingKey(UInt64 epoch) {}

  private record TotalActiveBalanceKey(UInt64 epoch) {}

  public BeaconStateAccessorsFulu(SpecConfig config, MiscHelpersFulu misc, PredicatesFulu predicates, SchemaDefinitionsFulu schemas) {
    this.config = config;
    this.misc = misc;
    this.predicates = predicates;
    this.schemas = schemas;
  }

  /** {@code get_current_epoch}. */
  public UInt64 getCurrentEpoch(MutableBeaconState state) {
    return misc.computeEpochAtSlot(state.slot());
  }

  /** {@code get_previous_epoch}. */
  public UInt64 getPreviousEpoch(MutableBeaconState state) {
    UInt64 current = getCurrentEpoch(state);
    return current.isZero() ? current : current.minus(1);
  }

  /** {@code get_block_root}. */
  public Bytes32 getBlockRoot(MutableBeaconState state, UInt64 epoch) {
    return getBlockRootAtSlot(state, misc.computeStartSlotAtEpoch(epoch));
  }

  /** {@code get_block_root_at_slot}. */
  public Bytes32 getBlockRootAtSlot(MutableBeaconState state, UInt64 slot) {
    StateTransitionException.check(
        slot.isLessThan(state.slot()) && state.slot().isLessThanOrEqualTo(slot.plus(config.slotsPerHistoricalRoot())),
        "slot < state.slot <= slot + SLOTS_PER_HISTORICAL_ROOT", slot, state.slot());
    return state.blockRoots().get(slot.mod(config.slotsPerHistoricalRoot()).intValue());
  }

  /** {@code get_randao_mix}. */
  public Bytes32 getRandaoMix(MutableBeaconState state, UInt64 epoch) {
    return state.randaoMixes().get(epoch.mod(config.epochsPerHistoricalVector()).intValue());
  }

  /** {@code get_active_validator_indices}, ascending. The array is shared: do not modify it. */
  public int[] getActiveValidatorIndices(MutableBeaconState state, UInt64 epoch) {
    if (epoch.isGreaterThan(getCurrentEpoch(state).plus(config.maxSeedLookahead()))) {
      return computeActiveValidatorIndices(state, epoch);
    }
    return state.caches().get(new ActiveIndicesKey(epoch), () -> computeActiveValidatorIndices(state, epoch));
  }

  private int[] computeActiveValidatorIndices(MutableBeaconState state, UInt64 epoch) {
    SszList<Validator> validators = state.listValue(io.edvt.spec.datastructures.state.BeaconState.VALIDATORS);
    int[] out = new int[validators.size()];
    int n = 0;
    int i = 0;
    for (Validator v : validators) {
      if (predicates.isActiveValidator(v, epoch)) {
        out[n++] = i;
      }
      i++;
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /** {@code get_seed}. */
  public Bytes32 getSeed(MutableBeaconState state, UInt64 epoch, Bytes domainType) {
    Bytes32 mix = getRandaoMix(state, epoch.plus(config.epochsPerHistoricalVector()).minus(config.minSeedLookahead()).minus(1));
    return Bytes32.wrap(Sha256.hash(Bytes.concatenate(domainType, MiscHelpersFulu.uintToBytes(epoch), mix).toArrayUnsafe()));
  }

  /** {@code get_committee_count_per_slot}. */
  public int getCommitteeCountPerSlot(MutableBeaconState state, UInt64 epoch) {
    long active = getActiveValidatorIndices(state, epoch).length;
    long perSlot = active / config.slotsPerEpoch() / config.targetCommitteeSize();
    return (int) Math.max(1, Math.min(config.maxCommitteesPerSlot(), perSlot));
  }

  /** The active indices of {@code epoch} shuffled with its attester seed (cached per epoch). */
  public int[] getShuffling(MutableBeaconState state, UInt64 epoch) {
    return state.caches().get(new ShufflingKey(epoch), () ->
        misc.shuffleList(getActiveValidatorIndices(state, epoch), getSeed(state, epoch, DOMAIN_BEACON_ATTESTER)));
  }

  /** {@code get_beacon_committee}. */
  public int[] getBeaconCommittee(MutableBeaconState state, UInt64 slot, int index) {
    UInt64 epoch = misc.computeEpochAtSlot(slot);
    int committeesPerSlot = getCommitteeCountPerSlot(state, epoch);
    int slotInEpoch = slot.mod(config.slotsPerEpoch()).intValue();
    return misc.computeCommittee(getShuffling(state, epoch), slotInEpoch * committeesPerSlot + index,
        committeesPerSlot * config.slotsPerEpoch());
  }

  /** {@code get_beacon_proposer_index} (Fulu: read from {@code proposer_lookahead}). */
  public int getBeaconProposerIndex(MutableBeaconState state) {
    return state.proposerLookahead().get(state.slot().mod(config.slotsPerEpoch()).intValue()).intValue();
  }

  /** {@code get_beacon_proposer_indices} (Fulu). */
  public int[] getBeaconProposerIndices(MutableBeaconState state, UInt64 epoch) {
    int[] indices = getActiveValidatorIndices(state, epoch);
    Bytes32 seed = getSeed(state, epoch, DOMAIN_BEACON_PROPOSER);
    SszListEditor<Validator> validators = state.validators();
    return misc.computeProposerIndices(i -> validators.get(i).effectiveBalance().longValue(), epoch, seed, indices);
  }

  /** {@code get_total_balance}: at least {@code EFFECTIVE_BALANCE_INCREMENT}. */
  public UInt64 getTotalBalance(MutableBeaconState state, Iterable<Integer> indices) {
    SszListEditor<Validator> validators = state.validators();
    UInt64 sum = UInt64.ZERO;
    for (int i : indices) {
      sum = sum.plus(validators.get(i).effectiveBalance());
    }
    return sum.max(config.effectiveBalanceIncrement());
  }

  /** {@code get_total_active_balance} (cached for the state's current epoch). */
  public UInt64 getTotalActiveBalance(MutableBeaconState state) {
    UInt64 epoch = getCurrentEpoch(state);
    return state.caches().get(new TotalActiveBalanceKey(epoch), () -> {
      // One pass over the registry: SszList.get per active index would walk the tree each time.
      UInt64 sum = UInt64.ZERO;
      for (Validator v : state.<Validator>listValue(io.edvt.spec.datastructures.state.BeaconState.VALIDATORS)) {
        if (predicates.isActiveValidator(v, epoch)) {
          sum = sum.plus(v.effectiveBalance());
        }
      }
      return sum.max(config.effectiveBalanceIncrement());
    });
  }

  /**
   * Records the current epoch's total active balance, for a caller that has just summed it in
   * its own sweep of the registry (epoch processing), so the churn limits need not sweep again.
   */
  public void cacheTotalActiveBalance(MutableBeaconState state, UInt64 totalActiveBalance) {
    state.caches().put(new TotalActiveBalanceKey(getCurrentEpoch(state)), totalActiveBalance);
  }

  /**
   * Drops the cached total active balance of the current epoch; epoch processing calls it after
   * it changes effective balances.
   */
  public void invalidateTotalActiveBalance(MutableBeaconState state) {
    state.caches().invalidate(new TotalActiveBalanceKey(getCurrentEpoch(state)));
  }

  /** {@code get_domain}; {@code epoch} null means the current epoch. */
  public Bytes32 getDomain(MutableBeaconState state, Bytes domainType, UInt64 epoch) {
    UInt64 e = epoch == null ? getCurrentEpoch(state) : epoch;
    Bytes forkVersion = e.isLessThan(state.fork().epoch()) ? state.fork().previousVersion() : state.fork().currentVersion();
    return misc.computeDomain(domainType, forkVersion, state.genesisValidatorsRoot());
  }

  /** {@code get_committee_indices} (Electra). */
  public List<Integer> getCommitteeIndices(SszBits committeeBits) {
    return committeeBits.setBits().boxed().toList();
  }

  /** {@code get_attesting_indices} (Electra, EIP-7549), ascending. */
  public TreeSet<Integer> getAttestingIndices(MutableBeaconState state, Attestation attestation) {
    TreeSet<Integer> out = new TreeSet<>();
    SszBits bits = attestation.aggregationBits();
    int offset = 0;
    for (int committeeIndex : getCommitteeIndices(attestation.committeeBits())) {
      int[] committee = getBeaconCommittee(state, attestation.data().slot(), committeeIndex);
      for (int i = 0; i < committee.length; i++) {
        if (offset + i < bits.length() && bits.get(offset + i)) {
          out.add(committee[i]);
        }
      }
      offset += committee.length;
    }
    return out;
  }

  /** {@code get_indexed_attestation}. */
  public IndexedAttestation getIndexedAttestation(MutableBeaconState state, Attestation attestation) {
    List<UInt64> indices = new ArrayList<>();
    for (int i : getAttestingIndices(state, attestation)) {
      indices.add(UInt64.valueOf(i));
    }
    return IndexedAttestation.create(schemas.indexedAttestation(), schemas.attestingIndices().of(indices),
        attestation.data(), attestation.signature());
  }

  /** {@code is_valid_indexed_attestation}: sorted unique non-empty indices and a valid aggregate signature. */
  public boolean isValidIndexedAttestation(MutableBeaconState state, IndexedAttestation indexed, SignatureVerifier verifier) {
    SszList<UInt64> indices = indexed.attestingIndices();
    if (indices.isEmpty()) {
      return false;
    }
    List<UInt64> list = indices.asList();
    for (int i = 1; i < list.size(); i++) {
      if (!list.get(i - 1).isLessThan(list.get(i))) {
        return false;
      }
    }
    SszListEditor<Validator> validators = state.validators();
    PubkeyIndex keys = PubkeyIndex.of(state);
    List<BlsPublicKey> pubkeys = new ArrayList<>(list.size());
    for (UInt64 index : list) {
      if (!index.isLessThan(validators.size())) {
        return false;
      }
      pubkeys.add(keys.publicKey(validators.get(index.intValue()).pubkey()));
    }
    Bytes32 domain = getDomain(state, DOMAIN_BEACON_ATTESTER, indexed.data().target().epoch());
    Bytes32 signingRoot = misc.computeSigningRoot(indexed.data().hashTreeRoot(), domain);
    return verifier.verify(pubkeys, signingRoot, indexed.signature());
  }

  /** {@code get_next_sync_committee_indices} (Electra). */
  public int[] getNextSyncCommitteeIndices(MutableBeaconState state) {
    long[] seats = sampleSyncCommittee(state, SyncCommitteeSeat.VALIDATOR);
    int[] out = new int[seats.length];
    for (int i = 0; i < seats.length; i++) {
      out[i] = (int) seats[i];
    }
    return out;
  }

  /**
   * Who holds the seat of an accepted candidate in {@code get_next_sync_committee_indices}: Fulu
   * seats the validator itself; a later fork may seat one of the validator's signers, chosen from
   * the draw.
   */
  @FunctionalInterface
  public interface SyncCommitteeSeat {
    /** Fulu's rule: the seat holds the validator index. */
    SyncCommitteeSeat VALIDATOR = (state, seed, draw, candidate) -> candidate;

    /** The seat's holder for draw {@code draw} (the loop's {@code i}) that accepted {@code candidate}. */
    long holder(MutableBeaconState state, Bytes32 seed, long draw, int candidate);
  }

  /**
   * The sampling loop of {@code get_next_sync_committee_indices} (Electra): candidates in shuffled
   * order of the next epoch's active validators, each accepted when {@code effective_balance *
   * MAX_RANDOM_VALUE >= MAX_EFFECTIVE_BALANCE_ELECTRA * random_value}, one seat per accepted
   * draw, held as {@code seat} says, until {@code SYNC_COMMITTEE_SIZE} seats are filled.
   */
  public long[] sampleSyncCommittee(MutableBeaconState state, SyncCommitteeSeat seat) {
    UInt64 epoch = getCurrentEpoch(state).plus(1);
    final long maxRandomValue = (1L << 16) - 1;
    long maxEffectiveBalance = config.maxEffectiveBalanceElectra().longValue();
    int[] active = getActiveValidatorIndices(state, epoch);
    int count = active.length;
    Bytes32 seed = getSeed(state, epoch, DOMAIN_SYNC_COMMITTEE);
    SszListEditor<Validator> validators = state.validators();
    int size = config.syncCommitteeSize();
    long[] out = new long[size];
    int n = 0;
    byte[] random = null;
    ShuffledIndexFunction shuffledIndex = new ShuffledIndexFunction(count, seed.toArrayUnsafe(), config.shuffleRoundCount());
    for (long i = 0; n < size; i++) {
      int shuffled = (int) shuffledIndex.shuffledIndex(i % count);
      int candidate = active[shuffled];
      if (i % 16 == 0) {
        random = MiscHelpersFulu.hashWithUint64(seed, UInt64.valueOf(i / 16)).toArrayUnsafe();
      }
      long randomValue = MiscHelpersFulu.bytesToUint64(random, (int) (i % 16 * 2), 2);
      long effectiveBalance = validators.get(candidate).effectiveBalance().longValue();
      if (effectiveBalance * maxRandomValue >= maxEffectiveBalance * randomValue) {
        out[n++] = seat.holder(state, seed, i, candidate);
      }
    }
    return out;
  }

  /** {@code get_next_sync_committee}. */
  public SyncCommittee getNextSyncCommittee(MutableBeaconState state) {
    SszListEditor<Validator> validators = state.validators();
    PubkeyIndex keys = PubkeyIndex.of(state);
    List<Bytes48> pubkeys = new ArrayList<>();
    List<BlsPublicKey> parsed = new ArrayList<>();
    for (int i : getNextSyncCommitteeIndices(state)) {
      Bytes48 pk = validators.get(i).pubkey();
      pubkeys.add(pk);
      parsed.add(keys.publicKey(pk));
    }
    Bytes48 aggregate = Bls.ethAggregatePubkeys(parsed).toBytes();
    var type = schemas.syncCommittee();
    @SuppressWarnings("unchecked")
    var pubkeyVector = (io.edvt.infrastructure.ssz.types.VectorType<Bytes48>) type.fields().get(0).type();
    return SyncCommittee.create(type, pubkeyVector.of(pubkeys), aggregate);
  }

  /** {@code get_base_reward_per_increment}. */
  public UInt64 getBaseRewardPerIncrement(MutableBeaconState state) {
    return config.effectiveBalanceIncrement().times(config.baseRewardFactor())
        .dividedBy(MiscHelpersFulu.integerSquareRoot(getTotalActiveBalance(state)));
  }

  /** {@code get_base_reward}. */
  public UInt64 getBaseReward(MutableBeaconState state, int index) {
    UInt64 increments = state.validators().get(index).effectiveBalance().dividedBy(config.effectiveBalanceIncrement());
    return increments.times(getBaseRewardPerIncrement(state));
  }

  /** {@code get_balance_churn_limit} (Electra). */
  public UInt64 getBalanceChurnLimit(MutableBeaconState state) {
    UInt64 churn = config.minPerEpochChurnLimitElectra().max(getTotalActiveBalance(state).dividedBy(config.churnLimitQuotient()));
    return churn.minus(churn.mod(config.effectiveBalanceIncrement()));
  }

  /** {@code get_activation_exit_churn_limit} (Electra). */
  public UInt64 getActivationExitChurnLimit(MutableBeaconState state) {
    return config.maxPerEpochActivationExitChurnLimit().min(getBalanceChurnLimit(state));
  }

  /** {@code get_consolidation_churn_limit} (Electra). */
  public UInt64 getConsolidationChurnLimit(MutableBeaconState state) {
    return getBalanceChurnLimit(state).minus(getActivationExitChurnLimit(state));
  }

  /** {@code get_pending_balance_to_withdraw} (Electra). */
  public UInt64 getPendingBalanceToWithdraw(MutableBeaconState state, int validatorIndex) {
    SszListEditor<PendingPartialWithdrawal> pending = state.pendingPartialWithdrawals();
    UInt64 sum = UInt64.ZERO;
    for (int i = 0; i < pending.size(); i++) {
      PendingPartialWithdrawal w = pending.get(i);
      if (w.validatorIndex().longValue() == validatorIndex) {
        sum = sum.plus(w.amount());
      }
    }
    return sum;
  }

  /** The index of the validator with this public key, if registered. */
  public Optional<Integer> getValidatorIndex(MutableBeaconState state, Bytes48 pubkey) {
    return PubkeyIndex.of(state).indexOf(state, pubkey);
  }

  /**
   * {@code get_attestation_participation_flag_indices} (Deneb, EIP-7045): the flags an
   * attestation with {@code data} included {@code inclusionDelay} slots after its slot earns.
   * Asserts the source matches the justified checkpoint of the target's epoch. The target flag
   * no longer depends on the inclusion delay (Deneb).
   */
  public List<Integer> getAttestationParticipationFlagIndices(MutableBeaconState state,
      io.edvt.spec.datastructures.operations.AttestationData data, UInt64 inclusionDelay) {
    io.edvt.spec.datastructures.state.Checkpoint justifiedCheckpoint = data.target().epoch().equals(getCurrentEpoch(state))
        ? state.currentJustifiedCheckpoint()
        : state.previousJustifiedCheckpoint();
    boolean isMatchingSource = data.source().equals(justifiedCheckpoint);
    // Evaluated before the source assertion, as in the spec: get_block_root* assert their slot
    // range themselves, and an attestation failing either is invalid whichever fails first.
    boolean targetRootMatches = data.target().root().equals(getBlockRoot(state, data.target().epoch()));
    boolean isMatchingTarget = isMatchingSource && targetRootMatches;
    boolean headRootMatches = data.beaconBlockRoot().equals(getBlockRootAtSlot(state, data.slot()));
    boolean isMatchingHead = isMatchingTarget && headRootMatches;

    StateTransitionException.check(isMatchingSource, "is_matching_source (data.source == justified checkpoint of the target epoch)",
        "source=" + data.source().epoch() + "/" + data.source().root(),
        "justified=" + justifiedCheckpoint.epoch() + "/" + justifiedCheckpoint.root());

    List<Integer> flags = new ArrayList<>(3);
    if (isMatchingSource && inclusionDelay.isLessThanOrEqualTo(MiscHelpersFulu.integerSquareRoot(UInt64.valueOf(config.slotsPerEpoch())))) {
      flags.add(io.edvt.spec.logic.common.SpecConstants.TIMELY_SOURCE_FLAG_INDEX);
    }
    if (isMatchingTarget) {
      flags.add(io.edvt.spec.logic.common.SpecConstants.TIMELY_TARGET_FLAG_INDEX);
    }
    if (isMatchingHead && inclusionDelay.equals(UInt64.valueOf(config.minAttestationInclusionDelay()))) {
      flags.add(io.edvt.spec.logic.common.SpecConstants.TIMELY_HEAD_FLAG_INDEX);
    }
    return flags;
  }
}
