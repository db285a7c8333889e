package io.edvt.node.cli.beacon;

import io.edvt.node.cli.InputException;
import io.edvt.node.config.ChaosConfig;
import io.edvt.node.config.ValidatorConfig.KeySource;
import io.edvt.node.config.ValidatorConfig.ValidatorApiConfig;
import io.edvt.node.config.ValidatorConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/** The validator client inside the beacon node: {@code --validator-keys}, {@code --validators-*}, {@code --validator-api-*}. */
final class ValidatorFlags {
  static final int DEFAULT_API_PORT = 5052;

  @Option(names = "--validator-keys", paramLabel = "<KEYS>:<PASSWORDS>", split = ",", arity = "1..*",
      converter = Converters.ValidatorKeys.class,
      description = "Keystores and their passwords, comma-separated: KEY_DIR:PASS_DIR (each KEY_DIR/*.json with "
          + "PASS_DIR/<same name>.txt), KEY_FILE:PASS_FILE, or KEY_DIR:PASS_FILE (one password for all).")
  List<KeySource> keys = new ArrayList<>();

  @Option(names = "--validators-proposer-default-fee-recipient", paramLabel = "<ADDRESS>",
      converter = Converters.Eth1Address.class,
      description = "Execution address that receives the fees of proposed blocks.")
  String defaultFeeRecipient;

  @Option(names = "--validators-builder-registration-default-gas-limit", paramLabel = "<uint64>",
      converter = Converters.Unsigned.class, description = "Gas limit registered with builders.")
  Long builderGasLimit;

  @Option(names = "--validator-api-enabled", paramLabel = "<BOOLEAN>", arity = "0..1", fallbackValue = "true",
      showDefaultValue = Visibility.ALWAYS, description = "Serve the key manager API.")
  boolean apiEnabled;

  @Option(names = "--validator-api-interface", paramLabel = "<NETWORK>", converter = Converters.Interface.class,
      description = "Address the key manager API listens on (default: ${DEFAULT-VALUE}).")
  String apiInterface = "127.0.0.1";

  @Option(names = "--validator-api-port", paramLabel = "<INTEGER>", converter = Converters.Port.class,
      description = "Port of the key manager API (default: ${DEFAULT-VALUE}).")
  int apiPort = DEFAULT_API_PORT;

  @Option(names = "--validator-api-host-allowlist", paramLabel = "<hostname>", split = ",", arity = "0..*",
      description = "Host header values the key manager API answers, or * for any (default: 127.0.0.1,localhost).")
  List<String> apiHostAllowlist = new ArrayList<>(List.of("127.0.0.1", "localhost"));

  @Option(names = "--validator-api-bearer-file", paramLabel = "<FILENAME>",
      description = "The key manager API's bearer token (default: <data-path>/validator/api-token.txt).")
  Path apiBearerFile;

  @Option(names = "--Xvalidator-api-ssl-enabled", paramLabel = "<BOOLEAN>", arity = "0..1", fallbackValue = "true",
      showDefaultValue = Visibility.ALWAYS, description = "Serve the key manager API over TLS.")
  boolean apiSslEnabled = true;

  @Option(names = "--Xvalidator-api-unsafe-hosts-enabled", paramLabel = "<BOOLEAN>", arity = "0..1",
      fallbackValue = "true", showDefaultValue = Visibility.ALWAYS,
      description = "Allow the key manager API on a non-local interface without TLS.")
  boolean apiUnsafeHostsEnabled;

  @Option(names = "--validators-group-exits-cosign", paramLabel = "<BOOLEAN>", arity = "0..1", fallbackValue = "true",
      showDefaultValue = Visibility.ALWAYS,
      description = "Held group member keys sign a valid exit request of their group (group_exit_signature): the staker's "
          + "exit policy for this member.")
  boolean cosignGroupExits;

  @Option(names = "--validators-group-key-changes-cosign", paramLabel = "<BOOLEAN>", arity = "0..1", fallbackValue = "true",
      showDefaultValue = Visibility.ALWAYS,
      description = "Held group member keys sign a key change request of their group (group_key_change_signature) that "
          + "process_group_key_change would accept but for the signatures and whose new key set is slashing-safe "
          + "(2m > n): the staker's key change policy for this member.")
  boolean cosignGroupKeyChanges;

  // testing only, hidden from --help (Teku's --X convention): a deliberately misbehaving node for devnet chaos runs
  @Option(names = "--Xchaos-member-delay-ms", paramLabel = "<INTEGER>", hidden = true, converter = Converters.Unsigned.class,
      description = "Testing only: publish this node's group proposals and sign-offs this many ms late.")
  long chaosDelayMs;

  @Option(names = "--Xchaos-member-drop-rate", paramLabel = "<RATE>", hidden = true,
      description = "Testing only: drop this share (0 to 1) of this node's group proposals and sign-offs.")
  double chaosDropRate;

  @Option(names = "--Xchaos-withhold-proposals", paramLabel = "<BOOLEAN>", arity = "0..1", fallbackValue = "true",
      hidden = true, description = "Testing only: a leading member builds and signs its block but never publishes the proposal.")
  boolean chaosWithhold;

  @Option(names = "--Xchaos-equivocate", paramLabel = "<BOOLEAN>", arity = "0..1", fallbackValue = "true", hidden = true,
      description = "Testing only: member keys sign conflicting blocks, sign-offs and attestations past slashing protection.")
  boolean chaosEquivocate;

  @Option(names = "--doppelganger-detection-enabled", paramLabel = "<BOOLEAN>", arity = "0..1", fallbackValue = "true",
      showDefaultValue = Visibility.ALWAYS,
      description = "Watch 2 epochs for the held keys being live elsewhere before signing anything; exit naming them if so.")
  boolean doppelgangerDetection;

  ValidatorConfig toConfig() {
    return new ValidatorConfig(keys, Optional.ofNullable(defaultFeeRecipient), Optional.ofNullable(builderGasLimit),
        new ValidatorApiConfig(apiEnabled, apiInterface, apiPort, apiHostAllowlist, Optional.ofNullable(apiBearerFile),
            apiSslEnabled, apiUnsafeHostsEnabled), cosignGroupExits, cosignGroupKeyChanges, chaos(),
            doppelgangerDetection);
  }

  private ChaosConfig chaos() {
    try {
      return new ChaosConfig(chaosDelayMs, chaosDropRate, chaosWithhold, chaosEquivocate);
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage());
    }
  }
}
