package io.edvt.node.cli.beacon;

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

  @Option(names = "--doppelganger-detection-enabled", paramLabel = "<BOOLEAN>", arity = "0..1", fallbackValue = "true",
      showDefaultValue = Visibility.ALWAYS,
      description = "Watch 2 epochs for the held keys being live elsewhere before signing anything; exit naming them if so.")
  boolean doppelgangerDetection;

  ValidatorConfig toConfig() {
    return new ValidatorConfig(keys, Optional.ofNullable(defaultFeeRecipient), Optional.ofNullable(builderGasLimit),
        new ValidatorApiConfig(apiEnabled, apiInterface, apiPort, apiHostAllowlist, Optional.ofNullable(apiBearerFile),
            apiSslEnabled, apiUnsafeHostsEnabled), cosignGroupExits, doppelgangerDetection);
  }
}
