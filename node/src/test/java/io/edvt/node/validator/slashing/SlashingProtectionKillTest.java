package io.edvt.node.validator.slashing;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsSignature;
import io.edvt.infrastructure.unsigned.UInt64;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL at random moments never leads to two conflicting signatures: a child JVM
 * ({@link SigningLoop}) signs conflicting messages through slashing protection and is killed several
 * times; afterwards every signature it released is valid, was recorded, and no two of one key are
 * slashable (EIP-3076's double proposal, double vote and surround). More kills:
 * {@code -Dedvt.slashing.kills=50}.
 */
class SlashingProtectionKillTest {
  @TempDir Path dir;

  record Released(String kind, int key, long a, long b, Bytes32 root) {}

  @Test
  void killedSignersNeverReleaseConflictingSignatures() throws Exception {
    int kills = Integer.getInteger("edvt.slashing.kills", 4);
    Random random = new Random(42);
    List<Released> released = new ArrayList<>();
    int refused = 0;
    for (int round = 0; round < kills; round++) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process child = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
          "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
          SigningLoop.class.getName(), dir.toString(), Long.toString(random.nextLong()), Integer.toString(round * 3))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      assertThat(reader.readLine()).isEqualTo("READY");
      long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200 + random.nextInt(800));
      Thread killer = Thread.ofVirtual().start(() -> {
        try {
          Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(killAt - System.nanoTime())));
        } catch (InterruptedException ignored) {
          // kill now
        }
        child.toHandle().destroyForcibly(); // SIGKILL on Linux (Process.destroyForcibly would also close our end of its output)
      });
      String line;
      while ((line = reader.readLine()) != null) {
        String[] f = line.split(" ");
        switch (f[0]) {
          case "R" -> refused++;
          case "A" -> {
            Released r = new Released("A", Integer.parseInt(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Bytes32.fromHexString(f[4]));
            checkSignature(r, f[5]);
            released.add(r);
          }
          case "B" -> {
            Released r = new Released("B", Integer.parseInt(f[1]), Long.parseLong(f[2]), 0, Bytes32.fromHexString(f[3]));
            checkSignature(r, f[4]);
            released.add(r);
          }
          default -> { } // a line cut by the kill
        }
      }
      killer.join();
      assertThat(child.waitFor()).isEqualTo(137); // 128 + SIGKILL
    }
    assertThat(released).hasSizeGreaterThan(10 * kills);
    assertThat(refused).isGreaterThan(10 * kills);
    assertNoneSlashable(released);
    // every released signature is in the database
    try (SlashingProtection db = SlashingProtection.open(dir, SigningLoop.GVR)) {
      Interchange all = db.export(true);
      Set<String> recorded = new HashSet<>();
      for (Interchange.KeyData k : all.data()) {
        int key = k.pubkey().equals(SigningLoop.KEYS.get(0).publicKey().toBytes()) ? 0 : 1;
        k.signedBlocks().forEach(b -> recorded.add("B" + key + " " + b.slot() + " " + b.signingRoot().orElseThrow()));
        k.signedAttestations().forEach(a -> recorded.add("A" + key + " " + a.sourceEpoch() + " " + a.targetEpoch() + " " + a.signingRoot().orElseThrow()));
      }
      for (Released r : released) {
        String id = r.kind().equals("B") ? "B" + r.key() + " " + r.a() + " " + r.root() : "A" + r.key() + " " + r.a() + " " + r.b() + " " + r.root();
        assertThat(recorded).contains(id);
      }
      // and the database still refuses what it refused before
      Released att = released.stream().filter(r -> r.kind().equals("A")).findFirst().orElseThrow();
      Bytes32 other = att.root().equals(Bytes32.fromHexStringLenient("0x1")) ? Bytes32.fromHexStringLenient("0x2") : Bytes32.fromHexStringLenient("0x1");
      assertThat(db.checkAndRecordAttestation(SigningLoop.KEYS.get(att.key()).publicKey(), UInt64.valueOf(att.a()), UInt64.valueOf(att.b()), other).allowed()).isFalse();
    }
  }

  private static void checkSignature(Released r, String signature) {
    assertThat(Bls.verify(SigningLoop.KEYS.get(r.key()).publicKey(), r.root(), BlsSignature.fromBytes(Bytes.fromHexString(signature)))).isTrue();
  }

  static void assertNoneSlashable(List<Released> released) {
    for (int i = 0; i < released.size(); i++) {
      for (int j = i + 1; j < released.size(); j++) {
        Released x = released.get(i);
        Released y = released.get(j);
        if (x.key() != y.key() || !x.kind().equals(y.kind())) {
          continue;
        }
        Optional<String> problem = Optional.empty();
        if (x.kind().equals("B") && x.a() == y.a() && !x.root().equals(y.root())) {
          problem = Optional.of("double proposal");
        }
        if (x.kind().equals("A")) {
          if (x.b() == y.b() && !x.root().equals(y.root())) {
            problem = Optional.of("double vote");
          } else if ((x.a() < y.a() && y.b() < x.b()) || (y.a() < x.a() && x.b() < y.b())) {
            problem = Optional.of("surround vote");
          }
        }
        assertThat(problem).as("%s and %s", x, y).isEmpty();
      }
    }
  }
}
