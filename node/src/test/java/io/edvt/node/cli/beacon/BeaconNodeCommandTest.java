package io.edvt.node.cli.beacon;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.cli.Cli;
import io.edvt.node.config.BeaconNodeConfig;
import io.edvt.node.config.ChaosConfig;
import io.edvt.node.config.ValidatorConfig.KeySource;
import io.edvt.node.logging.LogDestination;
import io.edvt.node.logging.LogLevel;
import io.edvt.node.metrics.MetricCategory;
import io.edvt.node.storage.StorageMode;
import io.edvt.spec.edvt.config.EdvtConfigKey;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BeaconNodeCommandTest {
  @TempDir Path tmp;

  @Test
  void ethereumPackagesTekuCommandLineResolvesToTheConfigurationItDescribes() {
    BeaconNodeCli.Run run = BeaconNodeCli.run(EthereumPackageArgs.args().toArray());
    BeaconNodeConfig c = run.launched();
    Path root = DevnetFiles.root();

    assertThat(run.result().exitCode()).isZero();
    assertThat(run.result().errLines()).containsExactly("edvt beacon-node: warning: --network " + DevnetFiles.configYaml()
        + ": ignoring 1 config key(s) this client does not know: MAX_TRANSACTIONS_BYTES_PER_INCLUSION_LIST");

    assertThat(c.network().configFile()).contains(DevnetFiles.configYaml());
    assertThat(c.network().spec().configName()).isEqualTo("testnet");
    assertThat(c.network().spec().presetBase()).isEqualTo("minimal");
    assertThat(c.network().spec().fuluForkEpoch()).isEqualTo(UInt64.ZERO);
    assertThat(c.network().spec().depositChainId()).isEqualTo(UInt64.valueOf(3151908));
    assertThat(c.network().spec().blobSchedule()).hasSize(2);
    assertThat(c.network().spec().get(EdvtConfigKey.EDVT_FORK_EPOCH)).as("EDVT is not scheduled unless the file says so")
        .isEqualTo(UInt64.MAX_VALUE);
    assertThat(c.network().ignoredConfigKeys()).containsExactly("MAX_TRANSACTIONS_BYTES_PER_INCLUSION_LIST");
    assertThat(c.network().genesisState()).contains(DevnetFiles.genesisSsz());

    assertThat(c.data().dataPath()).isEqualTo(Path.of(EthereumPackageArgs.DATA_PATH));
    assertThat(c.data().storageMode()).isEqualTo(StorageMode.ARCHIVE);
    assertThat(c.data().storeNonCanonicalBlocks()).isTrue();

    assertThat(c.p2p().enabled()).isTrue();
    assertThat(c.p2p().peerLowerBound()).isEqualTo(1);
    assertThat(c.p2p().peerUpperBound()).isEqualTo(P2pFlags.DEFAULT_PEER_UPPER_BOUND);
    assertThat(c.p2p().advertisedIps()).containsExactly(EthereumPackageArgs.ADVERTISED_IP);
    assertThat(c.p2p().siteLocalAddressesEnabled()).isTrue();
    assertThat(c.p2p().port()).isEqualTo(9000);
    assertThat(c.p2p().udpPort()).isEqualTo(9000);
    assertThat(c.p2p().quicPort()).isEqualTo(9001);
    assertThat(c.p2p().subscribeAllCustodySubnets()).isTrue();
    assertThat(c.p2p().privateKeyFile()).contains(root.resolve("peerdas-node-keys/node-key-file-1"));
    assertThat(c.p2p().bootnodes()).containsExactly(EthereumPackageArgs.BOOTNODE_ENR);

    assertThat(c.restApi().enabled()).isTrue();
    assertThat(c.restApi().docsEnabled()).isTrue();
    assertThat(c.restApi().interfaceAddress()).isEqualTo("0.0.0.0");
    assertThat(c.restApi().port()).isEqualTo(4000);
    assertThat(c.restApi().hostAllowlist()).containsExactly("*");

    assertThat(c.metrics().enabled()).isTrue();
    assertThat(c.metrics().interfaceAddress()).isEqualTo("0.0.0.0");
    assertThat(c.metrics().hostAllowlist()).containsExactly("*");
    assertThat(c.metrics().categories()).containsExactlyInAnyOrder(MetricCategory.BEACON, MetricCategory.PROCESS,
        MetricCategory.LIBP2P, MetricCategory.JVM, MetricCategory.NETWORK);
    assertThat(c.metrics().port()).isEqualTo(8008);

    assertThat(c.executionEngine().endpoint()).contains(URI.create(EthereumPackageArgs.EE_ENDPOINT));
    assertThat(c.executionEngine().jwtSecretFile()).contains(root.resolve("jwt/jwtsecret"));

    assertThat(c.logging().level()).isEqualTo(LogLevel.INFO);
    assertThat(c.logging().destination()).isEqualTo(LogDestination.CONSOLE);
    assertThat(c.checkpointSync().url()).isEmpty();
    assertThat(c.checkpointSync().ignoreWeakSubjectivityPeriod()).isTrue();

    assertThat(c.validator().keys()).containsExactly(new KeySource(root.resolve("validator-keys/node-0-keystores/teku-keys"),
        root.resolve("validator-keys/node-0-keystores/teku-secrets")));
    assertThat(c.validator().defaultFeeRecipient()).contains(EthereumPackageArgs.FEE_RECIPIENT);
    assertThat(c.validator().builderRegistrationGasLimit()).contains(60_000_000L);
    assertThat(c.validator().api().enabled()).isTrue();
    assertThat(c.validator().api().hostAllowlist()).containsExactly("*");
    assertThat(c.validator().api().port()).isEqualTo(5056);
    assertThat(c.validator().api().interfaceAddress()).isEqualTo("0.0.0.0");
    assertThat(c.validator().api().bearerFile()).contains(root.resolve("keymanager/keymanager.txt"));
    assertThat(c.validator().api().sslEnabled()).isFalse();
    assertThat(c.validator().api().unsafeHostsEnabled()).isTrue();
  }

  @Test
  void chaosFlagsAreTestingOnlyHiddenAndChecked() {
    BeaconNodeConfig plain = BeaconNodeCli.run("beacon-node", "--network", "minimal", "--checkpoint-sync-url",
        "http://127.0.0.1:5052").launched();
    assertThat(plain.validator().chaos()).isEqualTo(ChaosConfig.NONE);
    assertThat(plain.validator().chaos().active()).isFalse();

    BeaconNodeConfig c = BeaconNodeCli.run("beacon-node", "--network", "minimal", "--checkpoint-sync-url",
        "http://127.0.0.1:5052", "--Xchaos-member-delay-ms=400", "--Xchaos-member-drop-rate=0.25",
        "--Xchaos-withhold-proposals", "--Xchaos-equivocate").launched();
    assertThat(c.validator().chaos()).isEqualTo(new ChaosConfig(400, 0.25, true, true));
    assertThat(c.validator().chaos().describe()).isEqualTo(
        "member-topic delay 400 ms, member-topic drop rate 0.25, withholding group proposals, equivocating with member keys");

    assertUsageError(BeaconNodeCli.run("beacon-node", "--network", "minimal", "--Xchaos-member-drop-rate=1.5"),
        "edvt beacon-node: --Xchaos-member-drop-rate 1.5: must be 0 to 1");
    assertUsageError(BeaconNodeCli.run("beacon-node", "--network", "minimal", "--Xchaos-member-delay-ms=60001"),
        "edvt beacon-node: --Xchaos-member-delay-ms 60001: must be 0 to 60000");
    assertThat(BeaconNodeCli.run("beacon-node", "--help").result().out()).as("hidden, as Teku hides its --X flags")
        .doesNotContain("chaos").contains("--validator-keys");
  }

  @Test
  void unsetFlagsTakeTekusDefaults() {
    BeaconNodeConfig c = BeaconNodeCli.run("beacon-node", "--network", "minimal", "--checkpoint-sync-url",
        "http://127.0.0.1:5052").launched();
    assertThat(c.network().configFile()).isEmpty();
    assertThat(c.network().spec().configName()).isEqualTo("minimal");
    assertThat(c.data().storageMode()).isEqualTo(StorageMode.PRUNE);
    assertThat(c.data().storeNonCanonicalBlocks()).isFalse();
    assertThat(c.p2p().enabled()).isTrue();
    assertThat(c.p2p().port()).isEqualTo(9000);
    assertThat(c.p2p().peerLowerBound()).isEqualTo(64);
    assertThat(c.p2p().peerUpperBound()).isEqualTo(100);
    assertThat(c.restApi().enabled()).isFalse();
    assertThat(c.restApi().port()).isEqualTo(5051);
    assertThat(c.restApi().hostAllowlist()).containsExactly("127.0.0.1", "localhost");
    assertThat(c.metrics().enabled()).isFalse();
    assertThat(c.metrics().port()).isEqualTo(8008);
    assertThat(c.metrics().interfaceAddress()).isEqualTo("127.0.0.1");
    assertThat(c.metrics().categories()).isEqualTo(EnumSet.allOf(MetricCategory.class));
    assertThat(c.executionEngine().endpoint()).isEmpty();
    assertThat(c.logging().level()).isEqualTo(LogLevel.INFO);
    assertThat(c.logging().destination()).isEqualTo(LogDestination.DEFAULT_BOTH);
    assertThat(c.logging().logFile()).isEqualTo(c.data().dataPath().resolve("logs/edvt.log"));
    assertThat(c.validator().hasKeys()).isFalse();
    assertThat(c.validator().api().sslEnabled()).isTrue();
  }

  @Test
  void booleansTakeTheBareFormAndExplicitValues() {
    BeaconNodeConfig c = BeaconNodeCli.run("beacon-node", "--network=minimal", "--checkpoint-sync-url=http://cp:5052",
        "--p2p-enabled=false", "--rest-api-enabled", "--metrics-enabled=TRUE", "--p2p-discovery-enabled", "false").launched();
    assertThat(c.p2p().enabled()).isFalse();
    assertThat(c.restApi().enabled()).isTrue();
    assertThat(c.metrics().enabled()).isTrue();
    assertThat(c.p2p().discoveryEnabled()).isFalse();
  }

  static Stream<Arguments> badValues() {
    Path root = DevnetFiles.root();
    String devnet = "--network=" + DevnetFiles.configYaml();
    String genesis = "--genesis-state=" + DevnetFiles.genesisSsz();
    return Stream.of(
        Arguments.of(List.of("--p2p-port=70000"),
            "Invalid value for option '--p2p-port': '70000' is not a port (0 to 65535)"),
        Arguments.of(List.of("--data-storage-mode=MINIMAL"),
            "Invalid value for option '--data-storage-mode': expected one of [ARCHIVE, PRUNE] (case-insensitive) but was 'MINIMAL'"),
        Arguments.of(List.of("--p2p-enabled=yes"), "Invalid value for option '--p2p-enabled': 'yes' is not a boolean"),
        Arguments.of(List.of("--logging=VERBOSE"), "Invalid value for option '--logging': expected one of [OFF, FATAL, "
            + "ERROR, WARN, INFO, DEBUG, TRACE, ALL] (case-insensitive) but was 'VERBOSE'"),
        Arguments.of(List.of("--metrics-categories=BEACON,GOSSIP"), "Invalid value for option '--metrics-categories' "
            + "at index 0 (<CATEGORY>): expected one of [BEACON, DISCOVERY, EVENTBUS, EXECUTOR, LIBP2P, NETWORK, STORAGE, "
            + "STORAGE_HOT_DB, STORAGE_FINALIZED_DB, VALIDATOR, VALIDATOR_PERFORMANCE, VALIDATOR_DUTY, JVM, PROCESS] "
            + "(case-insensitive) but was 'GOSSIP'"),
        Arguments.of(List.of("--p2p-discovery-bootnodes=enode://abc@10.0.0.1:30303"), "Invalid value for option "
            + "'--p2p-discovery-bootnodes' at index 0 (<enr:-...>): 'enode://abc@10.0.0.1:...' is not an ENR (enr: followed by "
            + "base64url, as in enr:-Iq4Q...)"),
        Arguments.of(List.of("--ee-endpoint=localhost:8551", "--ee-jwt-secret-file=" + root.resolve("jwt/jwtsecret")),
            "Invalid value for option '--ee-endpoint': 'localhost:8551' is not an http(s) URL (like http://127.0.0.1:8551)"),
        Arguments.of(List.of("--validators-proposer-default-fee-recipient=0x1234"), "Invalid value for option "
            + "'--validators-proposer-default-fee-recipient': '0x1234' is not an address (0x and 40 hex digits)"),
        Arguments.of(List.of("--p2p-advertised-ip=my-host"), "Invalid value for option '--p2p-advertised-ip' "
            + "at index 0 (<NETWORK>): 'my-host' is not an IP address (IPv4 like 10.0.0.1, or IPv6 like ::1)"),
        Arguments.of(List.of("--validator-keys=/keys"), "Invalid value for option '--validator-keys' "
            + "at index 0 (<KEYS>:<PASSWORDS>): '/keys' is not KEYS:PASSWORDS (a keystore file or folder, a colon, its password "
            + "file or folder)"),
        Arguments.of(List.of("--p2p-peer-lower-bound=120"), "--p2p-peer-lower-bound 120 is above --p2p-peer-upper-bound "
            + "100: the lower bound must not exceed the upper"),
        Arguments.of(List.of("--ee-endpoint=http://el:8551"), "--ee-endpoint http://el:8551 needs --ee-jwt-secret-file "
            + "(the Engine API is authenticated)"));
  }

  @ParameterizedTest
  @MethodSource("badValues")
  void aBadValueIsOneLineNamingTheFlagAndExitCode2(List<String> bad, String problem) {
    List<String> args = new ArrayList<>(List.of("beacon-node", "--network=" + DevnetFiles.configYaml(),
        "--genesis-state=" + DevnetFiles.genesisSsz()));
    args.addAll(bad);
    BeaconNodeCli.Run run = BeaconNodeCli.run(args.toArray());
    assertUsageError(run, "edvt beacon-node: " + problem + " (see 'edvt beacon-node --help')");
  }

  @Test
  void aNetworkThatIsNeitherBuiltInNorAFileIsNamed() {
    BeaconNodeCli.Run run = BeaconNodeCli.run("beacon-node", "--network", "sepolia", "--checkpoint-sync-url", "http://cp");
    assertUsageError(run, "edvt beacon-node: --network sepolia: neither a built-in network (mainnet, minimal) nor a config.yaml file");
  }

  @Test
  void aMissingKeystoreFolderIsBadInputNamingTheFolderNotAnInternalError(@TempDir Path dir) {
    // the real launcher: a container whose /validator-keys mount is missing ends this way
    Path keys = dir.resolve("validator-keys/node-0-keystores/teku-keys");
    Cli.Result r = Cli.run("beacon-node", "--network=" + DevnetFiles.configYaml(), "--genesis-state=" + DevnetFiles.genesisSsz(),
        "--data-path=" + dir.resolve("data"), "--p2p-enabled=false", "--logging=WARN", "--log-destination=CONSOLE",
        "--validator-keys=" + keys + ":" + keys.resolveSibling("teku-secrets"));
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    // the generator-style config also gives its one unknown-key warning
    assertThat(r.errLines()).as(r.toString()).filteredOn(line -> !line.contains(": warning: "))
        .containsExactly("edvt beacon-node: " + keys + ": keystore folder does not exist");
  }

  @Test
  void anEdvtGenesisWithAConfigLackingEdvtsKeysIsRefusedNamingTheMissingKey(@TempDir Path dir) throws Exception {
    // what a container gets from ethereum-package when the generator's config.yaml (no EDVT keys)
    // comes with an EDVT genesis state and no EDVT_CONFIG_* is set
    Cli.Result genesis = Cli.run("genesis", "--out", dir, "--nodes", "1", "--validators", "16", "--groups", "1",
        "--group-size", "2", "--threshold", "2");
    assertThat(genesis.exitCode()).as(genesis.toString()).isZero();
    Path config = dir.resolve("network-configs/config.yaml");
    Files.write(config, Files.readAllLines(config).stream().filter(l -> !l.startsWith("EDVT_FORK_")).toList());
    Path state = dir.resolve("network-configs/genesis.ssz");
    Cli.Result r = Cli.run("beacon-node", "--network=" + config, "--genesis-state=" + state, "--Xdry-run");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).as(r.toString()).containsExactly("edvt beacon-node: --genesis-state " + state
        + ": its fork version 0xed000001 is EDVT_FORK_VERSION, but the network config has fulu at its slot 0 "
        + "(EDVT_FORK_EPOCH 18446744073709551615): the config lacks or misstates EDVT_FORK_EPOCH");
  }

  @Test
  void aBuiltInNetworkWithoutGenesisOrCheckpointIsRefused() {
    assertUsageError(BeaconNodeCli.run("beacon-node", "--network", "mainnet"), "edvt beacon-node: --network mainnet: no "
        + "genesis state is built in; give --genesis-state FILE or --checkpoint-sync-url URL (see 'edvt beacon-node --help')");
  }

  @Test
  void aGenesisStateOfAnotherNetworkIsRefusedByTheDryRun() {
    Cli.Result r = Cli.run("beacon-node", "--network", "minimal", "--genesis-state", DevnetFiles.genesisSsz());
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("edvt beacon-node: --genesis-state " + DevnetFiles.genesisSsz()
        + ": fork version 0x70000038, but the network's fulu version is 0x06000001 (FULU_FORK_VERSION): a state of another network?");
  }

  @Test
  void aConfigFileSetsFlagsAndTheCommandLineOverridesIt() throws Exception {
    Path file = tmp.resolve("node.yaml");
    Files.writeString(file, """
        network: "%s"
        genesis-state: "%s"
        p2p-port: 9100
        rest-api-enabled: true
        metrics-categories: [BEACON, JVM]
        data-path: /var/lib/edvt
        validators-proposer-default-fee-recipient: 0x8943545177806ED17B9F23F0a21ee5948eCaa776
        p2p-discovery-bootnodes: "%s"
        """.formatted(DevnetFiles.configYaml(), DevnetFiles.genesisSsz(), EthereumPackageArgs.BOOTNODE_ENR));
    BeaconNodeConfig c = BeaconNodeCli.run("beacon-node", "--config-file", file, "--p2p-port=9200", "--data-base-path=/srv/edvt")
        .launched();
    assertThat(c.p2p().port()).as("the command line wins").isEqualTo(9200);
    assertThat(c.data().dataPath()).as("an alias of a flag also wins").isEqualTo(Path.of("/srv/edvt"));
    assertThat(c.restApi().enabled()).isTrue();
    assertThat(c.metrics().categories()).containsExactlyInAnyOrder(MetricCategory.BEACON, MetricCategory.JVM);
    assertThat(c.validator().defaultFeeRecipient()).as("kept as text, not read as a hex number")
        .contains("0x8943545177806ED17B9F23F0a21ee5948eCaa776");
    assertThat(c.p2p().bootnodes()).containsExactly(EthereumPackageArgs.BOOTNODE_ENR);
    assertThat(c.network().genesisState()).contains(DevnetFiles.genesisSsz());
  }

  @Test
  void aConfigFileKeyThatIsNoFlagOrABadValueIsNamed() throws Exception {
    Path unknown = tmp.resolve("unknown.yaml");
    Files.writeString(unknown, "network: minimal\np2p-prot: 9000\nmetrics-enable: true\n");
    assertUsageError(BeaconNodeCli.run("beacon-node", "--config-file", unknown), "edvt beacon-node: --config-file "
        + unknown + ": not a flag of edvt beacon-node: metrics-enable, p2p-prot (keys are flag names without --, e.g. "
        + "p2p-port) (see 'edvt beacon-node --help')");

    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(bad, "network: minimal\ncheckpoint-sync-url: http://cp\np2p-port: ninety\n");
    assertUsageError(BeaconNodeCli.run("beacon-node", "--config-file", bad), "edvt beacon-node: Invalid value for option "
        + "'--p2p-port': 'ninety' is not a port (0 to 65535) (see 'edvt beacon-node --help')");

    assertUsageError(BeaconNodeCli.run("beacon-node", "--config-file", tmp.resolve("none.yaml")), "edvt beacon-node: "
        + "--config-file " + tmp.resolve("none.yaml") + ": no such file (see 'edvt beacon-node --help')");
  }

  @Test
  void unknownNetworkConfigKeysGiveOneWarningAndEdvtKeysAreHonouredWhenSet() throws Exception {
    Path config = tmp.resolve("config.yaml");
    Files.writeString(config, Files.readString(DevnetFiles.configYaml())
        + "MAX_REQUEST_BLOB_SIDECARS_ELECTRA: 1152\nEIP7928_FORK_EPOCH: 18446744073709551615\n"
        + "EDVT_FORK_VERSION: 0xed000038\nEDVT_FORK_EPOCH: 4\n");
    BeaconNodeCli.Run run = BeaconNodeCli.run("beacon-node", "--network", config, "--genesis-state", DevnetFiles.genesisSsz());
    assertThat(run.result().errLines()).containsExactly("edvt beacon-node: warning: --network " + config + ": ignoring 3 "
        + "config key(s) this client does not know: MAX_TRANSACTIONS_BYTES_PER_INCLUSION_LIST, "
        + "MAX_REQUEST_BLOB_SIDECARS_ELECTRA, EIP7928_FORK_EPOCH");
    assertThat(run.launched().network().spec().get(EdvtConfigKey.EDVT_FORK_EPOCH)).isEqualTo(UInt64.valueOf(4));
  }

  @Test
  void aMalformedKnownNetworkKeyIsAnErrorNotAWarning() throws Exception {
    Path config = tmp.resolve("config.yaml");
    Files.writeString(config, Files.readString(DevnetFiles.configYaml()).replace("FULU_FORK_EPOCH: 0", "FULU_FORK_EPOCH: soon"));
    Cli.Result r = BeaconNodeCli.run("beacon-node", "--network", config, "--genesis-state", DevnetFiles.genesisSsz()).result();
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString().startsWith("edvt beacon-node: --network ").contains("FULU_FORK_EPOCH")
        .contains("'soon'");
  }

  @Test
  void theDryRunReadsTheGenesisStateAndPrintsAConfigFileThatResolvesToTheSameConfiguration() throws Exception {
    List<String> args = new ArrayList<>(EthereumPackageArgs.args());
    args.add("--Xdry-run");
    Cli.Result dry = Cli.run(args.toArray());
    assertThat(dry.exitCode()).as(dry.toString()).isZero();
    assertThat(dry.outLines()).contains("# genesis state: fulu at slot 0, 64 validators, genesis time 1786363220, "
        + "state root " + io.edvt.node.config.GenesisStateReader.read(DevnetFiles.genesisSsz(),
            BeaconNodeCli.run(EthereumPackageArgs.args().toArray()).launched().network().spec()).hashTreeRoot());
    assertThat(dry.outLines()).contains("metrics-categories: [BEACON, LIBP2P, NETWORK, JVM, PROCESS]", "p2p-port: 9000",
        "validators-proposer-default-fee-recipient: '0x8943545177806ED17B9F23F0a21ee5948eCaa776'", "rest-api-host-allowlist: ['*']");

    Path printed = tmp.resolve("printed.yaml");
    Files.writeString(printed, dry.out());
    BeaconNodeConfig fromFile = BeaconNodeCli.run("beacon-node", "--config-file", printed).launched();
    BeaconNodeConfig fromFlags = BeaconNodeCli.run(EthereumPackageArgs.args().toArray()).launched();
    assertThat(fromFile.network()).isEqualTo(fromFlags.network());
    assertThat(fromFile.data()).isEqualTo(fromFlags.data());
    assertThat(fromFile.p2p()).isEqualTo(fromFlags.p2p());
    assertThat(fromFile.restApi()).isEqualTo(fromFlags.restApi());
    assertThat(fromFile.metrics()).isEqualTo(fromFlags.metrics());
    assertThat(fromFile.executionEngine()).isEqualTo(fromFlags.executionEngine());
    assertThat(fromFile.checkpointSync()).isEqualTo(fromFlags.checkpointSync());
    assertThat(fromFile.logging()).isEqualTo(fromFlags.logging());
    assertThat(fromFile.validator()).isEqualTo(fromFlags.validator());
    assertThat(fromFile).isEqualTo(fromFlags);
  }

  @Test
  void helpListsTheFlagsGroupedByConcern() {
    Cli.Result r = Cli.run("beacon-node", "--help");
    assertThat(r.exitCode()).isZero();
    List<String> lines = r.outLines();
    List<String> headings = lines.stream().filter(l -> !l.startsWith(" ") && l.endsWith(":")).toList();
    assertThat(headings).containsSubsequence("Network and genesis:", "Data and storage:", "P2P:", "REST API:", "Metrics:",
        "Execution engine:", "Checkpoint sync:", "Logging:", "Validator:", "General:");
    String help = r.out();
    for (String flag : EthereumPackageArgs.args().stream().skip(1).map(a -> a.replaceFirst("=.*", "")).toList()) {
      assertThat(help).as(flag).contains(flag);
    }
    int metricsHeading = lines.indexOf("Metrics:");
    assertThat(lines.get(metricsHeading + 1)).contains("--metrics-enabled");
    assertThat(help).contains("default: 8008");
  }

  private static void assertUsageError(BeaconNodeCli.Run run, String line) {
    assertThat(run.result().exitCode()).as(run.result().toString()).isEqualTo(2);
    assertThat(run.result().errLines()).as(run.result().toString()).containsExactly(line);
    assertThat(run.config()).as("the launcher must not run").isEqualTo(Optional.empty());
  }
}
