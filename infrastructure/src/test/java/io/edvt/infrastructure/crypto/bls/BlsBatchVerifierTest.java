package io.edvt.infrastructure.crypto.bls;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

class BlsBatchVerifierTest {
  private static final int N = 20;
  private static final List<BlsSecretKey> KEYS = new ArrayList<>();
  private static final List<Bytes> MESSAGES = new ArrayList<>();
  private static final List<BlsSignature> SIGNATURES = new ArrayList<>();

  static {
    for (int i = 0; i < N; i++) {
      BlsSecretKey sk = BlsSecretKey.fromSeed(1000 + i);
      Bytes message = Bytes.wrap(new byte[] {(byte) i, 42});
      KEYS.add(sk);
      MESSAGES.add(message);
      SIGNATURES.add(sk.sign(message));
    }
  }

  private static BlsBatchVerifier validBatch(BlsBatchVerifier verifier) {
    for (int i = 0; i < N; i++) {
      verifier.add(KEYS.get(i).publicKey(), MESSAGES.get(i), SIGNATURES.get(i));
    }
    return verifier;
  }

  @Test
  void acceptsABatchOfValidTriples() {
    BlsBatchVerifier verifier = validBatch(new BlsBatchVerifier());
    assertThat(verifier.size()).isEqualTo(N);
    assertThat(verifier.verifyAll()).isTrue();
    BlsBatchVerifier.Result result = verifier.verify();
    assertThat(result.isValid()).isTrue();
    assertThat(result.size()).isEqualTo(N);
    assertThat(result.invalidIndices()).isEmpty();
    assertThat(validBatch(BlsBatchVerifier.singleThreaded()).verifyAll()).isTrue();
  }

  @Test
  void emptyBatchIsValid() {
    assertThat(new BlsBatchVerifier().verifyAll()).isTrue();
  }

  @Test
  void batchVerifierNamesTheInvalidTriple() {
    for (BlsBatchVerifier verifier : List.of(new BlsBatchVerifier(), BlsBatchVerifier.singleThreaded())) {
      for (int i = 0; i < N; i++) {
        BlsSignature sig = i == 13 ? KEYS.get(i).sign(Bytes.fromHexString("0xdead")) : SIGNATURES.get(i);
        verifier.add(KEYS.get(i).publicKey(), MESSAGES.get(i), sig);
      }
      assertThat(verifier.verifyAll()).isFalse();
      BlsBatchVerifier.Result result = verifier.verify();
      assertThat(result.isValid()).isFalse();
      assertThat(result.invalidIndices()).containsExactly(13);
    }
  }

  @Test
  void batchVerifierNamesEveryKindOfInvalidTriple() {
    BlsBatchVerifier verifier = validBatch(new BlsBatchVerifier());
    int badKey =
        verifier.add(
            BlsPublicKey.fromBytes(Bytes.fromHexString(BlsPublicKeyTest.NOT_IN_SUBGROUP)),
            MESSAGES.get(0),
            SIGNATURES.get(0));
    int badSignature =
        verifier.add(
            KEYS.get(1).publicKey(),
            MESSAGES.get(1),
            BlsSignature.fromBytes(Bytes.fromHexString(BlsSignatureTest.NOT_ON_CURVE)));
    int noKeys = verifier.add(List.of(), MESSAGES.get(2), BlsSignature.INFINITY);
    int infinity =
        verifier.add(
            BlsPublicKey.fromBytes(Bytes.fromHexString("0xc0" + "00".repeat(47))),
            MESSAGES.get(3),
            BlsSignature.INFINITY);
    assertThat(verifier.verify().invalidIndices()).containsExactly(badKey, badSignature, noKeys, infinity);
  }

  @Test
  void rejectsSignaturesSwappedBetweenTriples() {
    // The plain sum of the signatures is unchanged by the swap, so only the random scalars catch it.
    for (int attempt = 0; attempt < 5; attempt++) {
      BlsBatchVerifier verifier = new BlsBatchVerifier();
      verifier.add(KEYS.get(0).publicKey(), MESSAGES.get(0), SIGNATURES.get(1));
      verifier.add(KEYS.get(1).publicKey(), MESSAGES.get(1), SIGNATURES.get(0));
      for (int i = 2; i < N; i++) {
        verifier.add(KEYS.get(i).publicKey(), MESSAGES.get(i), SIGNATURES.get(i));
      }
      assertThat(verifier.verifyAll()).isFalse();
      assertThat(verifier.verify().invalidIndices()).containsExactly(0, 1);
    }
  }

