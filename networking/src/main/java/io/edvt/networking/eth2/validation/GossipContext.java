package io.edvt.networking.eth2.validation;

import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.crypto.bls.BlsSignature;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.MultiForkStateTransition;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * What every topic validator shares: the network's specs, the {@link ChainView}, the
 * {@link SeenCaches}, the gossip time helpers of the p2p spec ({@code compute_time_at_slot_ms},
 * {@code is_not_from_future_slot}, {@code is_within_slot_range}, {@code is_current_slot},
 * {@code is_within_epoch}, {@code is_current_or_previous_epoch}), BLS checks that answer false for
 * malformed keys or signatures (as {@code bls.Verify} does), and {@link #parentStateAt}: a validated
 * block's state advanced to a slot ({@code process_slots} across forks), with a small cache since
 * all messages of a slot ask for the same one.
 */
public final class GossipContext {
  private static final int STATE_CACHE_SIZE = 8;

  private final SpecVersions versions;
  private final ChainView chain;
  private final SeenCaches seen;
  private final MultiForkStateTransition transition;
  private final Map<String, BeaconState> advanced = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, BeaconState> eldest) {
      return size() > STATE_CACHE_SIZE;
    }
  };

  public GossipContext(SpecVersions versions, ChainView chain, SeenCaches seen) {
    this.versions = versions;
    this.chain = chain;
    this.seen = seen;
    this.transition = new MultiForkStateTransition(versions);
  }

  public SpecVersions versions() {
    return versions;
  }

  public SpecConfig config() {
    return versions.config();
  }

  public ChainView chain() {
    return chain;
  }

  public SeenCaches seen() {
    return seen;
  }

  /** The logic of the milestone {@code state} belongs to. */
  public SpecFulu spec(BeaconState state) {
    return versions.forState(state);
  }

  // ------------------------------------------------------------------ time (phase0..altair p2p helpers)

  /** {@code compute_time_at_slot_ms(state, slot)}. */
  public long timeAtSlotMs(BeaconState state, UInt64 slot) {
    return state.genesisTime().times(1000).plus(slot.minus(SpecConstants.GENESIS_SLOT)
        .times(config().slotDurationMs())).longValueExact();
  }

  private long timeAtSlotMsSaturated(BeaconState state, UInt64 slot) {
    return timeAtSlotMsSaturated(state, slot, 0);
  }

  private long timeAtSlotMsSaturated(BeaconState state, UInt64 slot, long extraSlots) {
    try {
      return timeAtSlotMs(state, slot.plus(extraSlots));
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE; // a slot so far ahead its time overflows: later than any clock
    }
  }

  /** {@code is_not_from_future_slot}. */
  public boolean isNotFromFutureSlot(BeaconState state, UInt64 slot, long nowMs) {
    return nowMs + config().maximumGossipClockDisparity() >= timeAtSlotMsSaturated(state, slot);
  }

  /** {@code is_within_slot_range}: {@code [slot, slot + range]} with the clock disparity at both ends. */
  public boolean isWithinSlotRange(BeaconState state, UInt64 slot, long range, long nowMs) {
    long disparity = config().maximumGossipClockDisparity();
    if (nowMs + disparity < timeAtSlotMsSaturated(state, slot)) {
      return false;
    }
    long end = timeAtSlotMsSaturated(state, slot, range + 1);
    return end == Long.MAX_VALUE || end + disparity >= nowMs;
  }

  /** {@code is_current_slot}. */
  public boolean isCurrentSlot(BeaconState state, UInt64 slot, long nowMs) {
    return isWithinSlotRange(state, slot, 0, nowMs);
  }

  /** {@code is_within_epoch}. */
  public boolean isWithinEpoch(BeaconState state, UInt64 epoch, long nowMs) {
    UInt64 start = versions.fulu().misc().computeStartSlotAtEpoch(epoch);
    return isWithinSlotRange(state, start, config().slotsPerEpoch() - 1, nowMs);
  }

  /** {@code is_current_or_previous_epoch}. */
  public boolean isCurrentOrPreviousEpoch(BeaconState state, UInt64 epoch, long nowMs) {
    return isWithinEpoch(state, epoch, nowMs) || isWithinEpoch(state, epoch.plus(1), nowMs);
  }

  /** The start slot of the store's finalized epoch. */
  public UInt64 finalizedSlot() {
    return versions.fulu().misc().computeStartSlotAtEpoch(chain.finalizedCheckpoint().epoch());
  }

  /** Whether the finalized checkpoint is {@code root}'s ancestor ({@code get_checkpoint_block} equals its root). */
  public boolean finalizedIsAncestorOf(Bytes32 root) {
    var finalized = chain.finalizedCheckpoint();
    return chain.checkpointBlock(root, finalized.epoch(), config().slotsPerEpoch())
        .map(finalized.root()::equals).orElse(false);
  }

  // ------------------------------------------------------------------ signatures

  /** {@code bls.Verify}: false for a malformed key or signature. */
  public static boolean verify(BlsPublicKey key, Bytes signingRoot, Bytes signature) {
    try {
      BlsSignature s = BlsSignature.fromBytes(signature);
      return key.isValid() && s.isValid() && Bls.verify(key, signingRoot, s);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** {@code bls.Verify} with a serialized key. */
  public static boolean verify(Bytes48 key, Bytes signingRoot, Bytes signature) {
    try {
      return verify(BlsPublicKey.fromBytes(key), signingRoot, signature);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** {@code eth_fast_aggregate_verify}: false for malformed input. */
  public static boolean ethFastAggregateVerify(List<Bytes48> keys, Bytes signingRoot, Bytes signature) {
    try {
      List<BlsPublicKey> pks = keys.stream().map(BlsPublicKey::fromBytes).toList();
      BlsSignature s = BlsSignature.fromBytes(signature);
      return pks.stream().allMatch(BlsPublicKey::isValid) && Bls.ethFastAggregateVerify(pks, signingRoot, s);
    } catch (RuntimeException e) {
      return false;
    }
  }

  // ------------------------------------------------------------------ parent states

  /**
   * {@code store.block_states[root]} advanced to {@code slot} with {@code process_slots} (through a
   * fork upgrade if one lies between); empty if the block has no validated state.
   */
  public Optional<BeaconState> parentStateAt(Bytes32 root, UInt64 slot) {
    String key = root + "@" + slot;
    synchronized (advanced) {
      BeaconState cached = advanced.get(key);
      if (cached != null) {
        return Optional.of(cached);
      }
    }
    Optional<BeaconState> base = chain.blockState(root);
    if (base.isEmpty()) {
      return Optional.empty();
    }
    BeaconState s = base.get();
    BeaconState out = s.slot().isLessThan(slot) ? transition.processSlots(s, slot) : s;
    synchronized (advanced) {
      advanced.put(key, out);
    }
    return Optional.of(out);
  }
}
