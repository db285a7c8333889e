package io.edvt.node.validator;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The watch's verdicts over a liveness record the test fills: epoch to indices seen live. */
class DoppelgangerGuardTest {
  private static final long MEMBER = 2199023255557L; // member 1 of validator 5: a virtual index
  private static final BlsPublicKey PLAIN = BlsSecretKey.interop(3).publicKey();
  private static final BlsPublicKey MEMBER_KEY = BlsSecretKey.interop(40).publicKey();

  private final Map<Long, Set<Long>> seen = new HashMap<>();

  private DoppelgangerGuard guard(long start) {
    return guard(start, Map.of());
  }

  private DoppelgangerGuard guard(long start, Map<org.apache.tuweni.bytes.Bytes48, Long> own) {
    return new DoppelgangerGuard(Map.of(3L, PLAIN, MEMBER, MEMBER_KEY), own, (epoch, indices) -> {
      Set<Long> out = new HashSet<>();
      seen.getOrDefault(epoch, Set.of()).stream().filter(indices::contains).forEach(out::add);
      return out;
    }, start);
  }

  @Test
  void nothingSeenReleasesTheDutiesWhenTheSecondWholeEpochIsOver() {
    DoppelgangerGuard guard = guard(10);
    seen.put(11L, Set.of(4L, 5L)); // others' liveness, and validator 5 itself: not member 1 of it
    assertThat(guard.check(10)).isEqualTo(new DoppelgangerGuard.Watching(12));
    assertThat(guard.check(11)).isEqualTo(new DoppelgangerGuard.Watching(12));
    assertThat(guard.check(12)).isEqualTo(new DoppelgangerGuard.Released());
  }

  @Test
  void aHeldKeySeenInTheEpochBeforeTheStartOrDuringTheWatchIsDetectedAndNamed() {
    seen.put(9L, Set.of(3L));
    DoppelgangerGuard.Status status = guard(10).check(10);
    assertThat(status).isInstanceOf(DoppelgangerGuard.Detected.class);
    assertThat(((DoppelgangerGuard.Detected) status).message()).contains(PLAIN.toBytes().toHexString()).contains("(index 3)");

    seen.clear();
    seen.put(11L, Set.of(MEMBER));
    DoppelgangerGuard.Status member = guard(10).check(11);
    assertThat(member).isEqualTo(new DoppelgangerGuard.Detected(Map.of(MEMBER, MEMBER_KEY)));
    assertThat(((DoppelgangerGuard.Detected) member).message()).contains("(index 2199023255557)");
  }

  @Test
  void seenTwoEpochsBeforeTheStartIsNotADoppelganger() {
    seen.put(8L, Set.of(3L)); // this instance's own last run, say, before a restart
    assertThat(guard(10).check(10)).isEqualTo(new DoppelgangerGuard.Watching(12));
  }

  @Test
  void whatThisInstanceSignedBeforeARestartIsNotADoppelgangerButLaterLivenessIs() {
    seen.put(9L, Set.of(3L));
    seen.put(10L, Set.of(3L));
    // our own history: validator 3 attested with target epoch 10 before the restart in epoch 10
    assertThat(guard(10, Map.of(PLAIN.toBytes(), 10L)).check(10)).isEqualTo(new DoppelgangerGuard.Watching(12));
    seen.put(11L, Set.of(3L));
    assertThat(guard(10, Map.of(PLAIN.toBytes(), 10L)).check(11)).isEqualTo(new DoppelgangerGuard.Detected(Map.of(3L, PLAIN)));
    // another key's history explains nothing for validator 3
    assertThat(guard(10, Map.of(MEMBER_KEY.toBytes(), 11L)).check(10)).isInstanceOf(DoppelgangerGuard.Detected.class);
  }
}
