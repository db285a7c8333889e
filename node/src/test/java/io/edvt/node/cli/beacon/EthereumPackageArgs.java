package io.edvt.node.cli.beacon;

import java.nio.file.Path;
import java.util.List;

/**
 * The command line ethereum-package's Teku launcher ({@code src/cl/teku/teku_launcher.star})
 * gives a beacon node, flag for flag and in its order: a local devnet (not a public network, so
 * {@code --network} is the generated config.yaml and {@code --genesis-state} its genesis.ssz), an
 * execution client, log level info, no checkpoint sync, a supernode, PeerDAS node keys, the
 * second participant (so one bootnode ENR), validators run in the beacon node with the key
 * manager enabled, and a gas limit. The container mounts ({@code /network-configs}, {@code /jwt},
 * ...) are the test resources of {@link DevnetFiles}; everything else is as the launcher writes it.
 */
final class EthereumPackageArgs {
  /** The first participant's ENR as it would be passed; EIP-778's example record. */
  static final String BOOTNODE_ENR = "enr:-IS4QHCYrYZbAKWCBRlAy5zzaDZXJBGkcnh4MHcBFZntXNFrdvJjX04jRzjzCBOonrkTfj499SZuOh8R33Ls8RRcy5wBgmlkgnY0gmlwhH8AAAGJc2VjcDI1NmsxoQPKY0yuDUmstAHYpMa2_oxVtw0RW_QAdpzBQA8yWM0xOIN1ZHCCdl8";
  static final String DATA_PATH = "/data/teku/teku-beacon-data";
  static final String EE_ENDPOINT = "http://el-2-geth-teku:8551";
  static final String ADVERTISED_IP = "172.16.0.12";
  static final String FEE_RECIPIENT = "0x8943545177806ED17B9F23F0a21ee5948eCaa776";

  private EthereumPackageArgs() {}

  static List<String> args() {
    Path root = DevnetFiles.root();
    String keys = root.resolve("validator-keys/node-0-keystores/teku-keys").toString();
    String secrets = root.resolve("validator-keys/node-0-keystores/teku-secrets").toString();
    return List.of(
        "beacon-node",
        "--network=" + root.resolve("network-configs") + "/config.yaml",
        "--data-path=" + DATA_PATH,
        "--data-storage-mode=ARCHIVE",
        "--p2p-enabled=true",
        "--p2p-peer-lower-bound=1",
        "--p2p-advertised-ip=" + ADVERTISED_IP,
        "--p2p-discovery-site-local-addresses-enabled=true",
        "--p2p-port=9000",
        "--rest-api-enabled=true",
        "--rest-api-docs-enabled=true",
        "--rest-api-interface=0.0.0.0",
        "--rest-api-port=4000",
        "--rest-api-host-allowlist=*",
        "--data-storage-non-canonical-blocks-enabled=true",
        "--metrics-enabled",
        "--metrics-interface=0.0.0.0",
        "--metrics-host-allowlist=*",
        "--metrics-categories=BEACON,PROCESS,LIBP2P,JVM,NETWORK,PROCESS",
        "--metrics-port=8008",
        "--ee-jwt-secret-file=" + root.resolve("jwt") + "/jwtsecret",
        "--ee-endpoint=" + EE_ENDPOINT,
        "--logging=INFO",
        "--log-destination=CONSOLE",
        "--Xp2p-private-key-file-secp256k1=" + root.resolve("peerdas-node-keys") + "/node-key-file-1",
        "--p2p-subscribe-all-custody-subnets-enabled=true",
        "--ignore-weak-subjectivity-period-enabled=true",
        "--genesis-state=" + root.resolve("network-configs") + "/genesis.ssz",
        "--p2p-discovery-bootnodes=" + BOOTNODE_ENR,
        "--validator-keys=" + keys + ":" + secrets,
        "--validators-proposer-default-fee-recipient=" + FEE_RECIPIENT,
        "--validator-api-enabled=true",
        "--validator-api-host-allowlist=*",
        "--validator-api-port=5056",
        "--validator-api-interface=0.0.0.0",
        "--validator-api-bearer-file=" + root.resolve("keymanager") + "/keymanager.txt",
        "--Xvalidator-api-ssl-enabled=false",
        "--Xvalidator-api-unsafe-hosts-enabled=true",
        "--validators-builder-registration-default-gas-limit=60000000");
  }
}
