package io.edvt.reftests.generator;

import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.crypto.bls.BlsSignature;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;

/** Signatures by group members: the aggregate of the members' signatures, and the signer bits naming them. */
final class GroupSigning {
  private GroupSigning() {}

  /** The aggregate signature of {@code keys} over {@code root}. */
  static Bytes sign(List<BlsSecretKey> keys, Bytes32 root) {
    List<BlsSignature> signatures = new ArrayList<>();
    for (BlsSecretKey key : keys) {
      signatures.add(Bls.sign(key, root));
    }
    return Bls.aggregate(signatures).toBytes();
  }

  /** The fixtures' keys of {@code validator}'s members {@code members}. */
  static List<BlsSecretKey> memberKeys(int validator, int... members) {
    List<BlsSecretKey> keys = new ArrayList<>();
    for (int j : members) {
      keys.add(EdvtFixtures.memberKey(validator, j));
    }
    return keys;
  }

  /** {@code SignerBits} with {@code members} set. */
  static SszBits signerBits(SpecConfig config, int... members) {
    return SszBits.withSet(SpecConfigEdvt.of(config).maxGroupSize(), members);
  }
}
