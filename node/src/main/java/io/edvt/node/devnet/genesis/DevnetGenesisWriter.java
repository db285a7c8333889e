package io.edvt.node.devnet.genesis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.node.validator.keys.Keystore;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupRegistration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.tuweni.bytes.Bytes;

/**
 * Writes a devnet's files in ethereum-package's layout:
 *
 * <pre>
 * network-configs/config.yaml        DevnetConfigYaml
 * network-configs/genesis.ssz        DevnetGenesis.state()
 * network-configs/group-registrations.json   (EDVT after genesis) the signed registrations
 * validator-keys/node-&lt;i&gt;-keystores/teku-keys/0x&lt;pubkey&gt;.json, teku-secrets/0x&lt;pubkey&gt;.txt
 * validator-keys/group-owner-keystores/...   (EDVT at genesis) the group validators' own keys, on no node
 * jwt/jwtsecret                      0x + 32 random bytes in hex
 * devnet.json                        what is where: nodes, their validators and member keys, the groups
 * </pre>
 *
 * Keystores are EIP-2335 with PBKDF2 at {@link DevnetParameters#kdfIterations()} iterations and
 * one random password for the devnet.
 */
public final class DevnetGenesisWriter {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What was written, for the caller to print and the runner to start nodes from. */
  public record Written(Path out, Path configYaml, Path genesisSsz, List<Path> nodeKeystores, Path jwtSecret,
      Path manifest, int registrations) {
    public Path keys(int node) {
      return nodeKeystores.get(node).resolve("teku-keys");
    }

    public Path secrets(int node) {
      return nodeKeystores.get(node).resolve("teku-secrets");
    }
  }

  private DevnetGenesisWriter() {}

  /** Writes the files; the genesis is built with the config as read back from the written config.yaml. */
  public static Written write(Path out, DevnetParameters p) {
    return write(out, p, Optional.empty());
  }

