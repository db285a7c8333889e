package io.edvt.spec.testing;

import static io.edvt.spec.logic.common.SpecConstants.BLS_WITHDRAWAL_PREFIX;
import static io.edvt.spec.logic.common.SpecConstants.COMPOUNDING_WITHDRAWAL_PREFIX;
import static io.edvt.spec.logic.common.SpecConstants.ETH1_ADDRESS_WITHDRAWAL_PREFIX;
import static io.edvt.spec.logic.common.SpecConstants.FAR_FUTURE_EPOCH;
import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.config.SpecConfigLoader;
import io.edvt.spec.datastructures.blocks.BeaconBlockBody;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.execution.Withdrawal;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.logic.versions.fulu.GenesisFulu;
import io.edvt.spec.logic.versions.fulu.GenesisFulu.GenesisValidator;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

/**
 * Every kind of block operation and execution request the chain builder makes, in one block of a
 * chain that keeps finalizing: each is accepted with signatures checked and has its effect.
 * {@code SHARD_COMMITTEE_PERIOD} and {@code MIN_VALIDATOR_WITHDRAWABILITY_DELAY} are lowered so
 * exits and withdrawals happen within a few epochs.
 */
class ChainBuilderOperationsTest {
  private static final SpecConfig CONFIG = SpecConfigLoader.load("minimal")
      .withOverrides(Map.of("SHARD_COMMITTEE_PERIOD", "0", "MIN_VALIDATOR_WITHDRAWABILITY_DELAY", "1"));
  private static final SpecFulu SPEC = new SpecFulu(CONFIG);
  private static final UInt64 ETH = UInt64.valueOf(1_000_000_000L);
  private static final int COUNT = 64;

  @Test
  void operationsAndExecutionRequestsAreAcceptedAndTakeEffect() {
    // 0x00 credentials for i % 4 == 0, compounding with 40 ETH for i % 4 == 1, 0x01 otherwise
    List<GenesisValidator> validators = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      validators.add(switch (i % 4) {
        case 0 -> GenesisFulu.interopValidator(i, BLS_WITHDRAWAL_PREFIX, ETH.times(32));
        case 1 -> GenesisFulu.interopValidator(i, COMPOUNDING_WITHDRAWAL_PREFIX, ETH.times(40));
        default -> GenesisFulu.interopValidator(i, ETH1_ADDRESS_WITHDRAWAL_PREFIX, ETH.times(32));
      });
    }
    GenesisFulu genesisBuilder = new GenesisFulu(SPEC);
    BeaconState genesis = genesisBuilder.initialize(UInt64.ZERO, GenesisFulu.INTEROP_ETH1_BLOCK_HASH,
        genesisBuilder.executionPayloadHeader(GenesisFulu.INTEROP_ETH1_BLOCK_HASH, UInt64.ZERO), validators);
    ChainBuilder chain = new ChainBuilder(SPEC, genesis, ValidatorKeys.interop(COUNT));
    chain.addBlocksUpTo(UInt64.valueOf(2));

    // validators that propose in none of the next two epochs, by credential kind
    MutableBeaconState view = chain.headView();
    Set<Integer> proposers = new HashSet<>();
    view.proposerLookahead().commit().forEach(p -> proposers.add(p.intValue()));
    List<Integer> bls = free(0, proposers);
    List<Integer> compounding = free(1, proposers);
    List<Integer> eth1 = free(2, proposers);
    eth1.addAll(free(3, proposers));

    int proposerSlashed = eth1.get(0);
    List<Integer> attesterSlashed = List.of(eth1.get(1), eth1.get(2));
    int exiting = eth1.get(3);
    int requestExiting = eth1.get(4);
    int switching = eth1.get(5);
    int changing = bls.get(0);
    int partial = compounding.get(0);
    Bytes newAddress = Bytes.fromHexString("0x00000000000000000000000000000000000000aa");
    BlsSecretKey newKey = BlsSecretKey.interop(COUNT);
    Bytes32 newCredentials = GenesisFulu.interopWithdrawalCredentials(newKey.publicKey().toBytes(), ETH1_ADDRESS_WITHDRAWAL_PREFIX);

