package io.edvt.node.validator.slashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.unsigned.UInt64;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlashingProtectionTest {
  private static final Bytes32 GVR = Bytes32.fromHexStringLenient("0x1234");
  private static final BlsPublicKey KEY = BlsSecretKey.interop(0).publicKey();
  private static final BlsPublicKey MEMBER = BlsSecretKey.interop(1).publicKey();
  @TempDir Path dir;

  private static UInt64 u(long v) {
    return UInt64.valueOf(v);
  }

  private static Bytes32 root(int v) {
    return Bytes32.fromHexStringLenient(Integer.toHexString(v + 1));
  }

  @Test
  void refusesASecondBlockAtASlotButAllowsTheSameBlockAgain() {
    try (SlashingProtection db = SlashingProtection.open(dir, GVR)) {
      assertThat(db.checkAndRecordBlock(KEY, u(10), root(1))).isEqualTo(Decision.SIGN);
      assertThat(db.checkAndRecordBlock(KEY, u(10), root(1))).isEqualTo(Decision.REPEAT);
      assertThat(db.checkAndRecordBlock(KEY, u(10), root(2)))
          .isEqualTo(new Decision.Refused("double proposal: a block with signing root " + root(1).toHexString() + " is already signed at slot 10"));
      // a member key is its own key: its history is separate
      assertThat(db.checkAndRecordBlock(MEMBER, u(10), root(2)).allowed()).isTrue();
      assertThat(db.checkAndRecordBlock(KEY, u(9), root(3)))
          .isEqualTo(new Decision.Refused("block slot 9 is at or below the lowest signed slot 10"));
      assertThat(db.checkAndRecordBlock(KEY, u(11), root(3)).allowed()).isTrue();
    }
  }

  @Test
  void refusesDoubleVotesAndSurroundsInBothDirections() {
    try (SlashingProtection db = SlashingProtection.open(dir, GVR)) {
      assertThat(db.checkAndRecordAttestation(KEY, u(2), u(3), root(1))).isEqualTo(Decision.SIGN);
      assertThat(db.checkAndRecordAttestation(KEY, u(2), u(3), root(1))).isEqualTo(Decision.REPEAT);
      assertThat(db.checkAndRecordAttestation(KEY, u(2), u(3), root(2)).allowed()).isFalse();
      // a "repeat" needs the same data: the same root with another source is refused (found by the kill test)
      assertThat(db.checkAndRecordAttestation(KEY, u(1), u(3), root(1)).allowed()).isFalse();
      assertThat(db.checkAndRecordAttestation(KEY, u(5), u(10), root(3))).isEqualTo(Decision.SIGN);
      // surrounds (4, 10)? no: surrounds (5,10) needs target > 10 and source < 5
      assertThat(db.checkAndRecordAttestation(KEY, u(4), u(11), root(4)))
          .isEqualTo(new Decision.Refused("surround vote: source 4 target 11 surrounds the signed source 5 target 10"));
      assertThat(db.checkAndRecordAttestation(KEY, u(6), u(9), root(5)))
          .isEqualTo(new Decision.Refused("surround vote: source 6 target 9 is surrounded by the signed source 5 target 10"));
      assertThat(db.checkAndRecordAttestation(KEY, u(5), u(9), root(5)).allowed()).isTrue(); // same source: not surrounded
      assertThat(db.checkAndRecordAttestation(KEY, u(4), u(3), root(6)))
          .isEqualTo(new Decision.Refused("source epoch 4 is after target epoch 3"));
      assertThat(db.checkAndRecordAttestation(KEY, u(1), u(2), root(6)))
          .isEqualTo(new Decision.Refused("source epoch 1 is below the lowest signed source epoch 2"));
    }
  }

  @Test
  void keepsItsRecordsAcrossARestartAndRefusesAnotherNetwork() {
    try (SlashingProtection db = SlashingProtection.open(dir, GVR)) {
      db.checkAndRecordBlock(KEY, u(5), root(1));
      db.checkAndRecordAttestation(KEY, u(1), u(2), root(1));
    }
    try (SlashingProtection db = SlashingProtection.open(dir, GVR)) {
      assertThat(db.checkAndRecordBlock(KEY, u(5), root(2)).allowed()).isFalse();
      assertThat(db.checkAndRecordAttestation(KEY, u(1), u(2), root(2)).allowed()).isFalse();
      assertThat(db.checkAndRecordAttestation(KEY, u(1), u(2), root(1))).isEqualTo(Decision.REPEAT);
      assertThatThrownBy(() -> SlashingProtection.open(dir, GVR))
          .hasMessage(dir.resolve(SlashingProtection.FILE) + ": the slashing-protection database is in use by another process");
    }
    assertThatThrownBy(() -> SlashingProtection.open(dir, Bytes32.ZERO))
        .hasMessage(dir.resolve(SlashingProtection.FILE) + ": the database is for genesis validators root " + GVR.toHexString()
            + ", not this network's " + Bytes32.ZERO.toHexString());
  }

  @Test
  void aTornLastRecordIsDroppedAndADamagedEarlierOneRefused() throws IOException {
    try (SlashingProtection db = SlashingProtection.open(dir, GVR)) {
      db.checkAndRecordAttestation(KEY, u(1), u(2), root(1));
      db.checkAndRecordAttestation(KEY, u(2), u(3), root(1));
    }
    Path file = dir.resolve(SlashingProtection.FILE);
    long full = Files.size(file);
    assertThat(full).isEqualTo(RecordLog.HEADER_SIZE + 2L * RecordLog.RECORD_SIZE);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(full - 40); // the second append cut short by a kill
    }
    try (SlashingProtection db = SlashingProtection.open(dir, GVR)) {
      assertThat(Files.size(file)).isEqualTo(RecordLog.HEADER_SIZE + RecordLog.RECORD_SIZE);
      assertThat(db.export(true).data().get(0).signedAttestations()).hasSize(1);
      db.checkAndRecordAttestation(KEY, u(2), u(3), root(1));
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(RecordLog.HEADER_SIZE + 60);
      raf.write(0x55);
    }
    assertThatThrownBy(() -> SlashingProtection.open(dir, GVR))
        .hasMessageStartingWith(file + ": damaged record at byte 44 of 248 (checksum mismatch)");
  }

  @Test
  void exportsAndImportsTheCompleteAndMinimalForms() {
    Path other = dir.resolve("other");
    Path minimal = dir.resolve("minimal");
    Interchange complete;
    Interchange small;
    try (SlashingProtection db = SlashingProtection.open(dir.resolve("a"), GVR)) {
      db.checkAndRecordBlock(KEY, u(3), root(1));
      db.checkAndRecordBlock(KEY, u(7), root(2));
      db.checkAndRecordAttestation(KEY, u(1), u(2), root(1));
      db.checkAndRecordAttestation(KEY, u(2), u(4), root(2));
      complete = db.export(true);
      small = db.export(false);
    }
    Path file = dir.resolve("interchange.json");
    complete.write(file);
    assertThat(Interchange.read(file)).isEqualTo(complete);
    assertThat(complete.data().get(0).signedBlocks()).hasSize(2);
    assertThat(small.data().get(0).signedBlocks()).extracting(SignedBlockRecord::slot).containsExactly(u(7));
    assertThat(small.data().get(0).signedAttestations()).extracting(SignedAttestationRecord::targetEpoch).containsExactly(u(4));
    try (SlashingProtection db = SlashingProtection.open(other, GVR)) {
      db.importInterchange(Interchange.read(file), file);
      assertThat(db.checkAndRecordAttestation(KEY, u(2), u(4), root(2))).isEqualTo(Decision.REPEAT);
      assertThat(db.checkAndRecordAttestation(KEY, u(3), u(3), root(3)).allowed()).isFalse(); // surrounded by (2, 4)
      assertThat(db.checkAndRecordBlock(KEY, u(5), root(5)).allowed()).isTrue(); // complete: gaps may be filled above the lowest slot
    }
    try (SlashingProtection db = SlashingProtection.open(minimal, GVR)) {
      db.importInterchange(small, file);
      // minimal: everything at or below the watermarks is refused
      assertThat(db.checkAndRecordBlock(KEY, u(5), root(5)).allowed()).isFalse();
      assertThat(db.checkAndRecordBlock(KEY, u(7), root(2)).allowed()).isFalse();
      assertThat(db.checkAndRecordAttestation(KEY, u(2), u(4), root(2)).allowed()).isFalse();
      assertThat(db.checkAndRecordAttestation(KEY, u(2), u(5), root(2)).allowed()).isTrue();
    }
    Interchange foreign = new Interchange(Bytes32.ZERO, complete.data());
    try (SlashingProtection db = SlashingProtection.open(other, GVR)) {
      assertThatThrownBy(() -> db.importInterchange(foreign, file))
          .hasMessage(file + ": genesis_validators_root " + Bytes32.ZERO.toHexString() + " is not this database's " + GVR.toHexString());
    }
  }
}
