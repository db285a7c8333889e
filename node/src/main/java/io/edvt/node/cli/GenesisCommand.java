package io.edvt.node.cli;

import io.edvt.node.cli.beacon.Converters;
import io.edvt.node.devnet.genesis.DevnetGenesisWriter;
import io.edvt.node.devnet.genesis.DevnetParameters;
import io.edvt.node.devnet.genesis.ExecutionGenesisBlock;
import io.edvt.node.devnet.genesis.ExecutionGenesisReader;
import io.edvt.node.execution.http.JwtSecret;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edvt genesis}: a devnet's config, interop genesis state (with the groups when EDVT is at
 * genesis), keystores per node and JWT secret, in ethereum-package's layout
 * ({@link DevnetGenesisWriter}).
 */
@Command(name = "genesis", sortOptions = false,
    description = "Write a devnet's files in ethereum-package's layout: network-configs/{config.yaml,genesis.ssz}, "
        + "validator-keys/node-<i>-keystores/{teku-keys,teku-secrets}, jwt/jwtsecret and devnet.json (what is "
        + "where). The config is the minimal preset with every fork up to Fulu at genesis. With "
        + "--edvt-fork-epoch 0 the genesis state is EDVT with the groups in force from slot 0 (written "
        + "directly, as the spec has no EDVT genesis); with a later epoch the groups come as signed "
        + "registrations in network-configs/group-registrations.json. Keys are the interop keys (public): "
        + "devnets only.")
public final class GenesisCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private DevnetFlags devnet;

  @Option(names = "--out", required = true, paramLabel = "<DIR>",
      description = "The folder to write into; it must not hold a devnet already.")
  private Path out;

  @Option(names = "--genesis-time", paramLabel = "<UNIX_SECONDS>",
      description = "The genesis time. Default: now + --genesis-delay.")
  private Long genesisTime;

  @Option(names = "--genesis-delay", defaultValue = "30", paramLabel = "<SECONDS>",
      description = "Seconds from now to genesis when --genesis-time is not given. Default: ${DEFAULT-VALUE}.")
  private long genesisDelay;

  @Option(names = "--execution-genesis-endpoint", paramLabel = "<URL>", converter = Converters.HttpUrl.class,
      description = "Start on this execution client's chain: its block 0 (eth_getBlockByNumber(\"0x0\") at this JSON-RPC "
          + "endpoint, e.g. ethereumjs' --rpc port http://127.0.0.1:8545, or the Engine API port with "
          + "--ee-jwt-secret-file) becomes the genesis state's latest_execution_payload_header. Default: the "
          + "embedded engine's interop block.")
  private URI executionGenesisEndpoint;

  @Option(names = "--execution-genesis-block", paramLabel = "<FILE>",
      description = "As --execution-genesis-endpoint, from that answer saved in a file (the block object or the whole "
          + "JSON-RPC answer).")
  private Path executionGenesisBlock;

  @Option(names = "--ee-jwt-secret-file", paramLabel = "<FILENAME>",
      description = "The JWT secret (32 bytes in hex) for an --execution-genesis-endpoint that is an Engine API port; "
          + "written as jwt/jwtsecret for the nodes instead of a random one.")
  private Path jwtSecretFile;

  @Override
  public Integer call() throws IOException {
    long time = genesisTime != null ? genesisTime : Instant.now().getEpochSecond() + genesisDelay;
    DevnetParameters p = devnet.parameters(time);
    if (!DevnetFlags.check(p, spec)) {
      return ExitCodes.USAGE;
    }
    if (Files.exists(out.resolve("network-configs")) || Files.exists(out.resolve("validator-keys"))) {
      throw new InputException("--out " + out + ": already holds a devnet (network-configs/ or validator-keys/); "
          + "remove it or choose another folder");
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new InputException("--out " + out + ": is a file, not a folder");
    }
    Optional<ExecutionGenesisBlock> execution = executionGenesis();
    Optional<String> timing = execution.flatMap(e -> e.timingProblem(p.genesisTime()));
    if (timing.isPresent()) {
      throw new InputException((executionGenesisBlock != null ? "--execution-genesis-block: " : "--execution-genesis-endpoint: ")
          + timing.get());
    }
    long start = System.nanoTime();
    DevnetGenesisWriter.Written w = DevnetGenesisWriter.write(out, p, execution);
    if (jwtSecretFile != null) {
      // the nodes of this genesis talk to the execution client whose secret was given: jwt/jwtsecret is that one
      Files.writeString(w.jwtSecret(), JwtSecret.read(jwtSecretFile).toHex());
    }
    PrintWriter o = spec.commandLine().getOut();
    o.printf("Wrote a devnet of %d validators (%d group%s of %d, threshold %d) for %d node%s into %s in %d ms%n",
        p.validators(), p.groups(), p.groups() == 1 ? "" : "s", p.groupSize(), p.threshold(), p.nodes(),
        p.nodes() == 1 ? "" : "s", out, (System.nanoTime() - start) / 1_000_000);
    o.printf("  config:  %s%n  genesis: %s (%s at genesis, genesis time %d)%n", w.configYaml(), w.genesisSsz(),
        p.edvtAtGenesis() ? "edvt" : "fulu", p.genesisTime());
    execution.ifPresent(e -> o.printf("  execution genesis: block 0 %s (timestamp %s); run each node with --ee-endpoint of "
        + "an execution client on that chain%n", e.blockHash(), e.timestamp()));
    for (int i = 0; i < p.nodes(); i++) {
      o.printf("  node-%d:  --validator-keys=%s:%s (%d keys)%n", i, w.keys(i), w.secrets(i), count(w.keys(i)));
    }
    if (w.registrations() > 0) {
      o.printf("  %d signed group registration(s) in %s: to be included in blocks from epoch %d on "
          + "(no node submits them yet)%n", w.registrations(), w.configYaml().resolveSibling("group-registrations.json"),
          p.edvtForkEpoch());
    }
    o.printf("  jwt:     %s%n  what is where: %s%n", w.jwtSecret(), w.manifest());
    return ExitCodes.OK;
  }

  /** The execution client's block 0 of {@code --execution-genesis-*}, or empty for the interop block. */
  private Optional<ExecutionGenesisBlock> executionGenesis() {
    if (executionGenesisEndpoint != null && executionGenesisBlock != null) {
      throw new InputException("--execution-genesis-endpoint and --execution-genesis-block: give one, not both");
    }
    if (jwtSecretFile != null && executionGenesisEndpoint == null) {
      throw new InputException("--ee-jwt-secret-file " + jwtSecretFile + " is only used with --execution-genesis-endpoint");
    }
    try {
      if (executionGenesisBlock != null) {
        return Optional.of(ExecutionGenesisReader.fromFile(executionGenesisBlock));
      }
      if (executionGenesisEndpoint == null) {
        return Optional.empty();
      }
      Optional<JwtSecret> secret = Optional.empty();
      if (jwtSecretFile != null) {
        try {
          secret = Optional.of(JwtSecret.read(jwtSecretFile));
        } catch (IllegalArgumentException e) {
          throw new InputException("--ee-jwt-secret-file " + e.getMessage(), e);
        }
      }
      return Optional.of(ExecutionGenesisReader.fromEndpoint(executionGenesisEndpoint, secret));
    } catch (IllegalArgumentException e) {
      String flag = executionGenesisBlock != null ? "--execution-genesis-block" : "--execution-genesis-endpoint";
      throw new InputException(flag + " " + e.getMessage(), e);
    }
  }

  private static long count(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(f -> f.toString().endsWith(".json")).count();
    }
  }
}
