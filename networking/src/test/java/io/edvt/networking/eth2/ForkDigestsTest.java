package io.edvt.networking.eth2;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.testing.TestChains;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ForkDigestsTest {
  /** The blob schedule of consensus-specs v1.7.0-alpha.13's fulu/validator/test_compute_fork_digest.py. */
  private static final String SCHEDULE = "[{EPOCH: 9, MAX_BLOBS_PER_BLOCK: 9}, {EPOCH: 100, MAX_BLOBS_PER_BLOCK: 100},"
      + " {EPOCH: 150, MAX_BLOBS_PER_BLOCK: 175}, {EPOCH: 200, MAX_BLOBS_PER_BLOCK: 200},"
      + " {EPOCH: 250, MAX_BLOBS_PER_BLOCK: 275}, {EPOCH: 300, MAX_BLOBS_PER_BLOCK: 300}]";

  /**
   * The expected digests of that test (Fulu, with the BPO blob-parameter mixing): the fork version
   * is the config's {@code FULU_FORK_VERSION}, so each case sets it.
   */
  @ParameterizedTest(name = "epoch {0}, version {1}, root byte {2}: {3}")
  @CsvSource({
      "9, 0x06000000, 0, 0xab3ae6c8", "10, 0x06000000, 0, 0xab3ae6c8", "99, 0x06000000, 0, 0xab3ae6c8",
      "100, 0x06000000, 0, 0xdf67557b", "101, 0x06000000, 0, 0xdf67557b", "150, 0x06000000, 0, 0x8ab38b59",
      "199, 0x06000000, 0, 0x8ab38b59", "200, 0x06000000, 0, 0xd9b81438", "250, 0x06000000, 0, 0x4ef32a62",
      "299, 0x06000000, 0, 0x4ef32a62", "300, 0x06000000, 0, 0xca100d64", "301, 0x06000000, 0, 0xca100d64",
      "9, 0x06000000, 1, 0x89671111", "9, 0x06000000, 2, 0xf49b0e24", "9, 0x06000000, 3, 0x86544e4f",
      "100, 0x06000000, 1, 0xfd3aa2a2", "100, 0x06000000, 2, 0x80c6bd97", "100, 0x06000000, 3, 0xf209fdfc",
      "9, 0x06000001, 0, 0x30f8c25b", "9, 0x07000000, 0, 0x0432f5a9", "9, 0x07000001, 0, 0x6e69a671",
      "100, 0x06000001, 0, 0x44a571e8", "100, 0x07000000, 0, 0x706f461a", "100, 0x07000001, 0, 0x1a3415c2"})
  void computeForkDigestMatchesTheConsensusSpecsCases(long epoch, String version, int rootByte, String expected) {
    SpecVersions versions = TestChains.versions(1_000_000,
        Map.of("BLOB_SCHEDULE", SCHEDULE, "FULU_FORK_VERSION", version));
    ForkDigests digests = new ForkDigests(versions, Bytes32.repeat((byte) rootByte));
    assertThat(digests.digestAt(UInt64.valueOf(epoch))).isEqualTo(Bytes.fromHexString(expected));
  }

  @Test
  void theScheduleHasEveryRegularAndBlobParameterForkAndMapsDigestsBack() {
    SpecVersions versions = TestChains.versions(200, Map.of("BLOB_SCHEDULE", SCHEDULE));
    ForkDigests digests = new ForkDigests(versions, Bytes32.ZERO);
    assertThat(digests.schedule()).extracting(e -> e.epoch().longValue()).containsExactly(0L, 9L, 100L, 150L, 200L, 250L,
        300L);
    assertThat(digests.schedule()).extracting(ForkDigests.Entry::milestone).containsExactly(SpecMilestone.FULU,
        SpecMilestone.FULU, SpecMilestone.FULU, SpecMilestone.FULU, SpecMilestone.EDVT, SpecMilestone.EDVT,
        SpecMilestone.EDVT);
    ForkDigests.Entry edvt = digests.schedule().get(4);
    assertThat(edvt.forkVersion()).isEqualTo(SpecConfigEdvt.of(versions.config()).edvtForkVersion());
    // EDVT's digest at its fork epoch mixes the blob parameters in force (epoch 200: 200 blobs) into EDVT's fork data root
    assertThat(edvt.digest()).isNotEqualTo(digests.schedule().get(3).digest());
    assertThat(digests.lookup(edvt.digest())).contains(edvt);
    assertThat(digests.lookup(Bytes.fromHexString("0x00000000"))).isEmpty();
    assertThat(digests.digestAtSlot(UInt64.valueOf(200L * versions.config().slotsPerEpoch()))).isEqualTo(edvt.digest());
    assertThat(digests.next(UInt64.valueOf(150))).map(ForkDigests.Entry::epoch).contains(UInt64.valueOf(200));
    assertThat(digests.next(UInt64.valueOf(300))).isEmpty();
  }
}
