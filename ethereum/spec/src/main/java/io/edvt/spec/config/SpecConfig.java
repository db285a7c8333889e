package io.edvt.spec.config;

import io.edvt.infrastructure.unsigned.UInt64;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;

/**
 * The effective preset and network config values of one network: every key of the tables it was
 * loaded with ({@link SpecConfigKey}, and the keys of each {@link SpecConfigExtension}), each with
 * a value of its {@link ValueType}. Immutable; obtain one from {@link SpecConfigLoader}, and
 * derive variants with {@link #withOverrides(Map)}.
 *
 * <p>Each Fulu key has a typed getter named after it in camel case ({@code SLOTS_PER_EPOCH} is
 * {@link #slotsPerEpoch()}); a fork's own keys have typed getters in that fork's module. Counts,
 * sizes, quotients and durations are {@code int}; Gwei amounts, fork epochs, genesis times, chain
 * ids and the validator registry limit are {@link UInt64}; the terminal total difficulty is a
 * {@link BigInteger}; fork versions and message domains are 4-byte {@link Bytes}; the deposit
 * contract address is a 20-byte {@link Bytes}.
 */
public final class SpecConfig {
  private final List<ConfigKey> keys;
  private final Map<ConfigKey, Object> values;
  private final List<SpecConfigExtension> extensions;

  SpecConfig(List<SpecConfigExtension> extensions, Map<ConfigKey, Object> values) {
    List<ConfigKey> all = allKeys(extensions);
    Map<ConfigKey, Object> copy = new HashMap<>();
    for (ConfigKey key : all) {
      Object value = values.get(key);
      if (value == null) {
        throw new IllegalArgumentException("no value for " + key.name());
      }
      copy.put(key, value);
    }
    this.keys = all;
    this.values = Collections.unmodifiableMap(copy);
    this.extensions = List.copyOf(extensions);
  }

  /** Fulu's keys, then each extension's, in table order. */
  static List<ConfigKey> allKeys(List<SpecConfigExtension> extensions) {
    List<ConfigKey> all = new ArrayList<>(List.of(SpecConfigKey.values()));
    for (SpecConfigExtension extension : extensions) {
      all.addAll(extension.keys());
    }
    return Collections.unmodifiableList(all);
  }

  /** The extensions this config was loaded with (their keys have values here). */
  public List<SpecConfigExtension> extensions() {
    return extensions;
  }

  /** Every key with a value here, Fulu's first. */
  public List<ConfigKey> keys() {
    return keys;
  }

  /** Whether {@code key} has a value here (an extension's key only if loaded with it). */
  public boolean has(ConfigKey key) {
    return values.containsKey(key);
  }

  /** The key named {@code name}, if this config has it. */
  public Optional<ConfigKey> key(String name) {
    for (ConfigKey key : keys) {
      if (key.name().equals(name)) {
        return Optional.of(key);
      }
    }
    return Optional.empty();
  }

  /**
   * The parsed value of {@code key}, of the Java type its {@link ValueType} documents.
   *
   * @throws IllegalArgumentException if this config was loaded without {@code key}'s table
   */
  public Object get(ConfigKey key) {
    Object value = values.get(key);
    if (value == null) {
      throw new IllegalArgumentException(key.name() + " is not part of this config (" + this
          + "); load the config with the extension that defines it");
    }
    return value;
  }

  /**
   * A copy of this config with some values replaced. Keys are spec names, values are written as
   * they would be in a YAML file ({@code "12"}, {@code "0x01000000"},
   * {@code "[{EPOCH: 5, MAX_BLOBS_PER_BLOCK: 12}]"}). Both config and preset keys may be
   * overridden, except {@code PRESET_BASE}: load from the other preset instead.
   *
   * @throws SpecConfigException for an unknown key, {@code PRESET_BASE}, or a malformed value
   */
  public SpecConfig withOverrides(Map<String, String> overrides) {
    return SpecConfigLoader.applyOverrides(this, overrides);
  }

