package io.edvt.spec.logic.versions.fulu;

import io.edvt.infrastructure.crypto.Sha256;
import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.BlobScheduleEntry;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.operations.DepositMessage;
import io.edvt.spec.datastructures.state.ForkData;
import io.edvt.spec.datastructures.state.SigningData;
import io.edvt.spec.logic.common.ShuffledIndexFunction;
import io.edvt.spec.logic.common.Shuffling;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.common.StateTransitionException;
import java.util.Comparator;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/** Pure helpers of the spec's "Misc" sections (phase0 through Fulu) that need no state. */
public class MiscHelpersFulu {
  protected final SpecConfig config;

  public MiscHelpersFulu(SpecConfig config) {
    this.config = config;
  }

  public SpecConfig config() {
    return config;
  }

  /** {@code compute_epoch_at_slot}. */
  public UInt64 computeEpochAtSlot(UInt64 slot) {
    return slot.dividedBy(config.slotsPerEpoch());
  }

  /** {@code compute_start_slot_at_epoch}. */
  public UInt64 computeStartSlotAtEpoch(UInt64 epoch) {
    return epoch.times(config.slotsPerEpoch());
  }

  /** {@code compute_activation_exit_epoch}. */
  public UInt64 computeActivationExitEpoch(UInt64 epoch) {
    return epoch.plus(1 + config.maxSeedLookahead());
  }

  /** {@code compute_time_at_slot} (Bellatrix's {@code compute_timestamp_at_slot}) from a genesis time. */
  public UInt64 computeTimeAtSlot(UInt64 genesisTime, UInt64 slot) {
    UInt64 slotsSinceGenesis = slot.minus(SpecConstants.GENESIS_SLOT);
    return genesisTime.plus(slotsSinceGenesis.times(config.slotDurationMs()).dividedBy(1000));
  }

  /** {@code compute_fork_data_root}. */
  public Bytes32 computeForkDataRoot(Bytes currentVersion, Bytes32 genesisValidatorsRoot) {
    return ForkData.create(currentVersion, genesisValidatorsRoot).hashTreeRoot();
  }

  /** {@code compute_domain}: the domain type and the first 28 bytes of the fork data root. */
  public Bytes32 computeDomain(Bytes domainType, Bytes forkVersion, Bytes32 genesisValidatorsRoot) {
    Bytes32 forkDataRoot = computeForkDataRoot(forkVersion, genesisValidatorsRoot);
    return Bytes32.wrap(Bytes.concatenate(domainType, forkDataRoot.slice(0, 28)));
  }

  /** {@code compute_signing_root} of an object given by its root. */
  public Bytes32 computeSigningRoot(Bytes32 objectRoot, Bytes32 domain) {
    return SigningData.create(objectRoot, domain).hashTreeRoot();
  }

  /** {@code compute_signing_root} for a {@code uint64} object (such as the RANDAO epoch). */
  public Bytes32 computeSigningRoot(UInt64 value, Bytes32 domain) {
    return computeSigningRoot(uintToBytes32(value), domain);
  }

