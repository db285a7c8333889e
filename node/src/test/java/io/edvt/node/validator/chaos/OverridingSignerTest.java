package io.edvt.node.validator.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.validator.Signer;
import io.edvt.node.validator.slashing.SlashingProtection;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.GenesisFulu;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Signer.overridingSlashingProtection}: the equivocator's signer signs what protection refuses; the node's own still refuses. */
class OverridingSignerTest {
  @TempDir Path dir;

  @Test
  void theOverridingSignerSignsADoubleVoteTheProtectedOneRefuses() {
    SpecVersions versions = new SpecVersions(EdvtConfig.load("minimal", Map.of("EDVT_FORK_EPOCH", "0")));
    BeaconState state = new GenesisFulu(versions.fulu()).interop(8, UInt64.ZERO, SpecConstants.ETH1_ADDRESS_WITHDRAWAL_PREFIX);
    BlsSecretKey secret = BlsSecretKey.interop(3);
    BlsPublicKey key = secret.publicKey();
    Checkpoint source = Checkpoint.create(UInt64.ZERO, Bytes32.ZERO);
    Checkpoint target = Checkpoint.create(UInt64.ONE, Bytes32.repeat((byte) 2));
    AttestationData first = AttestationData.create(UInt64.valueOf(9), UInt64.ZERO, Bytes32.repeat((byte) 1), source, target);
    AttestationData second = AttestationData.create(UInt64.valueOf(9), UInt64.ZERO, Bytes32.repeat((byte) 3), source, target);
    try (SlashingProtection protection = SlashingProtection.open(dir, state.genesisValidatorsRoot())) {
      Signer honest = new Signer(versions, protection, List.of(secret));
      Signer overriding = honest.overridingSlashingProtection();
      assertThat(honest.attestation(key, state, first)).isPresent();
      assertThat(honest.attestation(key, state, second)).as("a double vote").isEmpty();
      assertThat(overriding.attestation(key, state, second)).as("signed past the refusal").isPresent();
      assertThat(overriding.attestation(key, state, second)).isEqualTo(overriding.attestation(key, state, second));
      assertThat(honest.attestation(key, state, second)).as("the node's own signer is unchanged").isEmpty();
      assertThat(overriding.publicKeys()).isEqualTo(honest.publicKeys());
    }
  }
}
