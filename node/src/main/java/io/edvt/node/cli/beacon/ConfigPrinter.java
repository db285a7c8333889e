package io.edvt.node.cli.beacon;

import io.edvt.node.config.BeaconNodeConfig;
import io.edvt.node.config.ValidatorConfig;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Prints a {@link BeaconNodeConfig} as a {@code --config-file} (flag names without dashes), so
 * the printout of one run can be the configuration of the next. Values are quoted where YAML
 * would read them as something else.
 */
final class ConfigPrinter {
  private ConfigPrinter() {}

  static void print(BeaconNodeConfig c, PrintWriter out) {
    section(out, "Network and genesis");
    line(out, "network", c.network().name());
    out.println("# preset " + c.network().spec().presetBase() + ", config " + c.network().spec().configName()
        + (c.network().ignoredConfigKeys().isEmpty() ? "" : ", ignored keys: " + String.join(", ", c.network().ignoredConfigKeys())));
    line(out, "genesis-state", c.network().genesisState());

    section(out, "Data and storage");
    line(out, "data-path", c.data().dataPath());
    line(out, "data-storage-mode", c.data().storageMode());
    line(out, "data-storage-non-canonical-blocks-enabled", c.data().storeNonCanonicalBlocks());

    section(out, "P2P");
    var p = c.p2p();
    line(out, "p2p-enabled", p.enabled());
    line(out, "p2p-interface", p.interfaces());
    line(out, "p2p-port", p.port());
    line(out, "p2p-udp-port", p.udpPort());
    line(out, "p2p-quic-port", p.quicPort());
    line(out, "p2p-advertised-ip", p.advertisedIps());
    line(out, "p2p-peer-lower-bound", p.peerLowerBound());
    line(out, "p2p-peer-upper-bound", p.peerUpperBound());
    line(out, "p2p-discovery-enabled", p.discoveryEnabled());
    line(out, "p2p-discovery-bootnodes", p.bootnodes());
    line(out, "p2p-discovery-site-local-addresses-enabled", p.siteLocalAddressesEnabled());
    line(out, "p2p-subscribe-all-subnets-enabled", p.subscribeAllSubnets());
    line(out, "p2p-subscribe-all-custody-subnets-enabled", p.subscribeAllCustodySubnets());
    line(out, "Xp2p-private-key-file-secp256k1", p.privateKeyFile());

    section(out, "REST API");
    var r = c.restApi();
    line(out, "rest-api-enabled", r.enabled());
    line(out, "rest-api-docs-enabled", r.docsEnabled());
    line(out, "rest-api-interface", r.interfaceAddress());
    line(out, "rest-api-port", r.port());
    line(out, "rest-api-host-allowlist", r.hostAllowlist());
    line(out, "rest-api-cors-origins", r.corsOrigins());

    section(out, "Metrics");
    var m = c.metrics();
    line(out, "metrics-enabled", m.enabled());
    line(out, "metrics-interface", m.interfaceAddress());
    line(out, "metrics-port", m.port());
    line(out, "metrics-host-allowlist", m.hostAllowlist());
    line(out, "metrics-categories", m.categories().stream().sorted().toList());

    section(out, "Execution engine");
    line(out, "ee-endpoint", c.executionEngine().endpoint());
    line(out, "ee-jwt-secret-file", c.executionEngine().jwtSecretFile());

    section(out, "Checkpoint sync");
    line(out, "checkpoint-sync-url", c.checkpointSync().url());
    line(out, "ignore-weak-subjectivity-period-enabled", c.checkpointSync().ignoreWeakSubjectivityPeriod());

    section(out, "Logging");
    line(out, "logging", c.logging().level());
    line(out, "log-destination", c.logging().destination());
    line(out, "log-file", c.logging().logFile());

    section(out, "Validator");
    ValidatorConfig v = c.validator();
    line(out, "validator-keys", v.keys().stream().map(k -> k.keys() + ":" + k.passwords()).toList());
    line(out, "validators-proposer-default-fee-recipient", v.defaultFeeRecipient());
    line(out, "validators-builder-registration-default-gas-limit", v.builderRegistrationGasLimit());
    line(out, "doppelganger-detection-enabled", v.doppelgangerDetection());
    line(out, "validator-api-enabled", v.api().enabled());
    line(out, "validator-api-interface", v.api().interfaceAddress());
    line(out, "validator-api-port", v.api().port());
    line(out, "validator-api-host-allowlist", v.api().hostAllowlist());
    line(out, "validator-api-bearer-file", v.api().bearerFile());
    line(out, "Xvalidator-api-ssl-enabled", v.api().sslEnabled());
    line(out, "Xvalidator-api-unsafe-hosts-enabled", v.api().unsafeHostsEnabled());
  }

  private static void section(PrintWriter out, String name) {
    out.println("# " + name);
  }

  /**
   * {@code key: value}; a collection is a YAML list. An empty optional or collection is left out:
   * the config file cannot say "empty", and the flags' defaults for them are empty but for the
   * host allowlists.
   */
  private static void line(PrintWriter out, String key, Object value) {
    if (value instanceof Optional<?> o) {
      if (o.isEmpty()) {
        return;
      }
      value = o.get();
    }
    if (value instanceof Collection<?> items) {
      if (items.isEmpty()) {
        return;
      }
      out.println(key + ": [" + items.stream().map(i -> quote(String.valueOf(i))).collect(Collectors.joining(", ")) + "]");
      return;
    }
    out.println(key + ": " + quote(String.valueOf(value)));
  }

  /** Quoted unless it is a plain word, number or path that YAML reads back as the same text. */
  private static String quote(String s) {
    return s.matches("[A-Za-z0-9_./-][A-Za-z0-9_./:-]*") && !s.startsWith("0x") && !s.contains(": ")
        ? s : "'" + s.replace("'", "''") + "'";
  }
}