  /**
   * Every effective value by spec name, in table order, as text the way the beacon API's
   * {@code /eth/v1/config/spec} presents them: numbers in decimal, byte strings as lowercase
   * {@code 0x} hex, and {@code BLOB_SCHEDULE} as a list of maps of text. The map is unmodifiable.
   */
  public Map<String, Object> toYamlMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (ConfigKey key : keys) {
      out.put(key.name(), key.type().format(values.get(key)));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * The network config part (no preset keys) as YAML text that
   * {@link SpecConfigLoader#load(java.nio.file.Path, List)} reads back to an equal config, given
   * the same built-in preset values and extensions.
   */
  public String toConfigYaml() {
    StringBuilder sb = new StringBuilder();
    sb.append("# Network config written by EDVT\n");
    for (ConfigKey key : keys) {
      if (key.isPreset()) {
        continue;
      }
      Object text = key.type().format(values.get(key));
      sb.append(key.name()).append(':');
      switch (key.type()) {
        case PRESET_BASE, CONFIG_NAME -> sb.append(" '").append(text).append("'\n");
        case BLOB_SCHEDULE -> {
          List<?> entries = (List<?>) text;
          if (entries.isEmpty()) {
            sb.append(" []\n");
          } else {
            sb.append('\n');
            for (Object o : entries) {
              Map<?, ?> m = (Map<?, ?>) o;
              String indent = "  - ";
              for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(indent).append(e.getKey()).append(": ").append(e.getValue()).append('\n');
                indent = "    ";
              }
            }
          }
        }
        default -> sb.append(' ').append(text).append('\n');
      }
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SpecConfig other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "SpecConfig[" + configName() + ", preset " + presetBase()
        + (extensions.isEmpty() ? "" : ", with " + extensions.stream().map(SpecConfigExtension::name).toList()) + "]";
  }

  private int intValue(SpecConfigKey key) {
    return (Integer) values.get(key);
  }

  private UInt64 uint64Value(SpecConfigKey key) {
    return (UInt64) values.get(key);
  }

  private BigInteger bigValue(SpecConfigKey key) {
    return (BigInteger) values.get(key);
  }

  private Bytes bytesValue(SpecConfigKey key) {
    return (Bytes) values.get(key);
  }

  private Bytes32 bytes32Value(SpecConfigKey key) {
    return (Bytes32) values.get(key);
  }

  private String stringValue(SpecConfigKey key) {
    return (String) values.get(key);
  }

  @SuppressWarnings("unchecked")
  private List<BlobScheduleEntry> blobScheduleValue(SpecConfigKey key) {
    return (List<BlobScheduleEntry>) values.get(key);
  }

  // ---- phase0 preset
  public int maxCommitteesPerSlot() {
    return intValue(SpecConfigKey.MAX_COMMITTEES_PER_SLOT);
  }

  public int targetCommitteeSize() {
    return intValue(SpecConfigKey.TARGET_COMMITTEE_SIZE);
  }

  public int maxValidatorsPerCommittee() {
    return intValue(SpecConfigKey.MAX_VALIDATORS_PER_COMMITTEE);
  }

  public int shuffleRoundCount() {
    return intValue(SpecConfigKey.SHUFFLE_ROUND_COUNT);
  }

  public int hysteresisQuotient() {
    return intValue(SpecConfigKey.HYSTERESIS_QUOTIENT);
  }

  public int hysteresisDownwardMultiplier() {
    return intValue(SpecConfigKey.HYSTERESIS_DOWNWARD_MULTIPLIER);
  }

  public int hysteresisUpwardMultiplier() {
    return intValue(SpecConfigKey.HYSTERESIS_UPWARD_MULTIPLIER);
  }

  public UInt64 minDepositAmount() {
    return uint64Value(SpecConfigKey.MIN_DEPOSIT_AMOUNT);
  }

  public UInt64 maxEffectiveBalance() {
    return uint64Value(SpecConfigKey.MAX_EFFECTIVE_BALANCE);
  }

  public UInt64 effectiveBalanceIncrement() {
    return uint64Value(SpecConfigKey.EFFECTIVE_BALANCE_INCREMENT);
  }

  public int minAttestationInclusionDelay() {
    return intValue(SpecConfigKey.MIN_ATTESTATION_INCLUSION_DELAY);
  }

  public int slotsPerEpoch() {
    return intValue(SpecConfigKey.SLOTS_PER_EPOCH);
  }

  public int minSeedLookahead() {
    return intValue(SpecConfigKey.MIN_SEED_LOOKAHEAD);
  }

  public int maxSeedLookahead() {
    return intValue(SpecConfigKey.MAX_SEED_LOOKAHEAD);
  }

  public int epochsPerEth1VotingPeriod() {
    return intValue(SpecConfigKey.EPOCHS_PER_ETH1_VOTING_PERIOD);
  }

  public int slotsPerHistoricalRoot() {
    return intValue(SpecConfigKey.SLOTS_PER_HISTORICAL_ROOT);
  }

  public int minEpochsToInactivityPenalty() {
    return intValue(SpecConfigKey.MIN_EPOCHS_TO_INACTIVITY_PENALTY);
  }

  public int epochsPerHistoricalVector() {
    return intValue(SpecConfigKey.EPOCHS_PER_HISTORICAL_VECTOR);
  }

  public int epochsPerSlashingsVector() {
    return intValue(SpecConfigKey.EPOCHS_PER_SLASHINGS_VECTOR);
  }

  public int historicalRootsLimit() {
    return intValue(SpecConfigKey.HISTORICAL_ROOTS_LIMIT);
  }

  public UInt64 validatorRegistryLimit() {
    return uint64Value(SpecConfigKey.VALIDATOR_REGISTRY_LIMIT);
  }

  public int baseRewardFactor() {
    return intValue(SpecConfigKey.BASE_REWARD_FACTOR);
  }

  public int whistleblowerRewardQuotient() {
    return intValue(SpecConfigKey.WHISTLEBLOWER_REWARD_QUOTIENT);
  }

  public int proposerRewardQuotient() {
    return intValue(SpecConfigKey.PROPOSER_REWARD_QUOTIENT);
  }

  public int inactivityPenaltyQuotient() {
    return intValue(SpecConfigKey.INACTIVITY_PENALTY_QUOTIENT);
  }

  public int minSlashingPenaltyQuotient() {
    return intValue(SpecConfigKey.MIN_SLASHING_PENALTY_QUOTIENT);
  }

  public int proportionalSlashingMultiplier() {
    return intValue(SpecConfigKey.PROPORTIONAL_SLASHING_MULTIPLIER);
  }

  public int maxProposerSlashings() {
    return intValue(SpecConfigKey.MAX_PROPOSER_SLASHINGS);
  }

  public int maxAttesterSlashings() {
    return intValue(SpecConfigKey.MAX_ATTESTER_SLASHINGS);
  }

  public int maxAttestations() {
    return intValue(SpecConfigKey.MAX_ATTESTATIONS);
  }

  public int maxDeposits() {
    return intValue(SpecConfigKey.MAX_DEPOSITS);
  }

  public int maxVoluntaryExits() {
    return intValue(SpecConfigKey.MAX_VOLUNTARY_EXITS);
  }

  // ---- altair preset
  public int inactivityPenaltyQuotientAltair() {
    return intValue(SpecConfigKey.INACTIVITY_PENALTY_QUOTIENT_ALTAIR);
  }

  public int minSlashingPenaltyQuotientAltair() {
    return intValue(SpecConfigKey.MIN_SLASHING_PENALTY_QUOTIENT_ALTAIR);
  }

  public int proportionalSlashingMultiplierAltair() {
    return intValue(SpecConfigKey.PROPORTIONAL_SLASHING_MULTIPLIER_ALTAIR);
  }

  public int syncCommitteeSize() {
    return intValue(SpecConfigKey.SYNC_COMMITTEE_SIZE);
  }

  public int epochsPerSyncCommitteePeriod() {
    return intValue(SpecConfigKey.EPOCHS_PER_SYNC_COMMITTEE_PERIOD);
  }

  public int minSyncCommitteeParticipants() {
    return intValue(SpecConfigKey.MIN_SYNC_COMMITTEE_PARTICIPANTS);
  }

  public int updateTimeout() {
    return intValue(SpecConfigKey.UPDATE_TIMEOUT);
  }

  // ---- bellatrix preset
  public int inactivityPenaltyQuotientBellatrix() {
    return intValue(SpecConfigKey.INACTIVITY_PENALTY_QUOTIENT_BELLATRIX);
  }

  public int minSlashingPenaltyQuotientBellatrix() {
    return intValue(SpecConfigKey.MIN_SLASHING_PENALTY_QUOTIENT_BELLATRIX);
  }

  public int proportionalSlashingMultiplierBellatrix() {
    return intValue(SpecConfigKey.PROPORTIONAL_SLASHING_MULTIPLIER_BELLATRIX);
  }

  public int maxBytesPerTransaction() {
    return intValue(SpecConfigKey.MAX_BYTES_PER_TRANSACTION);
  }

  public int maxTransactionsPerPayload() {
    return intValue(SpecConfigKey.MAX_TRANSACTIONS_PER_PAYLOAD);
  }

  public int bytesPerLogsBloom() {
    return intValue(SpecConfigKey.BYTES_PER_LOGS_BLOOM);
  }

  public int maxExtraDataBytes() {
    return intValue(SpecConfigKey.MAX_EXTRA_DATA_BYTES);
  }

  // ---- capella preset
  public int maxBlsToExecutionChanges() {
    return intValue(SpecConfigKey.MAX_BLS_TO_EXECUTION_CHANGES);
  }

  public int maxWithdrawalsPerPayload() {
    return intValue(SpecConfigKey.MAX_WITHDRAWALS_PER_PAYLOAD);
  }

  public int maxValidatorsPerWithdrawalsSweep() {
    return intValue(SpecConfigKey.MAX_VALIDATORS_PER_WITHDRAWALS_SWEEP);
  }

  // ---- deneb preset
  public int maxBlobCommitmentsPerBlock() {
    return intValue(SpecConfigKey.MAX_BLOB_COMMITMENTS_PER_BLOCK);
  }

  public int kzgCommitmentInclusionProofDepth() {
    return intValue(SpecConfigKey.KZG_COMMITMENT_INCLUSION_PROOF_DEPTH);
  }

  public int fieldElementsPerBlob() {
    return intValue(SpecConfigKey.FIELD_ELEMENTS_PER_BLOB);
  }

  // ---- electra preset
  public UInt64 minActivationBalance() {
    return uint64Value(SpecConfigKey.MIN_ACTIVATION_BALANCE);
  }

  public UInt64 maxEffectiveBalanceElectra() {
    return uint64Value(SpecConfigKey.MAX_EFFECTIVE_BALANCE_ELECTRA);
  }

  public int minSlashingPenaltyQuotientElectra() {
    return intValue(SpecConfigKey.MIN_SLASHING_PENALTY_QUOTIENT_ELECTRA);
  }

  public int whistleblowerRewardQuotientElectra() {
    return intValue(SpecConfigKey.WHISTLEBLOWER_REWARD_QUOTIENT_ELECTRA);
  }

  public int pendingDepositsLimit() {
    return intValue(SpecConfigKey.PENDING_DEPOSITS_LIMIT);
  }

  public int pendingPartialWithdrawalsLimit() {
    return intValue(SpecConfigKey.PENDING_PARTIAL_WITHDRAWALS_LIMIT);
  }

  public int pendingConsolidationsLimit() {
    return intValue(SpecConfigKey.PENDING_CONSOLIDATIONS_LIMIT);
  }

  public int maxAttesterSlashingsElectra() {
    return intValue(SpecConfigKey.MAX_ATTESTER_SLASHINGS_ELECTRA);
  }

  public int maxAttestationsElectra() {
    return intValue(SpecConfigKey.MAX_ATTESTATIONS_ELECTRA);
  }

  public int maxDepositRequestsPerPayload() {
    return intValue(SpecConfigKey.MAX_DEPOSIT_REQUESTS_PER_PAYLOAD);
  }

  public int maxWithdrawalRequestsPerPayload() {
    return intValue(SpecConfigKey.MAX_WITHDRAWAL_REQUESTS_PER_PAYLOAD);
  }

  public int maxConsolidationRequestsPerPayload() {
    return intValue(SpecConfigKey.MAX_CONSOLIDATION_REQUESTS_PER_PAYLOAD);
  }

  public int maxPendingPartialsPerWithdrawalsSweep() {
    return intValue(SpecConfigKey.MAX_PENDING_PARTIALS_PER_WITHDRAWALS_SWEEP);
  }

  public int maxPendingDepositsPerEpoch() {
    return intValue(SpecConfigKey.MAX_PENDING_DEPOSITS_PER_EPOCH);
  }

  // ---- fulu preset
  public int kzgCommitmentsInclusionProofDepth() {
    return intValue(SpecConfigKey.KZG_COMMITMENTS_INCLUSION_PROOF_DEPTH);
  }

  public int fieldElementsPerCell() {
    return intValue(SpecConfigKey.FIELD_ELEMENTS_PER_CELL);
  }

  public int fieldElementsPerExtBlob() {
    return intValue(SpecConfigKey.FIELD_ELEMENTS_PER_EXT_BLOB);
  }

  public int cellsPerExtBlob() {
    return intValue(SpecConfigKey.CELLS_PER_EXT_BLOB);
  }

  public int numberOfColumns() {
    return intValue(SpecConfigKey.NUMBER_OF_COLUMNS);
  }

  // ---- network config
  public String presetBase() {
    return stringValue(SpecConfigKey.PRESET_BASE);
  }

  public String configName() {
    return stringValue(SpecConfigKey.CONFIG_NAME);
  }

  public BigInteger terminalTotalDifficulty() {
    return bigValue(SpecConfigKey.TERMINAL_TOTAL_DIFFICULTY);
  }

  public Bytes32 terminalBlockHash() {
    return bytes32Value(SpecConfigKey.TERMINAL_BLOCK_HASH);
  }

  public UInt64 terminalBlockHashActivationEpoch() {
    return uint64Value(SpecConfigKey.TERMINAL_BLOCK_HASH_ACTIVATION_EPOCH);
  }

  public int minGenesisActiveValidatorCount() {
    return intValue(SpecConfigKey.MIN_GENESIS_ACTIVE_VALIDATOR_COUNT);
  }

  public UInt64 minGenesisTime() {
    return uint64Value(SpecConfigKey.MIN_GENESIS_TIME);
  }

  public Bytes genesisForkVersion() {
    return bytesValue(SpecConfigKey.GENESIS_FORK_VERSION);
  }

  public UInt64 genesisDelay() {
    return uint64Value(SpecConfigKey.GENESIS_DELAY);
  }

  public Bytes altairForkVersion() {
    return bytesValue(SpecConfigKey.ALTAIR_FORK_VERSION);
  }

  public UInt64 altairForkEpoch() {
    return uint64Value(SpecConfigKey.ALTAIR_FORK_EPOCH);
  }

  public Bytes bellatrixForkVersion() {
    return bytesValue(SpecConfigKey.BELLATRIX_FORK_VERSION);
  }

  public UInt64 bellatrixForkEpoch() {
    return uint64Value(SpecConfigKey.BELLATRIX_FORK_EPOCH);
  }

  public Bytes capellaForkVersion() {
    return bytesValue(SpecConfigKey.CAPELLA_FORK_VERSION);
  }

  public UInt64 capellaForkEpoch() {
    return uint64Value(SpecConfigKey.CAPELLA_FORK_EPOCH);
  }

  public Bytes denebForkVersion() {
    return bytesValue(SpecConfigKey.DENEB_FORK_VERSION);
  }

  public UInt64 denebForkEpoch() {
    return uint64Value(SpecConfigKey.DENEB_FORK_EPOCH);
  }

  public Bytes electraForkVersion() {
    return bytesValue(SpecConfigKey.ELECTRA_FORK_VERSION);
  }

  public UInt64 electraForkEpoch() {
    return uint64Value(SpecConfigKey.ELECTRA_FORK_EPOCH);
  }

  public Bytes fuluForkVersion() {
    return bytesValue(SpecConfigKey.FULU_FORK_VERSION);
  }

  public UInt64 fuluForkEpoch() {
    return uint64Value(SpecConfigKey.FULU_FORK_EPOCH);
  }

  public Bytes gloasForkVersion() {
    return bytesValue(SpecConfigKey.GLOAS_FORK_VERSION);
  }

  public UInt64 gloasForkEpoch() {
    return uint64Value(SpecConfigKey.GLOAS_FORK_EPOCH);
  }

  public Bytes hezeForkVersion() {
    return bytesValue(SpecConfigKey.HEZE_FORK_VERSION);
  }

  public UInt64 hezeForkEpoch() {
    return uint64Value(SpecConfigKey.HEZE_FORK_EPOCH);
  }

  public int slotDurationMs() {
    return intValue(SpecConfigKey.SLOT_DURATION_MS);
  }

  public int secondsPerEth1Block() {
    return intValue(SpecConfigKey.SECONDS_PER_ETH1_BLOCK);
  }

  public int minValidatorWithdrawabilityDelay() {
    return intValue(SpecConfigKey.MIN_VALIDATOR_WITHDRAWABILITY_DELAY);
  }

  public int shardCommitteePeriod() {
    return intValue(SpecConfigKey.SHARD_COMMITTEE_PERIOD);
  }

  public int eth1FollowDistance() {
    return intValue(SpecConfigKey.ETH1_FOLLOW_DISTANCE);
  }

  public int proposerReorgCutoffBps() {
    return intValue(SpecConfigKey.PROPOSER_REORG_CUTOFF_BPS);
  }

  public int attestationDueBps() {
    return intValue(SpecConfigKey.ATTESTATION_DUE_BPS);
  }

  public int aggregateDueBps() {
    return intValue(SpecConfigKey.AGGREGATE_DUE_BPS);
  }

  public int syncMessageDueBps() {
    return intValue(SpecConfigKey.SYNC_MESSAGE_DUE_BPS);
  }

  public int contributionDueBps() {
    return intValue(SpecConfigKey.CONTRIBUTION_DUE_BPS);
  }

  public int minBuilderWithdrawabilityDelay() {
    return intValue(SpecConfigKey.MIN_BUILDER_WITHDRAWABILITY_DELAY);
  }

  public int attestationDueBpsGloas() {
    return intValue(SpecConfigKey.ATTESTATION_DUE_BPS_GLOAS);
  }

  public int aggregateDueBpsGloas() {
    return intValue(SpecConfigKey.AGGREGATE_DUE_BPS_GLOAS);
  }

  public int syncMessageDueBpsGloas() {
    return intValue(SpecConfigKey.SYNC_MESSAGE_DUE_BPS_GLOAS);
  }

  public int contributionDueBpsGloas() {
    return intValue(SpecConfigKey.CONTRIBUTION_DUE_BPS_GLOAS);
  }

  public int payloadDueBps() {
    return intValue(SpecConfigKey.PAYLOAD_DUE_BPS);
  }

  public int payloadAttestationDueBps() {
    return intValue(SpecConfigKey.PAYLOAD_ATTESTATION_DUE_BPS);
  }

  public int inclusionListDueBps() {
    return intValue(SpecConfigKey.INCLUSION_LIST_DUE_BPS);
  }

  public int inactivityScoreBias() {
    return intValue(SpecConfigKey.INACTIVITY_SCORE_BIAS);
  }

  public int inactivityScoreRecoveryRate() {
    return intValue(SpecConfigKey.INACTIVITY_SCORE_RECOVERY_RATE);
  }

  public UInt64 ejectionBalance() {
    return uint64Value(SpecConfigKey.EJECTION_BALANCE);
  }

  public int minPerEpochChurnLimit() {
    return intValue(SpecConfigKey.MIN_PER_EPOCH_CHURN_LIMIT);
  }

  public int churnLimitQuotient() {
    return intValue(SpecConfigKey.CHURN_LIMIT_QUOTIENT);
  }

  public int maxPerEpochActivationChurnLimit() {
    return intValue(SpecConfigKey.MAX_PER_EPOCH_ACTIVATION_CHURN_LIMIT);
  }

  public UInt64 minPerEpochChurnLimitElectra() {
    return uint64Value(SpecConfigKey.MIN_PER_EPOCH_CHURN_LIMIT_ELECTRA);
  }

  public UInt64 maxPerEpochActivationExitChurnLimit() {
    return uint64Value(SpecConfigKey.MAX_PER_EPOCH_ACTIVATION_EXIT_CHURN_LIMIT);
  }

  public int churnLimitQuotientGloas() {
    return intValue(SpecConfigKey.CHURN_LIMIT_QUOTIENT_GLOAS);
  }

  public int consolidationChurnLimitQuotient() {
    return intValue(SpecConfigKey.CONSOLIDATION_CHURN_LIMIT_QUOTIENT);
  }

  public UInt64 maxPerEpochActivationChurnLimitGloas() {
    return uint64Value(SpecConfigKey.MAX_PER_EPOCH_ACTIVATION_CHURN_LIMIT_GLOAS);
  }

  public int proposerScoreBoost() {
    return intValue(SpecConfigKey.PROPOSER_SCORE_BOOST);
  }

  public int reorgHeadWeightThreshold() {
    return intValue(SpecConfigKey.REORG_HEAD_WEIGHT_THRESHOLD);
  }

  public int reorgParentWeightThreshold() {
    return intValue(SpecConfigKey.REORG_PARENT_WEIGHT_THRESHOLD);
  }

  public int reorgMaxEpochsSinceFinalization() {
    return intValue(SpecConfigKey.REORG_MAX_EPOCHS_SINCE_FINALIZATION);
  }

  public UInt64 depositChainId() {
    return uint64Value(SpecConfigKey.DEPOSIT_CHAIN_ID);
  }

  public UInt64 depositNetworkId() {
    return uint64Value(SpecConfigKey.DEPOSIT_NETWORK_ID);
  }

  public Bytes depositContractAddress() {
    return bytesValue(SpecConfigKey.DEPOSIT_CONTRACT_ADDRESS);
  }

  public int maxPayloadSize() {
    return intValue(SpecConfigKey.MAX_PAYLOAD_SIZE);
  }

  public int maxRequestBlocks() {
    return intValue(SpecConfigKey.MAX_REQUEST_BLOCKS);
  }

  public int epochsPerSubnetSubscription() {
    return intValue(SpecConfigKey.EPOCHS_PER_SUBNET_SUBSCRIPTION);
  }

  public int attestationPropagationSlotRange() {
    return intValue(SpecConfigKey.ATTESTATION_PROPAGATION_SLOT_RANGE);
  }

  public int maximumGossipClockDisparity() {
    return intValue(SpecConfigKey.MAXIMUM_GOSSIP_CLOCK_DISPARITY);
  }

  public Bytes messageDomainInvalidSnappy() {
    return bytesValue(SpecConfigKey.MESSAGE_DOMAIN_INVALID_SNAPPY);
  }

  public Bytes messageDomainValidSnappy() {
    return bytesValue(SpecConfigKey.MESSAGE_DOMAIN_VALID_SNAPPY);
  }

  public int subnetsPerNode() {
    return intValue(SpecConfigKey.SUBNETS_PER_NODE);
  }

  public int attestationSubnetCount() {
    return intValue(SpecConfigKey.ATTESTATION_SUBNET_COUNT);
  }

  public int attestationSubnetExtraBits() {
    return intValue(SpecConfigKey.ATTESTATION_SUBNET_EXTRA_BITS);
  }

  public int maxRequestBlocksDeneb() {
    return intValue(SpecConfigKey.MAX_REQUEST_BLOCKS_DENEB);
  }

  public int minEpochsForBlobSidecarsRequests() {
    return intValue(SpecConfigKey.MIN_EPOCHS_FOR_BLOB_SIDECARS_REQUESTS);
  }

  public int blobSidecarSubnetCount() {
    return intValue(SpecConfigKey.BLOB_SIDECAR_SUBNET_COUNT);
  }

  public int maxBlobsPerBlock() {
    return intValue(SpecConfigKey.MAX_BLOBS_PER_BLOCK);
  }

  public int blobSidecarSubnetCountElectra() {
    return intValue(SpecConfigKey.BLOB_SIDECAR_SUBNET_COUNT_ELECTRA);
  }

  public int maxBlobsPerBlockElectra() {
    return intValue(SpecConfigKey.MAX_BLOBS_PER_BLOCK_ELECTRA);
  }

  public int numberOfCustodyGroups() {
    return intValue(SpecConfigKey.NUMBER_OF_CUSTODY_GROUPS);
  }

  public int dataColumnSidecarSubnetCount() {
    return intValue(SpecConfigKey.DATA_COLUMN_SIDECAR_SUBNET_COUNT);
  }

  public int samplesPerSlot() {
    return intValue(SpecConfigKey.SAMPLES_PER_SLOT);
  }

  public int custodyRequirement() {
    return intValue(SpecConfigKey.CUSTODY_REQUIREMENT);
  }

  public int validatorCustodyRequirement() {
    return intValue(SpecConfigKey.VALIDATOR_CUSTODY_REQUIREMENT);
  }

  public UInt64 balancePerAdditionalCustodyGroup() {
    return uint64Value(SpecConfigKey.BALANCE_PER_ADDITIONAL_CUSTODY_GROUP);
  }

  public int minEpochsForDataColumnSidecarsRequests() {
    return intValue(SpecConfigKey.MIN_EPOCHS_FOR_DATA_COLUMN_SIDECARS_REQUESTS);
  }

  public int maxRequestPayloads() {
    return intValue(SpecConfigKey.MAX_REQUEST_PAYLOADS);
  }

  public int maxRequestInclusionList() {
    return intValue(SpecConfigKey.MAX_REQUEST_INCLUSION_LIST);
  }

  public int minSlotsForInclusionListsRequests() {
    return intValue(SpecConfigKey.MIN_SLOTS_FOR_INCLUSION_LISTS_REQUESTS);
  }

  public int maxBytesPerInclusionList() {
    return intValue(SpecConfigKey.MAX_BYTES_PER_INCLUSION_LIST);
  }

  public List<BlobScheduleEntry> blobSchedule() {
    return blobScheduleValue(SpecConfigKey.BLOB_SCHEDULE);
  }

  public int confirmationByzantineThreshold() {
    return intValue(SpecConfigKey.CONFIRMATION_BYZANTINE_THRESHOLD);
  }
}
