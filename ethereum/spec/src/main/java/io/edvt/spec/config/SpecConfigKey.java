package io.edvt.spec.config;

import static io.edvt.spec.config.SpecConfigKey.Section.ALTAIR;
import static io.edvt.spec.config.SpecConfigKey.Section.BELLATRIX;
import static io.edvt.spec.config.SpecConfigKey.Section.CAPELLA;
import static io.edvt.spec.config.SpecConfigKey.Section.CONFIG;
import static io.edvt.spec.config.SpecConfigKey.Section.DENEB;
import static io.edvt.spec.config.SpecConfigKey.Section.ELECTRA;
import static io.edvt.spec.config.SpecConfigKey.Section.FULU;
import static io.edvt.spec.config.SpecConfigKey.Section.PHASE0;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The table of every preset and config key of consensus-specs up to Fulu: where it lives (a preset
 * section or the network config) and the form of its value. Constant names are the spec's key
 * names. A fork built on Fulu in another module brings its own table ({@link ConfigKey}s in a
 * {@link SpecConfigExtension}); the loader, {@link SpecConfig} and the YAML writer work from the
 * tables a config was loaded with.
 *
 * <p>Keys marked {@linkplain #isLaterFork() later-fork} belong to forks after Fulu (Gloas, Heze)
 * or to optional features; a custom network config may leave them out, and they then take the
 * value of the built-in config of the same preset base, so a plain Fulu network config still loads.
 */
public enum SpecConfigKey implements ConfigKey {
  // ---- phase0 preset
  MAX_COMMITTEES_PER_SLOT(PHASE0, ValueType.INT),
  TARGET_COMMITTEE_SIZE(PHASE0, ValueType.INT),
  MAX_VALIDATORS_PER_COMMITTEE(PHASE0, ValueType.INT),
  SHUFFLE_ROUND_COUNT(PHASE0, ValueType.INT),
  HYSTERESIS_QUOTIENT(PHASE0, ValueType.INT),
  HYSTERESIS_DOWNWARD_MULTIPLIER(PHASE0, ValueType.INT),
  HYSTERESIS_UPWARD_MULTIPLIER(PHASE0, ValueType.INT),
  MIN_DEPOSIT_AMOUNT(PHASE0, ValueType.UINT64),
  MAX_EFFECTIVE_BALANCE(PHASE0, ValueType.UINT64),
  EFFECTIVE_BALANCE_INCREMENT(PHASE0, ValueType.UINT64),
  MIN_ATTESTATION_INCLUSION_DELAY(PHASE0, ValueType.INT),
  SLOTS_PER_EPOCH(PHASE0, ValueType.INT),
  MIN_SEED_LOOKAHEAD(PHASE0, ValueType.INT),
  MAX_SEED_LOOKAHEAD(PHASE0, ValueType.INT),
  EPOCHS_PER_ETH1_VOTING_PERIOD(PHASE0, ValueType.INT),
  SLOTS_PER_HISTORICAL_ROOT(PHASE0, ValueType.INT),
  MIN_EPOCHS_TO_INACTIVITY_PENALTY(PHASE0, ValueType.INT),
  EPOCHS_PER_HISTORICAL_VECTOR(PHASE0, ValueType.INT),
  EPOCHS_PER_SLASHINGS_VECTOR(PHASE0, ValueType.INT),
  HISTORICAL_ROOTS_LIMIT(PHASE0, ValueType.INT),
  VALIDATOR_REGISTRY_LIMIT(PHASE0, ValueType.UINT64),
  BASE_REWARD_FACTOR(PHASE0, ValueType.INT),
  WHISTLEBLOWER_REWARD_QUOTIENT(PHASE0, ValueType.INT),
  PROPOSER_REWARD_QUOTIENT(PHASE0, ValueType.INT),
  INACTIVITY_PENALTY_QUOTIENT(PHASE0, ValueType.INT),
  MIN_SLASHING_PENALTY_QUOTIENT(PHASE0, ValueType.INT),
  PROPORTIONAL_SLASHING_MULTIPLIER(PHASE0, ValueType.INT),
  MAX_PROPOSER_SLASHINGS(PHASE0, ValueType.INT),
  MAX_ATTESTER_SLASHINGS(PHASE0, ValueType.INT),
  MAX_ATTESTATIONS(PHASE0, ValueType.INT),
  MAX_DEPOSITS(PHASE0, ValueType.INT),
  MAX_VOLUNTARY_EXITS(PHASE0, ValueType.INT),
  // ---- altair preset
  INACTIVITY_PENALTY_QUOTIENT_ALTAIR(ALTAIR, ValueType.INT),
  MIN_SLASHING_PENALTY_QUOTIENT_ALTAIR(ALTAIR, ValueType.INT),
  PROPORTIONAL_SLASHING_MULTIPLIER_ALTAIR(ALTAIR, ValueType.INT),
  SYNC_COMMITTEE_SIZE(ALTAIR, ValueType.INT),
  EPOCHS_PER_SYNC_COMMITTEE_PERIOD(ALTAIR, ValueType.INT),
  MIN_SYNC_COMMITTEE_PARTICIPANTS(ALTAIR, ValueType.INT),
  UPDATE_TIMEOUT(ALTAIR, ValueType.INT),
  // ---- bellatrix preset
  INACTIVITY_PENALTY_QUOTIENT_BELLATRIX(BELLATRIX, ValueType.INT),
  MIN_SLASHING_PENALTY_QUOTIENT_BELLATRIX(BELLATRIX, ValueType.INT),
  PROPORTIONAL_SLASHING_MULTIPLIER_BELLATRIX(BELLATRIX, ValueType.INT),
  MAX_BYTES_PER_TRANSACTION(BELLATRIX, ValueType.INT),
  MAX_TRANSACTIONS_PER_PAYLOAD(BELLATRIX, ValueType.INT),
  BYTES_PER_LOGS_BLOOM(BELLATRIX, ValueType.INT),
  MAX_EXTRA_DATA_BYTES(BELLATRIX, ValueType.INT),
  // ---- capella preset
  MAX_BLS_TO_EXECUTION_CHANGES(CAPELLA, ValueType.INT),
  MAX_WITHDRAWALS_PER_PAYLOAD(CAPELLA, ValueType.INT),
  MAX_VALIDATORS_PER_WITHDRAWALS_SWEEP(CAPELLA, ValueType.INT),
  // ---- deneb preset
  MAX_BLOB_COMMITMENTS_PER_BLOCK(DENEB, ValueType.INT),
  KZG_COMMITMENT_INCLUSION_PROOF_DEPTH(DENEB, ValueType.INT),
  FIELD_ELEMENTS_PER_BLOB(DENEB, ValueType.INT),
  // ---- electra preset
  MIN_ACTIVATION_BALANCE(ELECTRA, ValueType.UINT64),
  MAX_EFFECTIVE_BALANCE_ELECTRA(ELECTRA, ValueType.UINT64),
  MIN_SLASHING_PENALTY_QUOTIENT_ELECTRA(ELECTRA, ValueType.INT),
  WHISTLEBLOWER_REWARD_QUOTIENT_ELECTRA(ELECTRA, ValueType.INT),
  PENDING_DEPOSITS_LIMIT(ELECTRA, ValueType.INT),
  PENDING_PARTIAL_WITHDRAWALS_LIMIT(ELECTRA, ValueType.INT),
  PENDING_CONSOLIDATIONS_LIMIT(ELECTRA, ValueType.INT),
  MAX_ATTESTER_SLASHINGS_ELECTRA(ELECTRA, ValueType.INT),
  MAX_ATTESTATIONS_ELECTRA(ELECTRA, ValueType.INT),
  MAX_DEPOSIT_REQUESTS_PER_PAYLOAD(ELECTRA, ValueType.INT),
  MAX_WITHDRAWAL_REQUESTS_PER_PAYLOAD(ELECTRA, ValueType.INT),
  MAX_CONSOLIDATION_REQUESTS_PER_PAYLOAD(ELECTRA, ValueType.INT),
  MAX_PENDING_PARTIALS_PER_WITHDRAWALS_SWEEP(ELECTRA, ValueType.INT),
  MAX_PENDING_DEPOSITS_PER_EPOCH(ELECTRA, ValueType.INT),
  // ---- fulu preset
  KZG_COMMITMENTS_INCLUSION_PROOF_DEPTH(FULU, ValueType.INT),
  FIELD_ELEMENTS_PER_CELL(FULU, ValueType.INT),
  FIELD_ELEMENTS_PER_EXT_BLOB(FULU, ValueType.INT),
  CELLS_PER_EXT_BLOB(FULU, ValueType.INT),
  NUMBER_OF_COLUMNS(FULU, ValueType.INT),
  // ---- network config
  PRESET_BASE(CONFIG, ValueType.PRESET_BASE),
  CONFIG_NAME(CONFIG, ValueType.CONFIG_NAME),
  TERMINAL_TOTAL_DIFFICULTY(CONFIG, ValueType.UINT256),
  TERMINAL_BLOCK_HASH(CONFIG, ValueType.BYTES32),
  TERMINAL_BLOCK_HASH_ACTIVATION_EPOCH(CONFIG, ValueType.UINT64),
  MIN_GENESIS_ACTIVE_VALIDATOR_COUNT(CONFIG, ValueType.INT),
  MIN_GENESIS_TIME(CONFIG, ValueType.UINT64),
  GENESIS_FORK_VERSION(CONFIG, ValueType.BYTES4),
  GENESIS_DELAY(CONFIG, ValueType.UINT64),
  ALTAIR_FORK_VERSION(CONFIG, ValueType.BYTES4),
  ALTAIR_FORK_EPOCH(CONFIG, ValueType.UINT64),
  BELLATRIX_FORK_VERSION(CONFIG, ValueType.BYTES4),
  BELLATRIX_FORK_EPOCH(CONFIG, ValueType.UINT64),
  CAPELLA_FORK_VERSION(CONFIG, ValueType.BYTES4),
  CAPELLA_FORK_EPOCH(CONFIG, ValueType.UINT64),
  DENEB_FORK_VERSION(CONFIG, ValueType.BYTES4),
  DENEB_FORK_EPOCH(CONFIG, ValueType.UINT64),
  ELECTRA_FORK_VERSION(CONFIG, ValueType.BYTES4),
  ELECTRA_FORK_EPOCH(CONFIG, ValueType.UINT64),
  FULU_FORK_VERSION(CONFIG, ValueType.BYTES4),
  FULU_FORK_EPOCH(CONFIG, ValueType.UINT64),
  GLOAS_FORK_VERSION(CONFIG, ValueType.BYTES4, true),
  GLOAS_FORK_EPOCH(CONFIG, ValueType.UINT64, true),
  HEZE_FORK_VERSION(CONFIG, ValueType.BYTES4, true),
  HEZE_FORK_EPOCH(CONFIG, ValueType.UINT64, true),
  SLOT_DURATION_MS(CONFIG, ValueType.INT),
  SECONDS_PER_ETH1_BLOCK(CONFIG, ValueType.INT),
  MIN_VALIDATOR_WITHDRAWABILITY_DELAY(CONFIG, ValueType.INT),
  SHARD_COMMITTEE_PERIOD(CONFIG, ValueType.INT),
  ETH1_FOLLOW_DISTANCE(CONFIG, ValueType.INT),
  PROPOSER_REORG_CUTOFF_BPS(CONFIG, ValueType.INT),
  ATTESTATION_DUE_BPS(CONFIG, ValueType.INT),
  AGGREGATE_DUE_BPS(CONFIG, ValueType.INT),
  SYNC_MESSAGE_DUE_BPS(CONFIG, ValueType.INT),
  CONTRIBUTION_DUE_BPS(CONFIG, ValueType.INT),
  MIN_BUILDER_WITHDRAWABILITY_DELAY(CONFIG, ValueType.INT, true),
  ATTESTATION_DUE_BPS_GLOAS(CONFIG, ValueType.INT, true),
  AGGREGATE_DUE_BPS_GLOAS(CONFIG, ValueType.INT, true),
  SYNC_MESSAGE_DUE_BPS_GLOAS(CONFIG, ValueType.INT, true),
  CONTRIBUTION_DUE_BPS_GLOAS(CONFIG, ValueType.INT, true),
  PAYLOAD_DUE_BPS(CONFIG, ValueType.INT, true),
  PAYLOAD_ATTESTATION_DUE_BPS(CONFIG, ValueType.INT, true),
  INCLUSION_LIST_DUE_BPS(CONFIG, ValueType.INT, true),
  INACTIVITY_SCORE_BIAS(CONFIG, ValueType.INT),
  INACTIVITY_SCORE_RECOVERY_RATE(CONFIG, ValueType.INT),
  EJECTION_BALANCE(CONFIG, ValueType.UINT64),
  MIN_PER_EPOCH_CHURN_LIMIT(CONFIG, ValueType.INT),
  CHURN_LIMIT_QUOTIENT(CONFIG, ValueType.INT),
  MAX_PER_EPOCH_ACTIVATION_CHURN_LIMIT(CONFIG, ValueType.INT),
  MIN_PER_EPOCH_CHURN_LIMIT_ELECTRA(CONFIG, ValueType.UINT64),
  MAX_PER_EPOCH_ACTIVATION_EXIT_CHURN_LIMIT(CONFIG, ValueType.UINT64),
  CHURN_LIMIT_QUOTIENT_GLOAS(CONFIG, ValueType.INT, true),
  CONSOLIDATION_CHURN_LIMIT_QUOTIENT(CONFIG, ValueType.INT, true),
  MAX_PER_EPOCH_ACTIVATION_CHURN_LIMIT_GLOAS(CONFIG, ValueType.UINT64, true),
  PROPOSER_SCORE_BOOST(CONFIG, ValueType.INT),
  REORG_HEAD_WEIGHT_THRESHOLD(CONFIG, ValueType.INT),
  REORG_PARENT_WEIGHT_THRESHOLD(CONFIG, ValueType.INT),
  REORG_MAX_EPOCHS_SINCE_FINALIZATION(CONFIG, ValueType.INT),
  DEPOSIT_CHAIN_ID(CONFIG, ValueType.UINT64),
  DEPOSIT_NETWORK_ID(CONFIG, ValueType.UINT64),
  DEPOSIT_CONTRACT_ADDRESS(CONFIG, ValueType.BYTES20),
  MAX_PAYLOAD_SIZE(CONFIG, ValueType.INT),
  MAX_REQUEST_BLOCKS(CONFIG, ValueType.INT),
  EPOCHS_PER_SUBNET_SUBSCRIPTION(CONFIG, ValueType.INT),
  ATTESTATION_PROPAGATION_SLOT_RANGE(CONFIG, ValueType.INT),
  MAXIMUM_GOSSIP_CLOCK_DISPARITY(CONFIG, ValueType.INT),
  MESSAGE_DOMAIN_INVALID_SNAPPY(CONFIG, ValueType.BYTES4),
  MESSAGE_DOMAIN_VALID_SNAPPY(CONFIG, ValueType.BYTES4),
  SUBNETS_PER_NODE(CONFIG, ValueType.INT),
  ATTESTATION_SUBNET_COUNT(CONFIG, ValueType.INT),
  ATTESTATION_SUBNET_EXTRA_BITS(CONFIG, ValueType.INT),
  MAX_REQUEST_BLOCKS_DENEB(CONFIG, ValueType.INT),
  MIN_EPOCHS_FOR_BLOB_SIDECARS_REQUESTS(CONFIG, ValueType.INT),
  BLOB_SIDECAR_SUBNET_COUNT(CONFIG, ValueType.INT),
  MAX_BLOBS_PER_BLOCK(CONFIG, ValueType.INT),
  BLOB_SIDECAR_SUBNET_COUNT_ELECTRA(CONFIG, ValueType.INT),
  MAX_BLOBS_PER_BLOCK_ELECTRA(CONFIG, ValueType.INT),
  NUMBER_OF_CUSTODY_GROUPS(CONFIG, ValueType.INT),
  DATA_COLUMN_SIDECAR_SUBNET_COUNT(CONFIG, ValueType.INT),
  SAMPLES_PER_SLOT(CONFIG, ValueType.INT),
  CUSTODY_REQUIREMENT(CONFIG, ValueType.INT),
  VALIDATOR_CUSTODY_REQUIREMENT(CONFIG, ValueType.INT),
  BALANCE_PER_ADDITIONAL_CUSTODY_GROUP(CONFIG, ValueType.UINT64),
  MIN_EPOCHS_FOR_DATA_COLUMN_SIDECARS_REQUESTS(CONFIG, ValueType.INT),
  MAX_REQUEST_PAYLOADS(CONFIG, ValueType.INT, true),
  MAX_REQUEST_INCLUSION_LIST(CONFIG, ValueType.INT, true),
  MIN_SLOTS_FOR_INCLUSION_LISTS_REQUESTS(CONFIG, ValueType.INT, true),
  MAX_BYTES_PER_INCLUSION_LIST(CONFIG, ValueType.INT, true),
  BLOB_SCHEDULE(CONFIG, ValueType.BLOB_SCHEDULE),
  CONFIRMATION_BYZANTINE_THRESHOLD(CONFIG, ValueType.INT, true);

  /** Where a key is defined: one of the preset files, or the network config. */
  public enum Section {
    PHASE0,
    ALTAIR,
    BELLATRIX,
    CAPELLA,
    DENEB,
    ELECTRA,
    FULU,
    CONFIG;

    /** Whether this is a preset section (as opposed to the network config). */
    public boolean isPreset() {
      return this != CONFIG;
    }

    /** The preset file name for this section, e.g. {@code altair.yaml}. */
    public String presetFileName() {
      if (!isPreset()) {
        throw new IllegalStateException("the network config is not a preset file");
      }
      return name().toLowerCase(Locale.ROOT) + ".yaml";
    }

    /** A short description used in error messages. */
    public String describe() {
      return isPreset() ? "the " + name().toLowerCase(Locale.ROOT) + " preset" : "the network config";
    }
  }

  private static final Map<String, SpecConfigKey> BY_NAME = new HashMap<>();

  static {
    for (SpecConfigKey key : values()) {
      BY_NAME.put(key.name(), key);
    }
  }

  private final Section section;
  private final ValueType type;
  private final boolean laterFork;

  SpecConfigKey(Section section, ValueType type) {
    this(section, type, false);
  }

  SpecConfigKey(Section section, ValueType type, boolean laterFork) {
    this.section = section;
    this.type = type;
    this.laterFork = laterFork;
  }

  public Section section() {
    return section;
  }

  @Override
  public Optional<String> presetFile() {
    return section.isPreset() ? Optional.of(section.presetFileName()) : Optional.empty();
  }

  @Override
  public ValueType type() {
    return type;
  }

  /** Whether a custom network config may omit this key (see the class comment). */
  @Override
  public boolean isLaterFork() {
    return laterFork;
  }

  /** The key with this spec name, if there is one. */
  public static Optional<SpecConfigKey> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

}
