package io.edvt.spec.logic.versions.fulu;

import static io.edvt.spec.logic.versions.fulu.FuluVectors.SPEC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.crypto.bls.BlsSignature;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import java.math.BigInteger;
import java.nio.file.Path;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

/** {@code process_attestation} beyond what one operation vector shows. */
class AttestationProcessingFuluTest {
  private final BlockProcessorFulu processor = SPEC.blockProcessor();

  private static Attestation attestation(Path dir) {
    return SPEC.schemas().attestation().deserialize(FuluVectors.ssz(dir, "attestation"));
  }

  @Test
  void aRepeatedAttestationEarnsNoSecondReward() {
    Path dir = FuluVectors.dir("operations/attestation/pyspec_tests/one_basic_attestation");
    BeaconState pre = FuluVectors.state(dir, "pre");
    Attestation attestation = attestation(dir);
    MutableBeaconState state = new MutableBeaconState(pre);
    int proposer = SPEC.accessors().getBeaconProposerIndex(state);
    UInt64 before = state.balances().get(proposer);

    processor.processAttestation(state, attestation, SignatureVerifier.SIMPLE);
    BeaconState once = state.commit();
    assertThat(once.hashTreeRoot()).isEqualTo(FuluVectors.state(dir, "post").hashTreeRoot());
    UInt64 afterFirst = state.balances().get(proposer);
    assertThat(afterFirst).as("the first inclusion rewards the proposer").isGreaterThan(before);

    // still valid, but every flag it could set is set: no flag changes, no reward
    processor.processAttestation(state, attestation, SignatureVerifier.SIMPLE);
    assertThat(state.balances().get(proposer)).isEqualTo(afterFirst);
    BeaconState twice = state.commit();
    assertThat(twice.currentEpochParticipation()).isEqualTo(once.currentEpochParticipation());
    assertThat(twice.previousEpochParticipation()).isEqualTo(once.previousEpochParticipation());
    assertThat(twice.hashTreeRoot()).isEqualTo(once.hashTreeRoot());
  }

  @Test
  void participationOfTheTargetEpochIsUpdatedSparselyThroughTheEditor() {
    Path dir = FuluVectors.dir("operations/attestation/pyspec_tests/one_basic_attestation");
    BeaconState pre = FuluVectors.state(dir, "pre");
    Attestation attestation = attestation(dir);
    MutableBeaconState state = new MutableBeaconState(pre);

    processor.processAttestation(state, attestation, SignatureVerifier.SIMPLE);

    int attesters = SPEC.accessors().getAttestingIndices(state, attestation).size();
    SszList<Integer> before = pre.currentEpochParticipation();
    SszList<Integer> after = state.commit().currentEpochParticipation();
    int changed = 0;
    for (int i = 0; i < before.size(); i++) {
      if (!before.get(i).equals(after.get(i))) {
        changed++;
        assertThat(SPEC.accessors().getAttestingIndices(state, attestation)).contains(i);
      }
    }
    assertThat(changed).isEqualTo(attesters).isPositive();
  }

  @Test
  void aWellFormedButWrongAggregateIsOnlyFoundWhenTheBatchIsChecked() {
    Path dir = FuluVectors.dir("operations/attestation/pyspec_tests/one_basic_attestation");
    BeaconState pre = FuluVectors.state(dir, "pre");
    Attestation good = attestation(dir);
    // a real signature (a G2 subgroup point) by one of the attesters, over another message
    Bytes wrong = BlsSecretKey.fromBigInteger(BigInteger.ONE).sign(Bytes32.ZERO).toBytes();
    Attestation forged = Attestation.create(SPEC.schemas().attestation(), good.aggregationBits(), good.data(), wrong,
        good.committeeBits());

    SignatureVerifier.Batch batch = new SignatureVerifier.Batch();
    processor.processAttestation(new MutableBeaconState(pre), forged, batch);
    assertThat(batch.size()).isEqualTo(1);
    assertThat(batch.verifyAll()).isFalse();

    SignatureVerifier.Batch goodBatch = new SignatureVerifier.Batch();
    processor.processAttestation(new MutableBeaconState(pre), good, goodBatch);
    assertThat(goodBatch.verifyAll()).isTrue();

    assertThatThrownBy(() -> processor.processAttestation(new MutableBeaconState(pre), forged, SignatureVerifier.SIMPLE))
        .isInstanceOf(StateTransitionException.class)
        .hasMessageContaining("is_valid_indexed_attestation");
  }

  @Test
  void aMalformedSignatureIsRejectedAtOnceEvenByTheBatch() {
    Path dir = FuluVectors.dir("operations/attestation/pyspec_tests/invalid_attestation_signature");
    BeaconState pre = FuluVectors.state(dir, "pre");
    Attestation attestation = attestation(dir);
    assertThat(BlsSignature.fromBytes(attestation.signature()).isValid()).as("the vector's signature is not a G2 point").isFalse();

    assertThatThrownBy(() -> processor.processAttestation(new MutableBeaconState(pre), attestation, new SignatureVerifier.Batch()))
        .isInstanceOf(StateTransitionException.class)
        .hasMessageContaining("is_valid_indexed_attestation");
  }
}
