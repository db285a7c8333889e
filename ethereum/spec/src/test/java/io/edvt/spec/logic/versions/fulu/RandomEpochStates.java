package io.edvt.spec.logic.versions.fulu;

import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.operations.DepositMessage;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.PendingConsolidation;
import io.edvt.spec.datastructures.state.PendingDeposit;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.logic.common.SpecConstants;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * Seeded random Fulu states (minimal preset) shaped to reach every branch of epoch processing:
 * validators waiting for eligibility and activation, ejections, exits, slashed validators at
 * the slashing-penalty epoch, balances far from and near zero (so penalties saturate), all
 * participation flag combinations, inactivity scores, and deposit and consolidation queues
 * with top-ups, new validators with valid and invalid proofs of possession, postponed and
 * unfinalized deposits.
 */
final class RandomEpochStates {
  static final long ETH = 1_000_000_000L;
  private static final UInt64 FAR = SpecConstants.FAR_FUTURE_EPOCH;
  private static final Map<Integer, BlsSecretKey> KEYS = new ConcurrentHashMap<>();

  private final SpecFulu spec;
  private final SpecConfig config;

  RandomEpochStates(SpecFulu spec) {
    this.spec = spec;
    this.config = spec.config();
  }

  static BlsSecretKey key(int i) {
    return KEYS.computeIfAbsent(i, BlsSecretKey::interop);
  }

