package io.edvt.spec.logic.versions.fulu;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.io.SnappyFiles;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfigLoader;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.GenesisFulu.GenesisValidator;
import io.edvt.spec.schemas.SpecTestVectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenesisFuluTest {
  private static final SpecFulu SPEC = new SpecFulu(SpecConfigLoader.load("minimal"));
  private static final GenesisFulu GENESIS = new GenesisFulu(SPEC);

  @Test
  void interopGenesisHasActiveInteropValidatorsAndFuluFields() {
    BeaconStateFulu state = GENESIS.interop(64, UInt64.valueOf(1_700_000_000L), SpecConstants.ETH1_ADDRESS_WITHDRAWAL_PREFIX);

    assertThat(state.slot()).isEqualTo(UInt64.ZERO);
    assertThat(state.genesisTime()).isEqualTo(UInt64.valueOf(1_700_000_000L));
    assertThat(state.fork().currentVersion()).isEqualTo(SPEC.config().fuluForkVersion());
    assertThat(state.fork().previousVersion()).isEqualTo(SPEC.config().electraForkVersion());
    assertThat(state.validators().size()).isEqualTo(64);
    assertThat(state.genesisValidatorsRoot()).isEqualTo(state.validators().hashTreeRoot());
    assertThat(state.depositRequestsStartIndex()).isEqualTo(UInt64.ZERO);
    assertThat(state.eth1DepositIndex()).isEqualTo(UInt64.ZERO);
    assertThat(state.eth1Data().depositCount()).isEqualTo(UInt64.ZERO);
    assertThat(state.latestExecutionPayloadHeader().timestamp()).isEqualTo(state.genesisTime());
    for (int i = 0; i < 64; i++) {
      Validator v = state.validators().get(i);
      assertThat(v.pubkey()).isEqualTo(BlsSecretKey.interop(i).publicKey().toBytes());
      assertThat(v.withdrawalCredentials().get(0)).isEqualTo(SpecConstants.ETH1_ADDRESS_WITHDRAWAL_PREFIX);
      assertThat(v.effectiveBalance()).isEqualTo(SPEC.config().minActivationBalance());
      assertThat(v.activationEpoch()).isEqualTo(SpecConstants.GENESIS_EPOCH);
      assertThat(state.balances().get(i)).isEqualTo(SPEC.config().minActivationBalance());
    }
    int lookahead = (SPEC.config().minSeedLookahead() + 1) * SPEC.config().slotsPerEpoch();
    assertThat(state.proposerLookahead().size()).isEqualTo(lookahead);
    MutableBeaconState working = new MutableBeaconState(state);
    int[] epoch0 = SPEC.accessors().getBeaconProposerIndices(working, UInt64.ZERO);
    for (int i = 0; i < epoch0.length; i++) {
      assertThat(state.proposerLookahead().get(i).intValue()).isEqualTo(epoch0[i]);
    }
    assertThat(state.currentSyncCommittee()).isEqualTo(state.nextSyncCommittee());
  }

  @Test
  void balancesBelowTheActivationBalanceAreNotActivatedAndCompoundingKeepsItsExcess() {
    UInt64 eth = UInt64.valueOf(1_000_000_000L);
    List<GenesisValidator> validators = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      validators.add(GenesisFulu.interopValidator(i, SpecConstants.ETH1_ADDRESS_WITHDRAWAL_PREFIX, eth.times(32)));
    }
    validators.set(1, GenesisFulu.interopValidator(1, SpecConstants.ETH1_ADDRESS_WITHDRAWAL_PREFIX, eth.times(16)));
    validators.set(2, GenesisFulu.interopValidator(2, SpecConstants.COMPOUNDING_WITHDRAWAL_PREFIX, eth.times(100).plus(7)));
    validators.set(3, GenesisFulu.interopValidator(3, SpecConstants.ETH1_ADDRESS_WITHDRAWAL_PREFIX, eth.times(40)));
    BeaconStateFulu state = GENESIS.initialize(UInt64.ZERO, GenesisFulu.INTEROP_ETH1_BLOCK_HASH,
        GENESIS.executionPayloadHeader(GenesisFulu.INTEROP_ETH1_BLOCK_HASH, UInt64.ZERO), validators);

    assertThat(state.validators().get(1).activationEpoch()).isEqualTo(SpecConstants.FAR_FUTURE_EPOCH);
    assertThat(state.validators().get(1).activationEligibilityEpoch()).isEqualTo(SpecConstants.FAR_FUTURE_EPOCH);
    assertThat(state.validators().get(1).effectiveBalance()).isEqualTo(eth.times(16));
    assertThat(state.validators().get(2).effectiveBalance()).isEqualTo(eth.times(100));
    assertThat(state.balances().get(2)).isEqualTo(eth.times(100).plus(7));
    assertThat(state.validators().get(3).effectiveBalance()).isEqualTo(eth.times(32));
    for (int i = 0; i < state.proposerLookahead().size(); i++) {
      assertThat(state.proposerLookahead().get(i).intValue()).isNotEqualTo(1);
    }
  }

  /**
   * The pyspec's genesis states (the {@code pre} of slot-0 sanity cases) rebuilt from their
   * validators, payload header and RANDAO seed: everything but the three fields where this
   * genesis differs on purpose (no deposit contract) must be equal, sync committees and
   * proposer lookahead included.
   */
  @Test
  void matchesThePyspecGenesisApartFromTheDepositContractFields() throws Exception {
    Path pre = SpecTestVectors.requireTestsDir()
        .resolve("minimal/fulu/sanity/blocks/pyspec_tests/empty_block_transition/pre.ssz_snappy");
    BeaconStateFulu expected = SPEC.schemas().beaconState().deserialize(SnappyFiles.readSszSnappy(pre));
    assertThat(expected.slot().isZero()).as("the case starts from genesis").isTrue();

    List<GenesisValidator> validators = new ArrayList<>();
    for (int i = 0; i < expected.validators().size(); i++) {
      Validator v = expected.validators().get(i);
      validators.add(new GenesisValidator(v.pubkey(), v.withdrawalCredentials(), expected.balances().get(i)));
    }
    BeaconStateFulu built = GENESIS.initialize(expected.genesisTime(), expected.randaoMixes().get(0),
        expected.latestExecutionPayloadHeader(), validators);
    assertThat(built.currentSyncCommittee()).isEqualTo(expected.currentSyncCommittee());
    assertThat(built.proposerLookahead()).isEqualTo(expected.proposerLookahead());

    BeaconState aligned = built.withEth1Data(expected.eth1Data())
        .withEth1DepositIndex(expected.eth1DepositIndex())
        .withDepositRequestsStartIndex(expected.depositRequestsStartIndex());
    assertThat(aligned.hashTreeRoot()).isEqualTo(expected.hashTreeRoot());
  }
}
