package io.edvt.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.validator.slashing.Interchange;
import io.edvt.node.validator.slashing.SlashingProtection;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlashingProtectionCommandTest {
  @TempDir Path dir;

  @Test
  void exportsAndImportsThroughTheCommandLine() {
    Bytes32 gvr = Bytes32.fromHexStringLenient("0x77");
    var key = BlsSecretKey.interop(3).publicKey();
    try (SlashingProtection db = SlashingProtection.open(dir.resolve("a"), gvr)) {
      db.checkAndRecordAttestation(key, UInt64.valueOf(3), UInt64.valueOf(4), Bytes32.fromHexStringLenient("0x1"));
      db.checkAndRecordBlock(key, UInt64.valueOf(40), Bytes32.fromHexStringLenient("0x2"));
    }
    Path file = dir.resolve("out.json");
    Cli.Result export = Cli.run("slashing-protection", "export", "--data-path", dir.resolve("a"), "--file", file, "--format", "minimal");
    assertThat(export.exitCode()).as("%s", export).isZero();
    assertThat(Interchange.read(file).data().get(0).signedBlocks().get(0).slot()).isEqualTo(UInt64.valueOf(40));
    Cli.Result imported = Cli.run("slashing-protection", "import", "--data-path", dir.resolve("b"), "--file", file);
    assertThat(imported.outLines()).containsExactly("Imported 1 keys (1 blocks, 1 attestations) into " + dir.resolve("b").resolve(SlashingProtection.FILE));
    try (SlashingProtection db = SlashingProtection.open(dir.resolve("b"), gvr)) {
      assertThat(db.checkAndRecordBlock(key, UInt64.valueOf(40), Bytes32.fromHexStringLenient("0x3")).allowed()).isFalse();
    }
  }

  @Test
  void badInputIsOneLineNamingTheFile() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"metadata\": {\"interchange_format_version\": \"4\"}}");
    Cli.Result r = Cli.run("slashing-protection", "import", "--data-path", dir, "--file", file);
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.errLines()).containsExactly("edvt slashing-protection import: " + file + ": metadata.interchange_format_version '4' is not supported (5)");
    Cli.Result missing = Cli.run("slashing-protection", "export", "--data-path", dir.resolve("none"), "--file", file);
    assertThat(missing.errLines()).containsExactly("edvt slashing-protection export: " + dir.resolve("none").resolve(SlashingProtection.FILE) + ": no slashing-protection database here");
  }
}
