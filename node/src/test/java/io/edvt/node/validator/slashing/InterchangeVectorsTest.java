package io.edvt.node.validator.slashing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.unsigned.UInt64;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The EIP-3076 interchange tests (eth-clients/slashing-protection-interchange-tests v5.3.0, its
 * {@code tests/generated} copied to test resources), run against our database with the "complete"
 * strategy's expectations ({@code should_succeed_complete} where given).
 */
class InterchangeVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path temp;

  @TestFactory
  Stream<DynamicTest> interchangeTests() throws IOException, URISyntaxException {
    Path dir = Path.of(getClass().getResource("/slashing-interchange-tests").toURI());
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).hasSize(38);
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> run(f)));
  }

  private void run(Path file) throws IOException {
    JsonNode test;
    try (InputStream in = Files.newInputStream(file)) {
      test = JSON.readTree(in);
    }
    Path dataPath = temp.resolve(test.get("name").asText());
    Bytes32 gvr = Bytes32.fromHexString(test.get("genesis_validators_root").asText());
    try (SlashingProtection db = SlashingProtection.open(dataPath, gvr)) {
      for (JsonNode step : test.get("steps")) {
        boolean imported;
        try {
          db.importInterchange(Interchange.parse(file, step.get("interchange")), file);
          imported = true;
        } catch (SlashingProtectionException e) {
          imported = false;
          assertThat(e.getMessage()).startsWith(file.toString());
        }
        assertThat(imported).as("import of step of %s", file.getFileName()).isEqualTo(step.get("should_succeed").asBoolean());
        if (!imported) {
          return;
        }
        for (JsonNode b : step.get("blocks")) {
          Decision d = db.checkAndRecordBlock(key(b), UInt64.valueOf(b.get("slot").asText()), root(b));
          assertThat(d.allowed()).as("block %s: %s", b, d).isEqualTo(expected(b));
        }
        for (JsonNode a : step.get("attestations")) {
          Decision d = db.checkAndRecordAttestation(key(a), UInt64.valueOf(a.get("source_epoch").asText()),
              UInt64.valueOf(a.get("target_epoch").asText()), root(a));
          assertThat(d.allowed()).as("attestation %s: %s", a, d).isEqualTo(expected(a));
        }
      }
    }
  }

  private static boolean expected(JsonNode check) {
    return check.has("should_succeed_complete") ? check.get("should_succeed_complete").asBoolean() : check.get("should_succeed").asBoolean();
  }

  private static BlsPublicKey key(JsonNode check) {
    return BlsPublicKey.fromBytes(Bytes.fromHexString(check.get("pubkey").asText()));
  }

  private static Bytes32 root(JsonNode check) {
    return check.hasNonNull("signing_root") ? Bytes32.fromHexString(check.get("signing_root").asText()) : Bytes32.ZERO;
  }
}
