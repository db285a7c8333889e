package io.edvt.spec.logic.versions.fulu;

import static io.edvt.spec.logic.common.SpecConstants.BLS_WITHDRAWAL_PREFIX;
import static io.edvt.spec.logic.common.SpecConstants.FAR_FUTURE_EPOCH;
import static io.edvt.spec.logic.common.SpecConstants.GENESIS_EPOCH;

import io.edvt.infrastructure.crypto.Sha256;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.ssz.types.CollectionType;
import io.edvt.infrastructure.ssz.types.SszTypes;
import io.edvt.infrastructure.unsigned.UInt256;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.blocks.Eth1Data;
import io.edvt.spec.datastructures.execution.ExecutionPayloadHeader;
import io.edvt.spec.datastructures.execution.Withdrawal;
import io.edvt.spec.datastructures.operations.DepositData;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.Fork;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.SyncCommittee;
import io.edvt.spec.datastructures.state.Validator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * A Fulu genesis state built directly from a validator set, for tests and devnets.
 *
 * <p>It mirrors the spec's {@code initialize_beacon_state_from_eth1} (phase0, as extended up to
 * Electra: {@code get_max_effective_balance}, activation at {@code MIN_ACTIVATION_BALANCE},
 * sync committees, the execution payload header) followed by Fulu's
 * {@code initialize_proposer_lookahead}. It differs in that:
 *
 * <ul>
 *   <li>there is no deposit contract: validators come as (public key, withdrawal credentials,
 *       balance) without deposit signatures or proofs, so {@code eth1_data} has
 *       {@code deposit_count = 0} (with the empty deposit tree's root), and
 *       {@code eth1_deposit_index = 0};
 *   <li>{@code deposit_requests_start_index} is 0 instead of
 *       {@code UNSET_DEPOSIT_REQUESTS_START_INDEX}: every deposit goes through execution-layer
 *       deposit requests from the start, so Electra's rule "eth1 bridge deposits first" and Fulu's
 *       (no bridge deposits at all) agree;
 *   <li>the state is at the Fulu fork from genesis: {@code fork = Fork(ELECTRA_FORK_VERSION,
 *       FULU_FORK_VERSION, GENESIS_EPOCH)}, as an Electra genesis upgraded at epoch 0 would have;
 *   <li>{@code genesis_time} is given as is (no {@code GENESIS_DELAY} is added).
 * </ul>
 */
public class GenesisFulu {
  /** One genesis validator. */
  public record GenesisValidator(Bytes48 pubkey, Bytes32 withdrawalCredentials, UInt64 balance) {}

  /** The interop genesis block hash, RANDAO seed and default execution block hash: {@code 0x42...}. */
  public static final Bytes32 INTEROP_ETH1_BLOCK_HASH = Bytes32.repeat((byte) 0x42);

  protected final SpecFulu spec;

  public GenesisFulu(SpecFulu spec) {
    this.spec = spec;
  }

  /**
   * A genesis state for {@code count} validators with the standard interop keys
   * ({@link BlsSecretKey#interop(int)}), {@code MIN_ACTIVATION_BALANCE} each and withdrawal
   * credentials with {@code prefix} (see {@link #interopWithdrawalCredentials}), at
   * {@code genesisTime}, with {@link #executionPayloadHeader} over the interop block hash.
   */
  public BeaconStateFulu interop(int count, UInt64 genesisTime, byte prefix) {
    List<GenesisValidator> validators = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      validators.add(interopValidator(i, prefix, spec.config().minActivationBalance()));
    }
    return initialize(genesisTime, INTEROP_ETH1_BLOCK_HASH,
        executionPayloadHeader(INTEROP_ETH1_BLOCK_HASH, genesisTime), validators);
  }

  /** Interop validator {@code index}: its interop public key, credentials with {@code prefix}, {@code balance}. */
  public static GenesisValidator interopValidator(int index, byte prefix, UInt64 balance) {
    Bytes48 pubkey = BlsSecretKey.interop(index).publicKey().toBytes();
    return new GenesisValidator(pubkey, interopWithdrawalCredentials(pubkey, prefix), balance);
  }

  /**
   * Withdrawal credentials for an interop validator: with {@code BLS_WITHDRAWAL_PREFIX},
   * {@code 0x00 || hash(pubkey)[1:]} (the validator's own key is its withdrawal key); with
   * {@code 0x01} or {@code 0x02}, the prefix, eleven zero bytes and {@link #interopExecutionAddress}.
   */
  public static Bytes32 interopWithdrawalCredentials(Bytes48 pubkey, byte prefix) {
    byte[] out = new byte[32];
    if (prefix == BLS_WITHDRAWAL_PREFIX) {
      System.arraycopy(Sha256.hash(pubkey.toArrayUnsafe()), 1, out, 1, 31);
    } else {
      System.arraycopy(interopExecutionAddress(pubkey).toArrayUnsafe(), 0, out, 12, 20);
    }
    out[0] = prefix;
    return Bytes32.wrap(out);
  }

  /** A deterministic execution address for a validator: the last 20 bytes of {@code hash(pubkey)}. */
  public static Bytes interopExecutionAddress(Bytes48 pubkey) {
    return Bytes.wrap(Sha256.hash(pubkey.toArrayUnsafe())).slice(12, 20);
  }

  /**
   * An execution payload header to start from: block number 0 with hash {@code blockHash},
   * {@code prev_randao = blockHash}, the given timestamp, empty transactions and withdrawals,
   * gas limit 30M and a base fee of 1 gwei.
   */
  public ExecutionPayloadHeader executionPayloadHeader(Bytes32 blockHash, UInt64 timestamp) {
    var type = spec.schemas().executionPayloadHeader();
    SpecConfig config = spec.config();
    Bytes32 emptyTransactions = SszTypes.list(spec.schemas().transaction(), config.maxTransactionsPerPayload())
        .of(List.of()).hashTreeRoot();
    Bytes32 emptyWithdrawals = SszTypes.list(Withdrawal.TYPE, config.maxWithdrawalsPerPayload())
        .of(List.of()).hashTreeRoot();
    return ExecutionPayloadHeader.create(type, Bytes32.ZERO, Bytes.wrap(new byte[20]), Bytes32.ZERO, Bytes32.ZERO,
        Bytes.wrap(new byte[config.bytesPerLogsBloom()]), blockHash, UInt64.ZERO, UInt64.valueOf(30_000_000),
        UInt64.ZERO, timestamp, Bytes.EMPTY, UInt256.valueOf(1_000_000_000L), blockHash, emptyTransactions,
        emptyWithdrawals, UInt64.ZERO, UInt64.ZERO);
  }

  /**
   * The genesis state for {@code validators} (see the class comment for how it relates to
   * {@code initialize_beacon_state_from_eth1}). {@code eth1BlockHash} seeds the RANDAO mixes and
   * is the {@code eth1_data} block hash.
   */
  public BeaconStateFulu initialize(UInt64 genesisTime, Bytes32 eth1BlockHash, ExecutionPayloadHeader header,
      List<GenesisValidator> validators) {
    SpecConfig config = spec.config();
    MutableBeaconState state = new MutableBeaconState(spec.schemas().beaconState().defaultValue());
    state.setField(BeaconState.GENESIS_TIME, genesisTime);
    state.setFork(Fork.create(config.electraForkVersion(), config.fuluForkVersion(), GENESIS_EPOCH));
    state.setEth1Data(Eth1Data.create(emptyDepositRoot(), UInt64.ZERO, eth1BlockHash));
    state.setLatestBlockHeader(BeaconBlockHeader.create(UInt64.ZERO, UInt64.ZERO, Bytes32.ZERO, Bytes32.ZERO,
        spec.schemas().beaconBlockBody().defaultValue().hashTreeRoot()));
    state.setList(BeaconState.RANDAO_MIXES,
        listType(BeaconState.RANDAO_MIXES).of(Collections.nCopies(config.epochsPerHistoricalVector(), eth1BlockHash)));

    // Validators with their balances; activation as in the spec's "process activations"
    List<Validator> registry = new ArrayList<>(validators.size());
    List<UInt64> balances = new ArrayList<>(validators.size());
    for (GenesisValidator g : validators) {
      Validator v = Validator.create(g.pubkey(), g.withdrawalCredentials(), UInt64.ZERO, false,
          FAR_FUTURE_EPOCH, FAR_FUTURE_EPOCH, FAR_FUTURE_EPOCH, FAR_FUTURE_EPOCH);
      UInt64 balance = g.balance();
      UInt64 effective = balance.minus(balance.mod(config.effectiveBalanceIncrement()))
          .min(spec.predicates().getMaxEffectiveBalance(v));
      v = v.withEffectiveBalance(effective);
      if (effective.isGreaterThanOrEqualTo(config.minActivationBalance())) {
        v = v.withActivationEligibilityEpoch(GENESIS_EPOCH).withActivationEpoch(GENESIS_EPOCH);
      }
      registry.add(v);
      balances.add(balance);
    }
    int n = validators.size();
    state.setList(BeaconState.VALIDATORS, listType(BeaconState.VALIDATORS).of(registry));
    state.setList(BeaconState.BALANCES, listType(BeaconState.BALANCES).of(balances));
    state.setList(BeaconState.PREVIOUS_EPOCH_PARTICIPATION,
        listType(BeaconState.PREVIOUS_EPOCH_PARTICIPATION).of(Collections.nCopies(n, 0)));
    state.setList(BeaconState.CURRENT_EPOCH_PARTICIPATION,
        listType(BeaconState.CURRENT_EPOCH_PARTICIPATION).of(Collections.nCopies(n, 0)));
    state.setList(BeaconState.INACTIVITY_SCORES,
        listType(BeaconState.INACTIVITY_SCORES).of(Collections.nCopies(n, UInt64.ZERO)));

    state.setField(BeaconState.GENESIS_VALIDATORS_ROOT,
        state.<Validator>listValue(BeaconState.VALIDATORS).hashTreeRoot());
    // A duplicate committee is assigned for the current and next committee at genesis
    SyncCommittee syncCommittee = spec.accessors().getNextSyncCommittee(state);
    state.setCurrentSyncCommittee(syncCommittee);
    state.setNextSyncCommittee(syncCommittee);
    state.setLatestExecutionPayloadHeader(header);
    state.setDepositRequestsStartIndex(UInt64.ZERO);
    state.setList(BeaconStateFulu.PROPOSER_LOOKAHEAD, spec.forkUpgrade().initializeProposerLookahead(state));
    return BeaconStateFulu.required(state.commit());
  }

  /** {@code hash_tree_root(List[DepositData, 2**DEPOSIT_CONTRACT_TREE_DEPTH]())}: the empty deposit tree. */
  static Bytes32 emptyDepositRoot() {
    return SszTypes.list(DepositData.TYPE, 1L << 32).of(List.of()).hashTreeRoot();
  }

  @SuppressWarnings("unchecked")
  private <E> CollectionType<E> listType(int field) {
    return (CollectionType<E>) spec.schemas().beaconState().fields().get(field).type();
  }
}
