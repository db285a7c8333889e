package io.edvt.node.validator.slashing;

import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.unsigned.UInt64;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The child process of {@link SlashingProtectionKillTest}: signs conflicting blocks and attestations
 * with two keys as fast as it can, through slashing protection, and prints each released signature
 * ({@code A key source target root signature} / {@code B key slot root signature}) or {@code R} for
 * a refusal, until it is killed.
 */
public final class SigningLoop {
  static final Bytes32 GVR = Bytes32.fromHexStringLenient("0xabcd");
  static final List<BlsSecretKey> KEYS = List.of(BlsSecretKey.interop(0), BlsSecretKey.interop(1));

  public static void main(String[] args) {
    Path dataPath = Path.of(args[0]);
    Random random = new Random(Long.parseLong(args[1]));
    PrintStream out = System.out;
    try (SlashingProtection db = SlashingProtection.open(dataPath, GVR)) {
      out.println("READY");
      out.flush();
      long startEpoch = Long.parseLong(args[2]);
      for (long i = 0; ; i++) {
        int k = random.nextInt(KEYS.size());
        BlsSecretKey key = KEYS.get(k);
        Bytes32 root = Bytes32.fromHexStringLenient(Integer.toHexString(1 + random.nextInt(3)));
        if (random.nextInt(4) == 0) {
          long slot = Math.max(0, startEpoch * 4 + i / 3 + random.nextInt(5) - 2);
          Decision d = db.checkAndRecordBlock(key.publicKey(), UInt64.valueOf(slot), root);
          if (d.allowed()) {
            out.println("B " + k + " " + slot + " " + root.toHexString() + " " + Bls.sign(key, root).toBytes().toHexString());
          } else {
            out.println("R");
          }
        } else {
          long target = Math.max(0, startEpoch + i / 4 + random.nextInt(4) - 2);
          long source = Math.max(0, target - random.nextInt(4));
          Decision d = db.checkAndRecordAttestation(key.publicKey(), UInt64.valueOf(source), UInt64.valueOf(target), root);
          if (d.allowed()) {
            out.println("A " + k + " " + source + " " + target + " " + root.toHexString() + " " + Bls.sign(key, root).toBytes().toHexString());
          } else {
            out.println("R");
          }
        }
        out.flush();
      }
    }
  }
}