  /**
   * A state at the last slot of {@code epoch} with {@code n} validators; with {@code leak} the
   * finalized checkpoint lies far enough back for an inactivity leak.
   */
  BeaconState create(long seed, int n, long epoch, boolean leak) {
    Random r = new Random(seed);
    BeaconStateFulu empty = spec.schemas().beaconState().defaultValue();
    MutableBeaconState s = new MutableBeaconState(empty);
    s.setSlot(UInt64.valueOf(epoch * config.slotsPerEpoch() + config.slotsPerEpoch() - 1));

    List<Bytes32> blockRoots = new ArrayList<>();
    for (int i = 0; i < config.slotsPerHistoricalRoot(); i++) {
      blockRoots.add(randomRoot(r));
    }
    s.setList(BeaconState.BLOCK_ROOTS, s.listValue(BeaconState.BLOCK_ROOTS).type().of(blockRoots));
    List<Bytes32> mixes = new ArrayList<>();
    for (int i = 0; i < config.epochsPerHistoricalVector(); i++) {
      mixes.add(randomRoot(r));
    }
    s.setList(BeaconState.RANDAO_MIXES, s.listValue(BeaconState.RANDAO_MIXES).type().of(mixes));

    long finalized = leak ? epoch - 10 : epoch - 2;
    s.setFinalizedCheckpoint(Checkpoint.create(UInt64.valueOf(finalized), randomRoot(r)));
    s.setPreviousJustifiedCheckpoint(Checkpoint.create(UInt64.valueOf(epoch - (leak ? 9 : 2)), randomRoot(r)));
    s.setCurrentJustifiedCheckpoint(Checkpoint.create(UInt64.valueOf(epoch - (leak ? 8 : 1)), randomRoot(r)));
    s.setJustificationBits(SszBits.withSet(4, r.nextBoolean() ? new int[] {0, 1, 2} : new int[] {1, 3}));

    List<Validator> validators = new ArrayList<>();
    List<UInt64> balances = new ArrayList<>();
    List<Integer> previous = new ArrayList<>();
    List<Integer> current = new ArrayList<>();
    List<UInt64> scores = new ArrayList<>();
    long halfSlashingsVector = config.epochsPerSlashingsVector() / 2;
    for (int i = 0; i < n; i++) {
      long eb = randomEffectiveBalance(r);
      byte prefix = eb > 32 * ETH ? SpecConstants.COMPOUNDING_WITHDRAWAL_PREFIX : (byte) r.nextInt(3);
      UInt64 eligibility;
      UInt64 activation;
      UInt64 exit = FAR;
      UInt64 withdrawable = FAR;
      boolean slashed = false;
      int kind = i >= n - 3 ? 99 : r.nextInt(99);
      if (kind < 60) { // active
        activation = UInt64.valueOf(r.nextInt((int) epoch - 4));
        eligibility = activation;
      } else if (kind < 66) { // waiting for activation eligibility
        eligibility = FAR;
        activation = FAR;
      } else if (kind < 72) { // eligible, maybe finalized
        eligibility = UInt64.valueOf(finalized - 1 + r.nextInt(4));
        activation = FAR;
      } else if (kind < 78) { // exited, some already withdrawable
        activation = UInt64.valueOf(r.nextInt(3));
        eligibility = activation;
        exit = UInt64.valueOf(3 + r.nextInt((int) epoch - 3));
        withdrawable = r.nextBoolean() ? exit.plus(1) : exit.plus(config.minValidatorWithdrawabilityDelay());
      } else if (kind < 84) { // exiting
        activation = UInt64.valueOf(r.nextInt(3));
        eligibility = activation;
        exit = UInt64.valueOf(epoch + 1 + r.nextInt(5));
        withdrawable = exit.plus(config.minValidatorWithdrawabilityDelay());
      } else if (i >= n - 3) {
        // slashed but never exited, at the ejection balance and at the correlation-penalty epoch:
        // registry updates eject it, which moves its withdrawable epoch past the penalty
        slashed = true;
        activation = UInt64.ZERO;
        eligibility = activation;
        withdrawable = UInt64.valueOf(epoch + halfSlashingsVector);
        eb = config.ejectionBalance().longValue();
        prefix = 0;
      } else { // slashed, half of them at the correlation-penalty epoch
        slashed = true;
        activation = UInt64.valueOf(r.nextInt(3));
        eligibility = activation;
        exit = UInt64.valueOf(epoch - 2 + r.nextInt(6));
        withdrawable = r.nextBoolean()
            ? UInt64.valueOf(epoch + halfSlashingsVector)
            : UInt64.valueOf(epoch - 1 + r.nextInt(3));
        if (r.nextInt(5) == 0) {
          exit = FAR; // not exited yet: registry updates may eject it
        }
      }
      byte[] credentials = new byte[32];
      r.nextBytes(credentials);
      credentials[0] = prefix;
      validators.add(Validator.create(key(i).publicKey().toBytes(), Bytes32.wrap(credentials), UInt64.valueOf(eb),
          slashed, eligibility, activation, exit, withdrawable));
      balances.add(UInt64.valueOf(randomBalance(r, eb)));
      previous.add(r.nextInt(8));
      current.add(r.nextInt(8));
      scores.add(UInt64.valueOf(r.nextBoolean() ? 0 : r.nextInt(leak ? 5000 : 60)));
    }
    setList(s, BeaconState.VALIDATORS, validators);
    setList(s, BeaconState.BALANCES, balances);
    setList(s, BeaconState.PREVIOUS_EPOCH_PARTICIPATION, previous);
    setList(s, BeaconState.CURRENT_EPOCH_PARTICIPATION, current);
    setList(s, BeaconState.INACTIVITY_SCORES, scores);

    List<UInt64> slashings = new ArrayList<>();
    for (int i = 0; i < config.epochsPerSlashingsVector(); i++) {
      slashings.add(UInt64.valueOf(r.nextInt(8) == 0 ? (1 + r.nextInt(64)) * ETH : 0));
    }
    setList(s, BeaconState.SLASHINGS, slashings);

    List<UInt64> lookahead = new ArrayList<>();
    for (int i = 0; i < (config.minSeedLookahead() + 1) * config.slotsPerEpoch(); i++) {
      lookahead.add(UInt64.valueOf(r.nextInt(n)));
    }
    setList(s, BeaconStateFulu.PROPOSER_LOOKAHEAD, lookahead);

    setList(s, BeaconState.PENDING_DEPOSITS, deposits(r, validators, finalized, n));
    List<PendingConsolidation> consolidations = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      consolidations.add(PendingConsolidation.create(UInt64.valueOf(r.nextInt(n)), UInt64.valueOf(r.nextInt(n))));
    }
    setList(s, BeaconState.PENDING_CONSOLIDATIONS, consolidations);
    s.setDepositBalanceToConsume(UInt64.valueOf(r.nextInt(64) * ETH));
    return s.commit();
  }

  private List<PendingDeposit> deposits(Random r, List<Validator> validators, long finalizedEpoch, int n) {
    UInt64 finalizedSlot = UInt64.valueOf(finalizedEpoch * config.slotsPerEpoch());
    List<PendingDeposit> out = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      int kind = r.nextInt(4);
      UInt64 amount = UInt64.valueOf((1 + r.nextInt(40)) * ETH + r.nextInt(1000));
      UInt64 slot = i < 10 ? UInt64.valueOf(r.nextInt((int) finalizedSlot.longValue() + 1)) : finalizedSlot.plus(1 + r.nextInt(8));
      if (kind == 0) { // top-up (or postponed when the validator has exited)
        Validator v = validators.get(r.nextInt(validators.size()));
        out.add(PendingDeposit.create(v.pubkey(), v.withdrawalCredentials(), amount, randomSignature(r), slot));
      } else {
        BlsSecretKey sk = key(n + i);
        Bytes48 pubkey = sk.publicKey().toBytes();
        byte[] credentials = new byte[32];
        credentials[0] = (byte) r.nextInt(3);
        Bytes32 wc = Bytes32.wrap(credentials);
        Bytes signature = kind == 3
            ? randomSignature(r)
            : Bls.sign(sk, spec.misc().computeSigningRoot(DepositMessage.create(pubkey, wc, amount).hashTreeRoot(),
                spec.misc().computeDomain(SpecConstants.DOMAIN_DEPOSIT, config.genesisForkVersion(), Bytes32.ZERO))).toBytes();
        out.add(PendingDeposit.create(pubkey, wc, amount, signature, slot));
      }
    }
    return out;
  }

  private static long randomEffectiveBalance(Random r) {
    int k = r.nextInt(20);
    if (k < 12) {
      return 32 * ETH;
    }
    if (k < 15) {
      return 2048 * ETH;
    }
    if (k < 17) {
      return (1 + r.nextInt(16)) * ETH; // at or below the ejection balance
    }
    return (17 + r.nextInt(2032)) * ETH;
  }

  private static long randomBalance(Random r, long effectiveBalance) {
    int k = r.nextInt(20);
    if (k == 0) {
      return r.nextInt(2000); // a few gwei: penalties saturate at zero
    }
    if (k == 1) {
      return effectiveBalance + (1 + r.nextInt(50)) * ETH; // far above: effective balance goes up
    }
    return Math.max(0, effectiveBalance - 2 * ETH + (long) (r.nextDouble() * 4 * ETH));
  }

  private static Bytes32 randomRoot(Random r) {
    byte[] b = new byte[32];
    r.nextBytes(b);
    return Bytes32.wrap(b);
  }

  private static Bytes randomSignature(Random r) {
    byte[] b = new byte[96];
    r.nextBytes(b);
    return Bytes.wrap(b);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void setList(MutableBeaconState s, int field, List<?> values) {
    SszList list = s.listValue(field);
    s.setList(field, list.type().of(values));
  }
}