  /**
   * Writes the files with the genesis state's execution header from {@code execution}'s block 0
   * when given ({@link DevnetGenesis}), the interop header otherwise.
   */
  public static Written write(Path out, DevnetParameters p, Optional<ExecutionGenesisBlock> execution) {
    try {
      return writeFiles(out, p, execution);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Written writeFiles(Path out, DevnetParameters p, Optional<ExecutionGenesisBlock> execution)
      throws IOException {
    Path configs = Files.createDirectories(out.resolve("network-configs"));
    Path configYaml = configs.resolve("config.yaml");
    Files.writeString(configYaml, DevnetConfigYaml.text(p));
    SpecVersions versions = new SpecVersions(EdvtConfig.load(configYaml));
    DevnetGenesis genesis = new DevnetGenesis(versions, p, execution);
    DevnetKeys keys = genesis.keys();
    BeaconState state = genesis.state();
    Path genesisSsz = configs.resolve("genesis.ssz");
    Files.write(genesisSsz, state.serialize());

    int registrations = 0;
    if (!p.edvtAtGenesis() && p.groups() > 0) {
      ArrayNode list = JSON.createArrayNode();
      for (SignedGroupRegistration r : genesis.registrations(state.genesisValidatorsRoot())) {
        ObjectNode o = list.addObject();
        ObjectNode message = o.putObject("message");
        message.put("validator_index", r.message().validatorIndex().toString());
        message.put("threshold", r.message().threshold().toString());
        ArrayNode pubkeys = message.putArray("pubkeys");
        r.message().pubkeys().forEach(k -> pubkeys.add(k.toHexString()));
        ArrayNode proofs = message.putArray("proofs_of_possession");
        r.message().proofsOfPossession().forEach(s -> proofs.add(s.toHexString()));
        o.put("signature", r.signature().toHexString());
        o.put("ssz", Bytes.wrap(r.serialize()).toHexString());
        registrations++;
      }
      Files.writeString(configs.resolve("group-registrations.json"), JSON.writeValueAsString(list));
    }

    String password = HexFormat.of().formatHex(randomBytes(16));
    Path validatorKeys = out.resolve("validator-keys");
    List<Path> nodeDirs = new ArrayList<>();
    List<List<KeyEntry>> perNode = new ArrayList<>();
    for (int i = 0; i < p.nodes(); i++) {
      nodeDirs.add(validatorKeys.resolve("node-" + i + "-keystores"));
      perNode.add(new ArrayList<>());
    }
    List<KeyEntry> owners = new ArrayList<>();
    for (int v = 0; v < p.validators(); v++) {
      int node = keys.nodeOfValidator(v);
      KeyEntry e = new KeyEntry(keys.validatorKey(v), "validator " + v);
      (node < 0 ? owners : perNode.get(node)).add(e);
    }
    for (int g = 0; g < p.groups(); g++) {
      for (int j = 0; j < p.groupSize(); j++) {
        perNode.get(keys.nodeOfMember(g, j)).add(new KeyEntry(keys.memberKey(g, j),
            "member " + j + " of group " + g + " (validator " + keys.groupValidator(g) + ")"));
      }
    }
    for (int i = 0; i < p.nodes(); i++) {
      writeKeystores(nodeDirs.get(i), perNode.get(i), password, p.kdfIterations());
    }
    if (!owners.isEmpty()) {
      writeKeystores(validatorKeys.resolve("group-owner-keystores"), owners, password, p.kdfIterations());
    }

    Path jwt = Files.createDirectories(out.resolve("jwt")).resolve("jwtsecret");
    Files.writeString(jwt, "0x" + HexFormat.of().formatHex(randomBytes(32)));

    Path manifest = out.resolve("devnet.json");
    Files.writeString(manifest, JSON.writeValueAsString(manifest(p, keys, genesis, state, perNode, nodeDirs, out)));
    return new Written(out, configYaml, genesisSsz, List.copyOf(nodeDirs), jwt, manifest, registrations);
  }

  private record KeyEntry(BlsSecretKey key, String role) {}

  private static void writeKeystores(Path dir, List<KeyEntry> entries, String password, int iterations)
      throws IOException {
    Path keysDir = Files.createDirectories(dir.resolve("teku-keys"));
    Path secretsDir = Files.createDirectories(dir.resolve("teku-secrets"));
    // PBKDF2 and the public keys in parallel: a few hundred keys stay well under a second
    IntStream.range(0, entries.size()).parallel().forEach(i -> {
      BlsSecretKey key = entries.get(i).key();
      String name = key.publicKey().toBytes().toHexString();
      Path file = keysDir.resolve(name + ".json");
      Keystore keystore = Keystore.encrypt(file, key, password, Keystore.pbkdf2(iterations), "");
      try {
        Files.writeString(file, keystore.toJson());
        Files.writeString(secretsDir.resolve(name + ".txt"), password);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static ObjectNode manifest(DevnetParameters p, DevnetKeys keys, DevnetGenesis genesis, BeaconState state,
      List<List<KeyEntry>> perNode, List<Path> nodeDirs, Path out) {
    ObjectNode root = JSON.createObjectNode();
    root.put("validators", p.validators());
    root.put("nodes", p.nodes());
    root.put("member_nodes", p.memberNodes());
    root.put("slot_ms", p.slotMs());
    root.put("edvt_fork_epoch", p.edvtForkEpoch());
    root.put("genesis_time", p.genesisTime());
    root.put("genesis_validators_root", state.genesisValidatorsRoot().toHexString());
    // the execution chain the genesis starts on: an execution client's block 0, or the embedded engine's interop block
    root.put("execution_genesis_block_hash", state.latestExecutionPayloadHeader().blockHash().toHexString());
    root.put("kdf", "pbkdf2, c=" + p.kdfIterations());
    root.put("groups_at_genesis", p.edvtAtGenesis() && p.groups() > 0);
    ArrayNode groups = root.putArray("groups");
    for (int g = 0; g < p.groups(); g++) {
      ObjectNode o = groups.addObject();
      o.put("validator_index", keys.groupValidator(g));
      o.put("threshold", p.threshold());
      o.put("balance_gwei", p.groupBalanceGwei());
      ArrayNode members = o.putArray("members");
      for (int j = 0; j < p.groupSize(); j++) {
        members.addObject().put("member_index", j)
            .put("pubkey", genesis.memberPubkeys(g).get(j).toHexString())
            .put("node", keys.nodeOfMember(g, j));
      }
    }
    ArrayNode nodes = root.putArray("nodes");
    for (int i = 0; i < p.nodes(); i++) {
      ObjectNode o = nodes.addObject();
      o.put("name", "node-" + i);
      o.put("keystores", out.relativize(nodeDirs.get(i)).toString());
      ArrayNode roles = o.putArray("keys");
      perNode.get(i).forEach(e -> roles.add(e.role()));
    }
    return root;
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