  @Test
  void rejectsForgedPairThatCancelsOut() {
    // sig0' = sig0 + D and sig1' = sig1 - D, with D = sig2: the sum still matches.
    BlsSecretKey two = KEYS.get(2);
    BlsSignature d = two.sign(MESSAGES.get(0));
    BlsSecretKey negTwo = BlsSecretKey.fromBigInteger(Blst.GROUP_ORDER.subtract(new BigInteger(1, two.toBytes().toArray())));
    BlsSignature forged0 = Bls.aggregate(List.of(SIGNATURES.get(0), d));
    BlsSignature forged1 = Bls.aggregate(List.of(SIGNATURES.get(1), negTwo.sign(MESSAGES.get(0))));
    assertThat(Bls.aggregateVerify(
            List.of(KEYS.get(0).publicKey(), KEYS.get(1).publicKey()),
            List.of(MESSAGES.get(0), MESSAGES.get(1)),
            Bls.aggregate(List.of(forged0, forged1))))
        .as("the forgery passes a naive aggregate check")
        .isTrue();
    BlsBatchVerifier verifier = BlsBatchVerifier.singleThreaded();
    verifier.add(KEYS.get(0).publicKey(), MESSAGES.get(0), forged0);
    verifier.add(KEYS.get(1).publicKey(), MESSAGES.get(1), forged1);
    assertThat(verifier.verifyAll()).isFalse();
    assertThat(verifier.verify().invalidIndices()).containsExactly(0, 1);
  }

  @Test
  void acceptsFastAggregateTriplesWithSeveralKeys() {
    BlsBatchVerifier verifier = new BlsBatchVerifier();
    Bytes shared = Bytes.fromHexString("0x5151");
    for (int t = 0; t < 6; t++) {
      List<BlsPublicKey> pks = new ArrayList<>();
      List<BlsSignature> sigs = new ArrayList<>();
      for (int j = 0; j <= t; j++) {
        BlsSecretKey sk = KEYS.get(t + j);
        pks.add(sk.publicKey());
        sigs.add(sk.sign(shared));
      }
      verifier.add(pks, shared, Bls.aggregate(sigs));
    }
    assertThat(verifier.verifyAll()).isTrue();
    // a triple with one signer missing from its aggregate
    verifier.add(
        List.of(KEYS.get(0).publicKey(), KEYS.get(1).publicKey()), shared, KEYS.get(0).sign(shared));
    assertThat(verifier.verify().invalidIndices()).containsExactly(6);
  }

  @Test
  void singleInfinitySignatureTripleIsInvalid() {
    BlsBatchVerifier verifier = new BlsBatchVerifier();
    verifier.add(KEYS.get(0).publicKey(), MESSAGES.get(0), SIGNATURES.get(0));
    verifier.add(KEYS.get(1).publicKey(), MESSAGES.get(1), BlsSignature.INFINITY);
    assertThat(verifier.verify().invalidIndices()).containsExactly(1);
  }

  @Test
  void randomScalarsAreNonZeroSixtyFourBitAndVary() {
    Set<BigInteger> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      BigInteger r = Blst.randomNonZeroScalar64();
      assertThat(r.signum()).isPositive();
      assertThat(r.bitLength()).isLessThanOrEqualTo(64);
      seen.add(r);
    }
    assertThat(seen).hasSizeGreaterThan(195);
  }

  @Test
  void batchVerifyHelperChecksListShapes() {
    assertThat(Bls.batchVerify(
            List.of(KEYS.get(0).publicKey(), KEYS.get(1).publicKey()),
            MESSAGES.subList(0, 2),
            SIGNATURES.subList(0, 2)))
        .isTrue();
    assertThat(Bls.batchVerify(List.of(KEYS.get(0).publicKey()), MESSAGES.subList(0, 2), SIGNATURES.subList(0, 2)))
        .isFalse();
  }
}
