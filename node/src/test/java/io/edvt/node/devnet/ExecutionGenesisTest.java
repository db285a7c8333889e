package io.edvt.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.edvt.infrastructure.unsigned.UInt256;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.cli.Cli;
import io.edvt.node.devnet.genesis.DevnetGenesis;
import io.edvt.node.devnet.genesis.DevnetParameters;
import io.edvt.node.devnet.genesis.ExecutionGenesisBlock;
import io.edvt.node.devnet.genesis.ExecutionGenesisReader;
import io.edvt.node.execution.http.JwtSecret;
import io.edvt.spec.datastructures.execution.ExecutionPayloadHeader;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.logic.versions.fulu.GenesisFulu;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An execution client's block 0 as the devnet's genesis: its fields in the genesis state's
 * {@code latest_execution_payload_header}, and one-line errors for blocks that cannot be a
 * genesis, for files and for endpoints that do not answer with one (a loopback HTTP server plays
 * the endpoint; {@code DevnetExecutionIT} reads a real ethereumjs).
 */
class ExecutionGenesisTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SpecVersions VERSIONS = new SpecVersions(EdvtConfig.load("minimal"));

  @TempDir Path tmp;

  private HttpServer server;

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static ObjectNode answer() throws IOException {
    try (InputStream in = ExecutionGenesisTest.class.getResourceAsStream("/io/edvt/node/devnet/execution-genesis-block.json")) {
      return (ObjectNode) JSON.readTree(in);
    }
  }

  private static ObjectNode block() throws IOException {
    return (ObjectNode) answer().get("result");
  }

  private static String problem(JsonNode block) {
    try {
      ExecutionGenesisBlock.parse(block);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    throw new AssertionError("parsed: " + block);
  }

  @Test
  void everyHeaderFieldComesFromTheBlockAndTheListRootsAreTheEmptySszLists() throws Exception {
    ExecutionPayloadHeader header = ExecutionGenesisBlock.parse(block()).header(VERSIONS.fulu());

    assertThat(header.blockHash()).isEqualTo(Bytes32.fromHexString("0x" + "b1".repeat(32)));
    assertThat(header.parentHash()).isEqualTo(Bytes32.fromHexString("0x" + "a0".repeat(32)));
    assertThat(header.feeRecipient()).isEqualTo(Bytes.fromHexString("0x" + "fe".repeat(20)));
    assertThat(header.stateRoot()).isEqualTo(Bytes32.fromHexString("0x" + "5e".repeat(32)));
    assertThat(header.receiptsRoot()).isEqualTo(Bytes32.fromHexString("0x" + "7c".repeat(32)));
    assertThat(header.logsBloom()).isEqualTo(Bytes.fromHexString("0x" + "00".repeat(255) + "07"));
    assertThat(header.prevRandao()).as("mixHash").isEqualTo(Bytes32.fromHexString("0x" + "3a".repeat(32)));
    assertThat(header.blockNumber()).isEqualTo(UInt64.ZERO);
    assertThat(header.gasLimit()).isEqualTo(UInt64.valueOf(30_000_000));
    assertThat(header.gasUsed()).isEqualTo(UInt64.valueOf(5));
    assertThat(header.timestamp()).isEqualTo(UInt64.valueOf(0x6553f100L));
    assertThat(header.extraData()).isEqualTo(Bytes.wrap("edvt".getBytes(StandardCharsets.US_ASCII)));
    assertThat(header.baseFeePerGas()).isEqualTo(UInt256.valueOf(1_000_000_000L));
    assertThat(header.blobGasUsed()).isEqualTo(UInt64.valueOf(0x20000));
    assertThat(header.excessBlobGas()).isEqualTo(UInt64.valueOf(0x40000));
    // the block's trie roots are not the header's: those are the SSZ roots of the empty lists
    ExecutionPayloadHeader interop = new GenesisFulu(VERSIONS.fulu()).executionPayloadHeader(Bytes32.ZERO, UInt64.ZERO);
    assertThat(header.transactionsRoot()).isEqualTo(interop.transactionsRoot())
        .isNotEqualTo(ExecutionGenesisBlock.EMPTY_TRIE_ROOT);
    assertThat(header.withdrawalsRoot()).isEqualTo(interop.withdrawalsRoot())
        .isNotEqualTo(ExecutionGenesisBlock.EMPTY_TRIE_ROOT);
  }

  @Test
  void theDevnetGenesisStateCarriesTheHeaderAndSeedsItsRandaoWithTheBlockHash() throws Exception {
    ExecutionGenesisBlock block = ExecutionGenesisBlock.parse(block());
    DevnetParameters p = new DevnetParameters(8, 2, 1, 2, 2, 64_000_000_000L, 2000, 0, 0x6553f200L, 16);
    BeaconState state = new DevnetGenesis(VERSIONS, p, Optional.of(block)).state();

    assertThat(state.latestExecutionPayloadHeader()).isEqualTo(block.header(VERSIONS.fulu()));
    assertThat(state.eth1Data().blockHash()).isEqualTo(block.blockHash());
    BeaconState interop = new DevnetGenesis(VERSIONS, p).state();
    assertThat(interop.latestExecutionPayloadHeader().blockHash()).isEqualTo(GenesisFulu.INTEROP_ETH1_BLOCK_HASH);
  }

  @Test
  void blocksThatCannotBeAGenesisAreOneLineNamingTheField() throws Exception {
    ObjectNode noStateRoot = block();
    noStateRoot.remove("stateRoot");
    assertThat(problem(noStateRoot)).isEqualTo("block 0: stateRoot: missing");

    ObjectNode one = block().put("number", "0x1");
    assertThat(problem(one)).isEqualTo("block 0: number is 1, not 0: ask for \"0x0\"");

    ObjectNode prague = block();
    prague.remove("excessBlobGas");
    assertThat(problem(prague)).isEqualTo("block 0: excessBlobGas: missing (the execution genesis must have Cancun or "
        + "later from block 0; the consensus genesis is Fulu)");

    ObjectNode withTransactions = block();
    ((ArrayNode) withTransactions.get("transactions")).add("0x" + "11".repeat(32));
    assertThat(problem(withTransactions)).isEqualTo("block 0: has 1 transaction(s); a genesis block has none");

    ObjectNode withWithdrawals = block().put("withdrawalsRoot", "0x" + "22".repeat(32));
    assertThat(problem(withWithdrawals)).isEqualTo("block 0: withdrawalsRoot is 0x" + "22".repeat(32)
        + ", not the empty trie's root: a genesis block with withdrawals cannot be the start of a consensus genesis");

    assertThat(problem(block().put("miner", "0xfefe"))).isEqualTo("block 0: miner: DATA must have 20 bytes, got 2");
    assertThat(problem(block().put("gasLimit", "30000000"))).isEqualTo(
        "block 0: gasLimit: QUANTITY must be 0x followed by hex digits, got \"30000000\"");
    assertThat(problem(block().put("extraData", "0x" + "ee".repeat(33))))
        .isEqualTo("block 0: extraData: DATA must have at most 32 bytes, got 33");
    assertThat(problem(JSON.nullNode())).isEqualTo("no block 0 (the answer's result is null)");
  }

  @Test
  void aSavedAnswerOrBareBlockIsReadAndBadFilesAreOneLine() throws Exception {
    Path whole = Files.writeString(tmp.resolve("answer.json"), answer().toString());
    Path bare = Files.writeString(tmp.resolve("block.json"), block().toString());
    assertThat(ExecutionGenesisReader.fromFile(whole)).isEqualTo(ExecutionGenesisReader.fromFile(bare))
        .isEqualTo(ExecutionGenesisBlock.parse(block()));

    Path missing = tmp.resolve("nothing.json");
    assertThatThrownBy(() -> ExecutionGenesisReader.fromFile(missing)).hasMessage(missing + ": no such file");
    Path text = Files.writeString(tmp.resolve("text.json"), "block zero");
    assertThatThrownBy(() -> ExecutionGenesisReader.fromFile(text)).hasMessageStartingWith(text + ": not JSON: ");
    Path empty = Files.writeString(tmp.resolve("null.json"), "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}");
    assertThatThrownBy(() -> ExecutionGenesisReader.fromFile(empty))
        .hasMessage(empty + ": no block 0 (the answer's result is null)");
  }

  @Test
  void anEndpointIsAskedForBlock0WithAJwtWhenGivenAndItsFailuresAreOneLine() throws Exception {
    AtomicReference<String> authorization = new AtomicReference<>();
    AtomicReference<String> request = new AtomicReference<>();
    AtomicReference<String> reply = new AtomicReference<>(answer().toString());
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
      request.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      String body = reply.get();
      int status = body.startsWith("401") ? 401 : 200;
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());

    assertThat(ExecutionGenesisReader.fromEndpoint(endpoint, Optional.empty())).isEqualTo(ExecutionGenesisBlock.parse(block()));
    assertThat(JSON.readTree(request.get()).get("method").asText()).isEqualTo("eth_getBlockByNumber");
    assertThat(JSON.readTree(request.get()).get("params").toString()).isEqualTo("[\"0x0\",false]");
    assertThat(authorization.get()).isNull();
    ExecutionGenesisReader.fromEndpoint(endpoint, Optional.of(JwtSecret.random()));
    assertThat(authorization.get()).startsWith("Bearer ey");
    // edvt genesis on the Engine API port: the given secret is the one its nodes get, not a random one
    JwtSecret given = JwtSecret.random();
    Path secretFile = Files.writeString(tmp.resolve("given-jwt.hex"), given.toHex());
    Cli.Result written = Cli.run("genesis", "--out", tmp.resolve("with-secret"), "--validators", "16", "--nodes", "1",
        "--groups", "0", "--kdf-iterations", "16", "--execution-genesis-endpoint", endpoint.toString(),
        "--ee-jwt-secret-file", secretFile);
    assertThat(written.exitCode()).as(written.err()).isZero();
    assertThat(authorization.get()).startsWith("Bearer ey");
    assertThat(Files.readString(tmp.resolve("with-secret/jwt/jwtsecret"))).isEqualTo(given.toHex());

    String where = endpoint + ": eth_getBlockByNumber(\"0x0\")";
    reply.set("401 Unauthorized");
    assertThatThrownBy(() -> ExecutionGenesisReader.fromEndpoint(endpoint, Optional.empty())).hasMessage(where
        + ": HTTP 401, the JWT was missing (the Engine API port needs --ee-jwt-secret-file; the --rpc port does not)");
    reply.set("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32601,\"message\":\"method not found\"}}");
    assertThatThrownBy(() -> ExecutionGenesisReader.fromEndpoint(endpoint, Optional.empty()))
        .hasMessage(where + ": JSON-RPC error -32601: method not found");
    ObjectNode noHash = answer();
    ((ObjectNode) noHash.get("result")).remove("hash");
    reply.set(noHash.toString());
    assertThatThrownBy(() -> ExecutionGenesisReader.fromEndpoint(endpoint, Optional.empty()))
        .hasMessage(where + ": block 0: hash: missing");
    reply.set("<html>not here</html>");
    assertThatThrownBy(() -> ExecutionGenesisReader.fromEndpoint(endpoint, Optional.empty()))
        .hasMessage(where + ": HTTP 200, not JSON: <html>not here</html>");

    URI closed = URI.create("http://127.0.0.1:" + closedPort());
    assertThatThrownBy(() -> ExecutionGenesisReader.fromEndpoint(closed, Optional.empty()))
        .hasMessage(closed + ": eth_getBlockByNumber(\"0x0\"): unreachable (connection refused)");
  }

  @Test
  void theDevnetRefusesAWrongCountOfEndpointsAMissingSecretAnUnreachableOneAndMixedModes() throws Exception {
    Path jar = Files.writeString(tmp.resolve("edvt.jar"), "not started");
    Path secret = Files.writeString(tmp.resolve("jwt.hex"), JwtSecret.random().toHex());
    String one = "http://127.0.0.1:" + closedPort();
    String two = "http://127.0.0.1:" + closedPort();

    Cli.Result count = Cli.run("devnet", "--node-jar", jar, "--dir", tmp.resolve("a"), "--nodes", 2, "--validators", 8,
        "--ee-endpoints", one, "--ee-jwt-secret-file", secret);
    assertThat(count.exitCode()).isEqualTo(2);
    assertThat(count.errLines()).contains("edvt devnet: --ee-endpoints: 1 endpoint(s) for 2 node(s); give one per node, in node order");

    Cli.Result noSecret = Cli.run("devnet", "--node-jar", jar, "--dir", tmp.resolve("b"), "--nodes", 2, "--validators", 8,
        "--ee-endpoints", one + "," + two);
    assertThat(noSecret.errLines()).contains(
        "edvt devnet: --ee-endpoints needs --ee-jwt-secret-file (the Engine API is authenticated)");

    Cli.Result down = Cli.run("devnet", "--node-jar", jar, "--dir", tmp.resolve("c"), "--nodes", 2, "--validators", 8,
        "--ee-endpoints", one + "," + two, "--ee-jwt-secret-file", secret);
    assertThat(down.exitCode()).isEqualTo(2);
    assertThat(down.errLines()).contains(
        "edvt devnet: --ee-endpoints " + one + ": eth_getBlockByNumber(\"0x0\"): unreachable (connection refused)");
    assertThat(tmp.resolve("c")).doesNotExist();

    Cli.Result both = Cli.run("devnet", "--node-jar", jar, "--dir", tmp.resolve("d"), "--nodes", 2, "--validators", 8,
        "--execution=ethereumjs", "--ee-endpoints", one + "," + two, "--ee-jwt-secret-file", secret);
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.errLines()).contains("edvt devnet: --execution=ethereumjs starts its own execution clients; "
        + "--ee-endpoints and --ee-jwt-secret-file name running ones: give one or the other");
    Cli.Result dirAlone = Cli.run("devnet", "--node-jar", jar, "--dir", tmp.resolve("e"), "--nodes", 2, "--validators", 8,
        "--ethereumjs-dir", tmp);
    assertThat(dirAlone.errLines()).contains("edvt devnet: --ethereumjs-dir is only used with --execution=ethereumjs");
    assertThat(tmp.resolve("d")).doesNotExist();

    Cli.Result genesis = Cli.run("genesis", "--out", tmp.resolve("g"), "--execution-genesis-endpoint", one);
    assertThat(genesis.exitCode()).isEqualTo(2);
    assertThat(genesis.errLines()).contains(
        "edvt genesis: --execution-genesis-endpoint " + one + ": eth_getBlockByNumber(\"0x0\"): unreachable (connection refused)");
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
