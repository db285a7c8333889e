package io.edvt.spec.logic.versions.fulu;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.config.SpecConfigLoader;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.logic.common.SpecConstants;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.junit.jupiter.api.Test;

/**
 * {@link ValidatorStatuses} on a registry big enough to be read in parallel parts (the last one
 * partial, some empty), against the definitions evaluated validator by validator.
 */
class ValidatorStatusesTest {
  private static final SpecConfig CONFIG = SpecConfigLoader.load("minimal");
  private static final SpecFulu SPEC = new SpecFulu(CONFIG);
  private static final long ETH = 1_000_000_000L;

  @Test
  void aParallelReadOfABigRegistryMatchesThePerValidatorDefinitions() {
    int n = 70_001;
    long current = 30;
    long previous = 29;
    Random r = new Random(42);
    List<Validator> validators = new ArrayList<>(n);
    List<Integer> previousFlags = new ArrayList<>(n);
    List<Integer> currentFlags = new ArrayList<>(n);
    Bytes48 pubkey = Bytes48.ZERO;
    for (int i = 0; i < n; i++) {
      byte[] credentials = new byte[32];
      credentials[0] = (byte) r.nextInt(3);
      UInt64 activation = r.nextInt(10) == 0 ? SpecConstants.FAR_FUTURE_EPOCH : UInt64.valueOf(r.nextInt(35));
      UInt64 exit = r.nextInt(4) == 0 ? UInt64.valueOf(25 + r.nextInt(10)) : SpecConstants.FAR_FUTURE_EPOCH;
      UInt64 withdrawable = exit.equals(SpecConstants.FAR_FUTURE_EPOCH) ? exit : UInt64.valueOf(28 + r.nextInt(6));
      validators.add(Validator.create(pubkey, Bytes32.wrap(credentials), UInt64.valueOf((1 + r.nextInt(2048)) * ETH),
          r.nextInt(8) == 0, UInt64.valueOf(r.nextInt(40)), activation, exit, withdrawable));
      previousFlags.add(r.nextInt(8));
      currentFlags.add(r.nextInt(8));
    }
    MutableBeaconState state = new MutableBeaconState(SPEC.schemas().beaconState().defaultValue());
    state.setSlot(UInt64.valueOf(current * CONFIG.slotsPerEpoch()));
    state.setList(BeaconState.VALIDATORS, state.listValue(BeaconState.VALIDATORS).type().of(validators));
    SszList<Integer> flags = state.listValue(BeaconState.PREVIOUS_EPOCH_PARTICIPATION);
    state.setList(BeaconState.PREVIOUS_EPOCH_PARTICIPATION, flags.type().of(previousFlags));
    state.setList(BeaconState.CURRENT_EPOCH_PARTICIPATION, flags.type().of(currentFlags));

    ValidatorStatuses s = ValidatorStatuses.compute(state, current, previous);

    PredicatesFulu predicates = SPEC.predicates();
    UInt64 cur = UInt64.valueOf(current);
    UInt64 prev = UInt64.valueOf(previous);
    long active = 0;
    long currentTarget = 0;
    long[] previousFlagBalances = new long[3];
    assertThat(s.size()).isEqualTo(n);
    for (int i = 0; i < n; i++) {
      Validator v = validators.get(i);
      long eb = v.effectiveBalance().longValue();
      boolean activePrevious = predicates.isActiveValidator(v, prev);
      boolean activeCurrent = predicates.isActiveValidator(v, cur);
      int expected = (v.slashed() ? ValidatorStatuses.SLASHED : 0)
          | (activePrevious ? ValidatorStatuses.ACTIVE_PREVIOUS : 0)
          | (activeCurrent ? ValidatorStatuses.ACTIVE_CURRENT : 0)
          | (activePrevious || (v.slashed() && prev.plus(1).isLessThan(v.withdrawableEpoch())) ? ValidatorStatuses.ELIGIBLE : 0)
          | (predicates.hasCompoundingWithdrawalCredential(v) ? ValidatorStatuses.COMPOUNDING : 0);
      if (!v.slashed() && activePrevious) {
        expected |= (previousFlags.get(i) & 7) << 5;
        for (int f = 0; f < 3; f++) {
          if ((previousFlags.get(i) & (1 << f)) != 0) {
            previousFlagBalances[f] += eb;
          }
        }
      }
      if (!v.slashed() && activeCurrent && (currentFlags.get(i) & 2) != 0) {
        expected |= ValidatorStatuses.CURRENT_TARGET;
        currentTarget += eb;
      }
      if (activeCurrent) {
        active += eb;
      }
      assertThat(s.status(i)).as("status of %d", i).isEqualTo(expected);
      assertThat(s.effectiveBalances()[i]).isEqualTo(eb);
      assertThat(s.activationEligibilityEpochs()[i]).isEqualTo(v.activationEligibilityEpoch().longValue());
      assertThat(s.activationEpochs()[i]).isEqualTo(v.activationEpoch().longValue());
      assertThat(s.exitEpochs()[i]).isEqualTo(v.exitEpoch().longValue());
      assertThat(s.withdrawableEpochs()[i]).isEqualTo(v.withdrawableEpoch().longValue());
    }
    assertThat(s.totalActiveBalance(CONFIG)).isEqualTo(active);
    assertThat(s.currentTargetBalance(CONFIG)).isEqualTo(currentTarget);
    for (int f = 0; f < 3; f++) {
      assertThat(s.previousFlagBalance(f, CONFIG)).isEqualTo(previousFlagBalances[f]);
    }
    assertThat(s.activeIndices(current)).hasSize((int) validators.stream().filter(v -> predicates.isActiveValidator(v, cur)).count());
  }
}
