package io.edvt.node.execution;

import static io.edvt.node.execution.EngineTesting.MAINNET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.node.execution.embedded.EmbeddedEngine;
import io.edvt.node.execution.http.HttpEngineApi;
import io.edvt.node.execution.http.JwtSecret;
import io.edvt.node.execution.http.JwtTokens;
import io.edvt.spec.datastructures.execution.ExecutionPayloadHeader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing the engine from the flags, the JWT secret file, and the tokens signed with it. */
class EngineSetupTest {
  private static final ExecutionPayloadHeader ANCHOR = MAINNET.executionPayloadHeader().defaultValue();
  private static final String SECRET_HEX = HexFormat.of().formatHex(range32());

  @TempDir
  Path dir;

  private static byte[] range32() {
    byte[] b = new byte[32];
    for (int i = 0; i < 32; i++) {
      b[i] = (byte) i;
    }
    return b;
  }

  @Test
  void tokensAreHs256OverTheIssueTimeAlone() {
    JwtTokens tokens = new JwtTokens(JwtSecret.fromHex(SECRET_HEX), InstantSource.fixed(Instant.ofEpochSecond(1_700_000_000)));
    // computed independently with Python's hmac and base64 modules
    assertThat(tokens.token()).isEqualTo("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3MDAwMDAwMDB9"
        + ".uAxdaUtr1_HpYPtNDLNlQ_sHMiP5eBV-ra8EjL3ScS8");
  }

  @Test
  void readsTheSecretAsExecutionClientsWriteIt() throws IOException {
    Path file = Files.writeString(dir.resolve("jwt.hex"), "0x" + SECRET_HEX + "\n");
    JwtSecret secret = JwtSecret.read(file);
    assertThat(secret.toHex()).isEqualTo(SECRET_HEX);
    assertThat(secret.toString()).doesNotContain(SECRET_HEX.substring(0, 8));
  }

  @Test
  void aSecretFileThatIsNotA256BitHexKeyFailsNamingTheFile() throws IOException {
    Path shortFile = Files.writeString(dir.resolve("short.hex"), "abcd");
    Path notHex = Files.writeString(dir.resolve("nothex.hex"), "zz" + SECRET_HEX.substring(2));
    assertThatThrownBy(() -> JwtSecret.read(shortFile))
        .hasMessage(shortFile + ": the JWT secret must be 64 hex digits (256 bits), found 4 characters");
    assertThatThrownBy(() -> JwtSecret.read(notHex))
        .hasMessage(notHex + ": the JWT secret must be 64 hex digits (256 bits): it has a non-hex character");
    assertThatThrownBy(() -> JwtSecret.read(dir.resolve("absent.hex")))
        .hasMessage(dir.resolve("absent.hex") + ": no such file");
  }

  @Test
  void withoutAnEndpointTheNodeRunsTheEmbeddedEngine() {
    assertThat(ExecutionEngines.create(EngineConfig.embedded(), MAINNET, ANCHOR, 6)).isInstanceOf(EmbeddedEngine.class);
  }

  @Test
  void anEndpointWithASecretIsAnExecutionClientOverHttp() throws IOException {
    Path file = Files.writeString(dir.resolve("jwt.hex"), SECRET_HEX);
    try (EngineApi engine = ExecutionEngines.create(EngineConfig.http(URI.create("http://127.0.0.1:8551"), file), MAINNET, ANCHOR, 6)) {
      assertThat(engine).isInstanceOfSatisfying(HttpEngineApi.class,
          http -> assertThat(http.endpoint()).isEqualTo(URI.create("http://127.0.0.1:8551")));
    }
  }

  @Test
  void inconsistentFlagsFailNamingTheFlag() throws IOException {
    Path file = Files.writeString(dir.resolve("jwt.hex"), SECRET_HEX);
    Path bad = Files.writeString(dir.resolve("bad.hex"), "12");
    URI endpoint = URI.create("http://127.0.0.1:8551");
    assertThatThrownBy(() -> ExecutionEngines.create(new EngineConfig(Optional.of(endpoint), Optional.empty()), MAINNET, ANCHOR, 6))
        .hasMessage("--ee-endpoint http://127.0.0.1:8551 needs --ee-jwt-secret-file: the Engine API accepts only JWT-authenticated requests");
    assertThatThrownBy(() -> ExecutionEngines.create(new EngineConfig(Optional.empty(), Optional.of(file)), MAINNET, ANCHOR, 6))
        .hasMessageStartingWith("--ee-jwt-secret-file is only used with --ee-endpoint");
    assertThatThrownBy(() -> ExecutionEngines.create(EngineConfig.http(URI.create("ws://127.0.0.1:8551"), file), MAINNET, ANCHOR, 6))
        .hasMessage("--ee-endpoint ws://127.0.0.1:8551: expected an http:// or https:// URL such as http://127.0.0.1:8551");
    assertThatThrownBy(() -> ExecutionEngines.create(EngineConfig.http(endpoint, bad), MAINNET, ANCHOR, 6))
        .hasMessage("--ee-jwt-secret-file " + bad + ": the JWT secret must be 64 hex digits (256 bits), found 2 characters");
  }

  @Test
  void embeddedBlobsPerBlockAreBoundedByTheForksMaximumAndNeedTheEmbeddedEngine() throws IOException {
    Path file = Files.writeString(dir.resolve("jwt.hex"), SECRET_HEX);
    assertThat(ExecutionEngines.create(new EngineConfig(Optional.empty(), Optional.empty(), 6), MAINNET, ANCHOR, 6))
        .isInstanceOf(EmbeddedEngine.class);
    assertThatThrownBy(() -> ExecutionEngines.create(new EngineConfig(Optional.empty(), Optional.empty(), 7), MAINNET, ANCHOR, 6))
        .hasMessage("--Xembedded-engine-blobs-per-block 7: at most the fork's max blobs per block, 6");
    assertThatThrownBy(() -> ExecutionEngines.create(
        new EngineConfig(Optional.of(URI.create("http://127.0.0.1:8551")), Optional.of(file), 1), MAINNET, ANCHOR, 6))
        .hasMessageStartingWith("--Xembedded-engine-blobs-per-block is for the embedded engine");
    assertThatThrownBy(() -> new EngineConfig(Optional.empty(), Optional.empty(), -1))
        .hasMessage("--Xembedded-engine-blobs-per-block -1: must not be negative");
  }
}
