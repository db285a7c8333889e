package io.edvt.node.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The validator client that runs inside the beacon node ({@code --validator-keys} given).
 *
 * @param keys {@code --validator-keys}: where the EIP-2335 keystores and their passwords are
 * @param defaultFeeRecipient {@code --validators-proposer-default-fee-recipient}: 0x and 40 hex
 *     digits, as given
 * @param builderRegistrationGasLimit {@code --validators-builder-registration-default-gas-limit}
 * @param api the key manager API
 * @param cosignGroupExits {@code --validators-group-exits-cosign}: held member keys add their
 *     signatures to a valid exit request of their group (the staker's policy on this member)
 * @param cosignGroupKeyChanges {@code --validators-group-key-changes-cosign}: held member keys add
 *     their signatures to a valid, slashing-safe key change request of their group
 * @param doppelgangerDetection {@code --doppelganger-detection-enabled}: no duties until the held
 *     keys were watched for being live elsewhere ({@code io.edvt.node.validator.DoppelgangerGuard})
 */
public record ValidatorConfig(
    List<KeySource> keys, Optional<String> defaultFeeRecipient, Optional<Long> builderRegistrationGasLimit,
    ValidatorApiConfig api, boolean cosignGroupExits, boolean cosignGroupKeyChanges,
    ChaosConfig chaos, boolean doppelgangerDetection) {
  public ValidatorConfig {
    keys = List.copyOf(keys);
    Objects.requireNonNull(defaultFeeRecipient, "defaultFeeRecipient");
    Objects.requireNonNull(builderRegistrationGasLimit, "builderRegistrationGasLimit");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(chaos, "chaos");
  }

  /** Whether the node runs validators at all. */
  public boolean hasKeys() {
    return !keys.isEmpty();
  }

  /**
   * One {@code --validator-keys} entry, {@code KEYS:PASSWORDS}: a keystore file and its password
   * file, a folder of keystores ({@code *.json}) with a folder of passwords (the same name,
   * {@code .txt}), or a folder of keystores with one password file for all.
   */
  public record KeySource(Path keys, Path passwords) {
    public KeySource {
      Objects.requireNonNull(keys, "keys");
      Objects.requireNonNull(passwords, "passwords");
    }
  }

  /**
   * The key manager API ({@code --validator-api-*}).
   *
   * @param enabled {@code --validator-api-enabled}
   * @param interfaceAddress {@code --validator-api-interface}
   * @param port {@code --validator-api-port}
   * @param hostAllowlist {@code --validator-api-host-allowlist}
   * @param bearerFile {@code --validator-api-bearer-file}: the API token (created when missing)
   * @param sslEnabled {@code --Xvalidator-api-ssl-enabled}
   * @param unsafeHostsEnabled {@code --Xvalidator-api-unsafe-hosts-enabled}: allow a non-local
   *     interface without TLS
   */
  public record ValidatorApiConfig(
      boolean enabled, String interfaceAddress, int port, List<String> hostAllowlist, Optional<Path> bearerFile,
      boolean sslEnabled, boolean unsafeHostsEnabled) {
    public ValidatorApiConfig {
      hostAllowlist = List.copyOf(hostAllowlist);
      Objects.requireNonNull(bearerFile, "bearerFile");
    }
  }
}