  /** {@code hash_tree_root} of a uint64: its little-endian bytes in a chunk. */
  public static Bytes32 uintToBytes32(UInt64 value) {
    byte[] b = new byte[32];
    long v = value.longValue();
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (v >>> (8 * i));
    }
    return Bytes32.wrap(b);
  }

  /** {@code uint_to_bytes} of a uint64: 8 little-endian bytes. */
  public static Bytes uintToBytes(UInt64 value) {
    return uintToBytes32(value).slice(0, 8);
  }

  /** {@code bytes_to_uint64}: little-endian. */
  public static long bytesToUint64(byte[] b, int offset, int length) {
    long v = 0;
    for (int i = length - 1; i >= 0; i--) {
      v = (v << 8) | (b[offset + i] & 0xFF);
    }
    return v;
  }

  /** {@code integer_squareroot}. */
  public static UInt64 integerSquareRoot(UInt64 n) {
    // The floor square root of any uint64 fits in 32 bits; refine the double estimate with
    // unsigned 64-bit arithmetic (r <= 2^32 - 1, so r * r never overflows).
    long x = n.longValue();
    long r = Math.min((long) Math.sqrt(n.bigIntegerValue().doubleValue()), 0xFFFF_FFFFL);
    while (Long.compareUnsigned(r * r, x) > 0) {
      r--;
    }
    while (r < 0xFFFF_FFFFL && Long.compareUnsigned((r + 1) * (r + 1), x) <= 0) {
      r++;
    }
    return UInt64.valueOf(r);
  }

  /** {@code compute_shuffled_index}. */
  public int computeShuffledIndex(int index, int indexCount, Bytes32 seed) {
    return (int) Shuffling.computeShuffledIndex(index, indexCount, seed.toArrayUnsafe(), config.shuffleRoundCount());
  }

  /**
   * {@code compute_committee}: the slice {@code [count*index/len...)} of the shuffled list.
   * {@code shuffled} is the whole shuffled list for the seed ({@link #shuffleList}).
   */
  public int[] computeCommittee(int[] shuffled, int index, int count) {
    StateTransitionException.check(index < count, "index < count", index, count);
    long len = shuffled.length;
    int start = (int) (len * index / count);
    int end = (int) (len * (index + 1) / count);
    return java.util.Arrays.copyOfRange(shuffled, start, end);
  }

  /** The whole shuffled list: {@code out[i] = indices[compute_shuffled_index(i, len, seed)]}. */
  public int[] shuffleList(int[] indices, Bytes32 seed) {
    return Shuffling.shuffleList(indices, seed.toArrayUnsafe(), config.shuffleRoundCount());
  }

  /**
   * {@code compute_proposer_index} (Electra): a balance-weighted sample of {@code indices},
   * with {@code effectiveBalances[i]} the effective balance of validator {@code i}.
   */
  public int computeProposerIndex(EffectiveBalances effectiveBalances, int[] indices, Bytes32 seed) {
    StateTransitionException.check(indices.length > 0, "len(indices) > 0");
    final long maxRandomValue = (1L << 16) - 1;
    long maxEffectiveBalance = config.maxEffectiveBalanceElectra().longValue();
    int total = indices.length;
    byte[] seedBytes = seed.toArrayUnsafe();
    byte[] buf = new byte[40];
    System.arraycopy(seedBytes, 0, buf, 0, 32);
    byte[] randomBytes = null;
    ShuffledIndexFunction shuffled = new ShuffledIndexFunction(total, seedBytes, config.shuffleRoundCount());
    for (long i = 0; ; i++) {
      int candidate = indices[(int) shuffled.shuffledIndex(i % total)];
      if (i % 16 == 0) {
        writeUint64(buf, 32, i / 16);
        randomBytes = Sha256.hash(buf);
      }
      int offset = (int) (i % 16 * 2);
      long randomValue = bytesToUint64(randomBytes, offset, 2);
      long effectiveBalance = effectiveBalances.of(candidate);
      if (Math.multiplyHigh(effectiveBalance, maxRandomValue) > 0
          || effectiveBalance * maxRandomValue >= maxEffectiveBalance * randomValue) {
        return candidate;
      }
    }
  }

  /** Effective balance by validator index, for the balance-weighted samplers. */
  @FunctionalInterface
  public interface EffectiveBalances {
    long of(int validatorIndex);
  }

  static void writeUint64(byte[] out, int offset, long v) {
    for (int i = 0; i < 8; i++) {
      out[offset + i] = (byte) (v >>> (8 * i));
    }
  }

  /** {@code hash(seed + uint_to_bytes(value))}. */
  public static Bytes32 hashWithUint64(Bytes32 seed, UInt64 value) {
    byte[] buf = new byte[40];
    System.arraycopy(seed.toArrayUnsafe(), 0, buf, 0, 32);
    writeUint64(buf, 32, value.longValue());
    return Bytes32.wrap(Sha256.hash(buf));
  }

  /** {@code compute_proposer_indices} (Fulu): one balance-weighted sample per slot of the epoch. */
  public int[] computeProposerIndices(EffectiveBalances balances, UInt64 epoch, Bytes32 seed, int[] indices) {
    UInt64 startSlot = computeStartSlotAtEpoch(epoch);
    int[] out = new int[config.slotsPerEpoch()];
    for (int i = 0; i < out.length; i++) {
      out[i] = computeProposerIndex(balances, indices, hashWithUint64(seed, startSlot.plus(i)));
    }
    return out;
  }

  /** A blob-schedule entry as the spec's {@code BlobParameters}. */
  public record BlobParameters(UInt64 epoch, UInt64 maxBlobsPerBlock) {}

  /** {@code get_blob_parameters} (Fulu). */
  public BlobParameters getBlobParameters(UInt64 epoch) {
    List<BlobScheduleEntry> schedule = config.blobSchedule().stream()
        .sorted(Comparator.comparing(BlobScheduleEntry::epoch).reversed())
        .toList();
    for (BlobScheduleEntry e : schedule) {
      if (epoch.isGreaterThanOrEqualTo(e.epoch())) {
        return new BlobParameters(e.epoch(), UInt64.valueOf(e.maxBlobsPerBlock()));
      }
    }
    return new BlobParameters(config.electraForkEpoch(), UInt64.valueOf(config.maxBlobsPerBlockElectra()));
  }

  /** {@code compute_fork_version}: the version of the fork active at {@code epoch}. */
  public Bytes computeForkVersion(UInt64 epoch) {
    if (epoch.isGreaterThanOrEqualTo(config.fuluForkEpoch())) {
      return config.fuluForkVersion();
    }
    if (epoch.isGreaterThanOrEqualTo(config.electraForkEpoch())) {
      return config.electraForkVersion();
    }
    if (epoch.isGreaterThanOrEqualTo(config.denebForkEpoch())) {
      return config.denebForkVersion();
    }
    if (epoch.isGreaterThanOrEqualTo(config.capellaForkEpoch())) {
      return config.capellaForkVersion();
    }
    if (epoch.isGreaterThanOrEqualTo(config.bellatrixForkEpoch())) {
      return config.bellatrixForkVersion();
    }
    if (epoch.isGreaterThanOrEqualTo(config.altairForkEpoch())) {
      return config.altairForkVersion();
    }
    return config.genesisForkVersion();
  }

  /** {@code compute_fork_digest} (Fulu: xor-ed with the hash of the blob parameters). */
  public Bytes computeForkDigest(Bytes32 genesisValidatorsRoot, UInt64 epoch) {
    Bytes32 base = computeForkDataRoot(computeForkVersion(epoch), genesisValidatorsRoot);
    if (epoch.isLessThan(config.fuluForkEpoch())) {
      return base.slice(0, 4);
    }
    BlobParameters p = getBlobParameters(epoch);
    Bytes32 h = Bytes32.wrap(Sha256.hash(Bytes.concatenate(uintToBytes(p.epoch()), uintToBytes(p.maxBlobsPerBlock())).toArrayUnsafe()));
    return base.xor(h).slice(0, 4);
  }

  /** {@code kzg_commitment_to_versioned_hash}. */
  public static Bytes32 kzgCommitmentToVersionedHash(Bytes commitment) {
    byte[] h = Sha256.hash(commitment.toArrayUnsafe());
    h[0] = SpecConstants.VERSIONED_HASH_VERSION_KZG;
    return Bytes32.wrap(h);
  }

  /**
   * {@code is_valid_deposit_signature} (Electra): the proof of possession over the
   * {@code DepositMessage}, under the fork-agnostic deposit domain. A public key or signature
   * that does not decode makes it invalid, never an error.
   */
  public boolean isValidDepositSignature(Bytes48 pubkey, Bytes32 withdrawalCredentials, UInt64 amount, Bytes signature,
      SignatureVerifier verifier) {
    Bytes32 domain = computeDomain(SpecConstants.DOMAIN_DEPOSIT, config.genesisForkVersion(), Bytes32.ZERO);
    Bytes32 signingRoot = computeSigningRoot(DepositMessage.create(pubkey, withdrawalCredentials, amount).hashTreeRoot(), domain);
    return verifier.verify(BlsPublicKey.fromBytes(pubkey), signingRoot, signature);
  }
}