    OperationFactory ops = chain.operations();
    UInt64 slot = view.slot().plus(1);
    BlockOptions options = BlockOptions.none()
        .proposerSlashing(ops.proposerSlashing(view, proposerSlashed, UInt64.ONE))
        .attesterSlashing(ops.attesterSlashing(view, attesterSlashed))
        .exit(ops.voluntaryExit(view, exiting))
        .blsToExecutionChange(ops.blsToExecutionChange(view, changing, newAddress))
        .depositRequest(ops.depositRequest(newKey, newCredentials, ETH.times(32), UInt64.ZERO))
        .withdrawalRequest(ops.withdrawalRequest(view, requestExiting, UInt64.ZERO))
        .withdrawalRequest(ops.withdrawalRequest(view, partial, ETH.times(5)))
        .consolidationRequest(ops.consolidationRequest(view, switching, switching));
    SignedBeaconBlock block = chain.addBlock(slot, options);
    BeaconBlockBody body = block.message().body();
    assertThat(body.proposerSlashings().size()).isEqualTo(1);
    assertThat(body.executionRequests().withdrawals().size()).isEqualTo(2);

    BeaconState after = chain.headState();
    assertThat(validator(after, proposerSlashed).slashed()).isTrue();
    attesterSlashed.forEach(i -> assertThat(validator(after, i).slashed()).isTrue());
    assertThat(validator(after, exiting).exitEpoch()).isNotEqualTo(FAR_FUTURE_EPOCH);
    assertThat(validator(after, requestExiting).exitEpoch()).isNotEqualTo(FAR_FUTURE_EPOCH);
    assertThat(validator(after, changing).withdrawalCredentials())
        .isEqualTo(Bytes32.wrap(Bytes.concatenate(Bytes.of(ETH1_ADDRESS_WITHDRAWAL_PREFIX), Bytes.wrap(new byte[11]), newAddress)));
    assertThat(validator(after, switching).withdrawalCredentials().get(0)).isEqualTo(COMPOUNDING_WITHDRAWAL_PREFIX);
    assertThat(after.pendingPartialWithdrawals().size()).isEqualTo(1);
    assertThat(after.pendingDeposits().stream().anyMatch(d -> d.pubkey().equals(newKey.publicKey().toBytes()))).isTrue();

    // keep building: the chain still finalizes, the deposit joins the registry, the requested
    // partial withdrawal is paid out and the exited validator is swept
    chain.addBlocksUpTo(UInt64.valueOf(10L * CONFIG.slotsPerEpoch()));
    BeaconState head = chain.headState();
    assertThat(head.finalizedCheckpoint().epoch().longValue()).isGreaterThanOrEqualTo(7);
    assertThat(head.validators().size()).isEqualTo(COUNT + 1);
    assertThat(validator(head, COUNT).pubkey()).isEqualTo(newKey.publicKey().toBytes());
    assertThat(head.pendingPartialWithdrawals().size()).isZero();
    List<Withdrawal> paid = chain.blocks().stream()
        .flatMap(b -> b.message().body().executionPayload().withdrawals().stream()).toList();
    assertThat(paid).anyMatch(w -> w.validatorIndex().intValue() == partial && w.amount().equals(ETH.times(5)));
    // the exited validator's whole balance was withdrawn (sync committee rewards may follow)
    assertThat(paid).anyMatch(w -> w.validatorIndex().intValue() == exiting && w.amount().isGreaterThan(ETH.times(31)));
    assertThat(head.validators().get(exiting).withdrawableEpoch().longValue()).isLessThanOrEqualTo(
        SPEC.misc().computeEpochAtSlot(head.slot()).longValue());
    assertThat(paid).anyMatch(w -> w.validatorIndex().intValue() == changing && w.address().equals(newAddress));
  }

  private static List<Integer> free(int residue, Set<Integer> proposers) {
    List<Integer> out = new ArrayList<>();
    for (int i = residue; i < COUNT; i += 4) {
      if (!proposers.contains(i)) {
        out.add(i);
      }
    }
    return out;
  }

  private static Validator validator(BeaconState state, int index) {
    return state.validators().get(index);
  }
}
