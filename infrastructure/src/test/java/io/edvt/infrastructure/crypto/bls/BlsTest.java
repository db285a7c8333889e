package io.edvt.infrastructure.crypto.bls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

class BlsTest {
  private static final BigInteger R =
      new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);
  private static final Bytes MESSAGE = Bytes32.fromHexString("0x" + "ab".repeat(32));
  private static final Bytes OTHER_MESSAGE = Bytes32.fromHexString("0x" + "56".repeat(32));

  private static final BlsSecretKey SK1 = BlsSecretKey.fromSeed(1);
  private static final BlsSecretKey SK2 = BlsSecretKey.fromSeed(2);
  private static final BlsSecretKey SK3 = BlsSecretKey.fromSeed(3);

  private static BlsPublicKey infinityKey() {
    return BlsPublicKey.fromBytes(Bytes.fromHexString("0xc0" + "00".repeat(47)));
  }

  @Test
  void signatureMatchesConsensusSpecVector() {
    BlsSecretKey sk =
        BlsSecretKey.fromBytes(
            Bytes32.fromHexString("0x328388aff0d4a5b7dc9205abd374e7e98f3cd9f3418edb4eafda5fb16473d216"));
    BlsSignature sig = Bls.sign(sk, Bytes32.ZERO);
    assertThat(sig.toBytes().toHexString())
        .isEqualTo(
            "0x948a7cb99f76d616c2c564ce9bf4a519f1bea6b0a624a02276443c245854219fabb8d4ce061d255af5330b078d5380681751aa7053da2c98bae898edc218c75f07e24d8802a17cd1f6833b71e58f5eb5b94208b4d0bb3848cecb075ea21be115");
    assertThat(Bls.verify(sk.publicKey(), Bytes32.ZERO, sig)).isTrue();
  }

  @Test
  void acceptsValidSignatureFromFreshlyDecodedBytes() {
    BlsSignature sig = Bls.sign(SK1, MESSAGE);
    BlsPublicKey pk = BlsPublicKey.fromBytes(SK1.publicKey().toBytes());
    assertThat(Bls.verify(pk, MESSAGE, BlsSignature.fromBytes(sig.toBytes()))).isTrue();
  }

  @Test
  void rejectsSignatureOverDifferentMessage() {
    assertThat(Bls.verify(SK1.publicKey(), OTHER_MESSAGE, Bls.sign(SK1, MESSAGE))).isFalse();
  }

  @Test
  void rejectsSignatureByAnotherKey() {
    assertThat(Bls.verify(SK2.publicKey(), MESSAGE, Bls.sign(SK1, MESSAGE))).isFalse();
  }

  @Test
  void rejectsTamperedSignatureWithoutThrowing() {
    byte[] raw = Bls.sign(SK1, MESSAGE).toBytes().toArray();
    for (int i : new int[] {1, 47, 60, 95}) {
      byte[] tampered = raw.clone();
      tampered[i] ^= 0x01;
      assertThat(Bls.verify(SK1.publicKey(), MESSAGE, BlsSignature.fromBytes(Bytes.wrap(tampered))))
          .as("bit flipped in byte %d", i)
          .isFalse();
    }
  }

  @Test
  void rejectsUndecodableAndOutOfSubgroupSignatures() {
    BlsSignature notInSubgroup = BlsSignature.fromBytes(Bytes.fromHexString(BlsSignatureTest.NOT_IN_SUBGROUP));
    BlsSignature garbage = BlsSignature.fromBytes(Bytes.wrap(new byte[96]));
    assertThat(Bls.verify(SK1.publicKey(), MESSAGE, notInSubgroup)).isFalse();
    assertThat(Bls.verify(SK1.publicKey(), MESSAGE, garbage)).isFalse();
    assertThat(Bls.fastAggregateVerify(List.of(SK1.publicKey()), MESSAGE, garbage)).isFalse();
  }

  @Test
  void invalidPublicKeysMakeVerifyFalseNeverThrow() {
    BlsSignature sig = Bls.sign(SK1, MESSAGE);
    assertThat(Bls.verify(infinityKey(), MESSAGE, BlsSignature.INFINITY)).isFalse();
    assertThat(Bls.verify(infinityKey(), MESSAGE, sig)).isFalse();
    for (String hex :
        List.of(BlsPublicKeyTest.NOT_ON_CURVE, BlsPublicKeyTest.NOT_IN_SUBGROUP, BlsPublicKeyTest.X_EQUALS_MODULUS)) {
      assertThat(Bls.verify(BlsPublicKey.fromBytes(Bytes.fromHexString(hex)), MESSAGE, sig)).isFalse();
    }
  }

  @Test
  void infinitySignatureDoesNotVerifyForARealKey() {
    assertThat(Bls.verify(SK1.publicKey(), MESSAGE, BlsSignature.INFINITY)).isFalse();
  }

  @Test
  void aggregateOfNoSignaturesIsAnError() {
    assertThatThrownBy(() -> Bls.aggregate(List.of()))
        .isInstanceOf(BlsException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void aggregateRejectsUndecodableSignature() {
    BlsSignature bad = BlsSignature.fromBytes(Bytes.fromHexString(BlsSignatureTest.NOT_IN_SUBGROUP));
    assertThatThrownBy(() -> Bls.aggregate(List.of(Bls.sign(SK1, MESSAGE), bad)))
        .isInstanceOf(InvalidBlsEncodingException.class);
  }

  @Test
  void aggregateSignatureVerifiesForAllSignersOfOneMessage() {
    BlsSignature agg =
        Bls.aggregate(List.of(Bls.sign(SK1, MESSAGE), Bls.sign(SK2, MESSAGE), Bls.sign(SK3, MESSAGE)));
    List<BlsPublicKey> all = List.of(SK1.publicKey(), SK2.publicKey(), SK3.publicKey());
    assertThat(Bls.fastAggregateVerify(all, MESSAGE, agg)).isTrue();
    assertThat(Bls.ethFastAggregateVerify(all, MESSAGE, agg)).isTrue();
    assertThat(Bls.fastAggregateVerify(all.subList(0, 2), MESSAGE, agg)).as("missing signer").isFalse();
    assertThat(Bls.fastAggregateVerify(all, OTHER_MESSAGE, agg)).isFalse();
    // the aggregate public key verifies the aggregate signature as an ordinary signature
    assertThat(Bls.verify(Bls.aggregatePublicKeys(all), MESSAGE, agg)).isTrue();
  }

  @Test
  void fastAggregateVerifyOverHundredsOfKeysDependsOnEveryKey() {
    // large enough for the key sum to be split across threads
    int n = 300;
    List<BlsPublicKey> pks = new ArrayList<>();
    List<BlsSignature> sigs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      BlsSecretKey sk = BlsSecretKey.fromSeed(5_000 + i);
      pks.add(sk.publicKey());
      sigs.add(sk.sign(MESSAGE));
    }
    BlsSignature agg = Bls.aggregate(sigs);
    assertThat(Bls.fastAggregateVerify(pks, MESSAGE, agg)).isTrue();
    assertThat(Bls.aggregatePublicKeys(pks).toBytes())
        .isEqualTo(BlsPublicKey.fromPoint(Bls.aggregatedKeyOrNull(pks)).toBytes());
    for (int replaced : new int[] {0, 149, 150, 299}) {
      List<BlsPublicKey> wrong = new ArrayList<>(pks);
      wrong.set(replaced, SK1.publicKey());
      assertThat(Bls.fastAggregateVerify(wrong, MESSAGE, agg)).as("key %d replaced", replaced).isFalse();
      wrong.set(replaced, infinityKey());
      assertThat(Bls.fastAggregateVerify(wrong, MESSAGE, agg)).as("key %d infinity", replaced).isFalse();
    }
  }

  @Test
  void fastAggregateVerifyRejectsExtraPublicKey() {
    BlsSignature agg = Bls.aggregate(List.of(Bls.sign(SK1, MESSAGE), Bls.sign(SK2, MESSAGE)));
    assertThat(
            Bls.fastAggregateVerify(
                List.of(SK1.publicKey(), SK2.publicKey(), SK3.publicKey()), MESSAGE, agg))
        .isFalse();
  }

  @Test
  void fastAggregateVerifyWithNoKeysIsFalseButEthVariantAcceptsInfinity() {
    assertThat(Bls.fastAggregateVerify(List.of(), MESSAGE, BlsSignature.INFINITY)).isFalse();
    assertThat(Bls.ethFastAggregateVerify(List.of(), MESSAGE, BlsSignature.INFINITY)).isTrue();
    assertThat(Bls.ethFastAggregateVerify(List.of(), MESSAGE, Bls.sign(SK1, MESSAGE))).isFalse();
    assertThat(Bls.ethFastAggregateVerify(List.of(), MESSAGE, BlsSignature.fromBytes(Bytes.wrap(new byte[96]))))
        .isFalse();
  }

  @Test
  void fastAggregateVerifyRejectsAnInfinityKeyAmongValidOnes() {
    BlsSignature sig = Bls.sign(SK1, MESSAGE);
    assertThat(Bls.fastAggregateVerify(List.of(SK1.publicKey(), infinityKey()), MESSAGE, sig)).isFalse();
  }

  @Test
  void keysThatSumToInfinityAreRejected() {
    BlsSecretKey negated = BlsSecretKey.fromBigInteger(R.subtract(new BigInteger(1, SK1.toBytes().toArray())));
    List<BlsPublicKey> cancelling = List.of(SK1.publicKey(), negated.publicKey());
    BlsPublicKey sum = Bls.aggregatePublicKeys(cancelling);
    assertThat(sum.isInfinity()).isTrue();
    assertThat(sum.isValid()).isFalse();
    BlsSignature aggregate = Bls.aggregate(List.of(Bls.sign(SK1, MESSAGE), Bls.sign(negated, MESSAGE)));
    assertThat(aggregate.isInfinity()).isTrue();
    assertThat(Bls.fastAggregateVerify(cancelling, MESSAGE, aggregate)).isFalse();
  }

  @Test
  void aggregateVerifyAcceptsDistinctMessagesAndRejectsMismatches() {
    Bytes m3 = Bytes.fromHexString("0x0102");
    BlsSignature agg =
        Bls.aggregate(List.of(Bls.sign(SK1, MESSAGE), Bls.sign(SK2, OTHER_MESSAGE), Bls.sign(SK3, m3)));
    List<BlsPublicKey> pks = List.of(SK1.publicKey(), SK2.publicKey(), SK3.publicKey());
    assertThat(Bls.aggregateVerify(pks, List.of(MESSAGE, OTHER_MESSAGE, m3), agg)).isTrue();
    assertThat(Bls.aggregateVerify(pks, List.of(OTHER_MESSAGE, MESSAGE, m3), agg)).isFalse();
    assertThat(Bls.aggregateVerify(pks, List.of(MESSAGE, OTHER_MESSAGE), agg)).as("length mismatch").isFalse();
    assertThat(Bls.aggregateVerify(List.of(), List.of(), BlsSignature.INFINITY)).isFalse();
    assertThat(
            Bls.aggregateVerify(
                List.of(SK1.publicKey(), SK2.publicKey(), infinityKey()), List.of(MESSAGE, OTHER_MESSAGE, m3), agg))
        .isFalse();
  }

  @Test
  void aggregateOfInfinityIsInfinity() {
    assertThat(Bls.aggregate(List.of(BlsSignature.INFINITY, BlsSignature.INFINITY)))
        .isEqualTo(BlsSignature.INFINITY);
  }

  @Test
  void ethAggregatePubkeysRejectsEmptyAndInvalidKeys() {
    assertThatThrownBy(() -> Bls.ethAggregatePubkeys(List.of())).isInstanceOf(BlsException.class);
    assertThatThrownBy(() -> Bls.ethAggregatePubkeys(List.of(SK1.publicKey(), infinityKey())))
        .isInstanceOfSatisfying(
            InvalidBlsEncodingException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidBlsEncodingException.Reason.INFINITY));
    assertThatThrownBy(
            () -> Bls.ethAggregatePubkeys(List.of(BlsPublicKey.fromBytes(Bytes.wrap(new byte[48])))))
        .isInstanceOf(InvalidBlsEncodingException.class);
    assertThat(Bls.ethAggregatePubkeys(List.of(SK1.publicKey()))).isEqualTo(SK1.publicKey());
  }

  @Test
  void aggregatePublicKeysIsOrderIndependent() {
    assertThat(Bls.aggregatePublicKeys(List.of(SK1.publicKey(), SK2.publicKey(), SK3.publicKey())))
        .isEqualTo(Bls.aggregatePublicKeys(List.of(SK3.publicKey(), SK1.publicKey(), SK2.publicKey())));
  }

  @Test
  void proofOfPossessionVerifiesOnlyForItsKey() {
    BlsSignature proof = Bls.popProve(SK1);
    assertThat(Bls.popVerify(SK1.publicKey(), proof)).isTrue();
    assertThat(Bls.popVerify(SK2.publicKey(), proof)).isFalse();
    assertThat(Bls.popVerify(infinityKey(), BlsSignature.INFINITY)).isFalse();
  }

  @Test
  void proofOfPossessionIsDomainSeparatedFromSignatures() {
    Bytes pkBytes = SK1.publicKey().toBytes();
    BlsSignature ordinary = Bls.sign(SK1, pkBytes);
    BlsSignature proof = Bls.popProve(SK1);
    assertThat(proof).isNotEqualTo(ordinary);
    assertThat(Bls.popVerify(SK1.publicKey(), ordinary)).isFalse();
    assertThat(Bls.verify(SK1.publicKey(), pkBytes, proof)).isFalse();
  }

  @Test
  void hashToG2MatchesTheIetfVectorForAbc() {
    Bytes point =
        Bls.hashToG2Uncompressed(Bytes.wrap("abc".getBytes()), "QUUX-V01-CS02-with-BLS12381G2_XMD:SHA-256_SSWU_RO_");
    assertThat(point.size()).isEqualTo(192);
    // x.c0 is the second 48-byte block in the ZCash layout
    assertThat(point.slice(48, 48).toHexString())
        .isEqualTo("0x02c2d18e033b960562aae3cab37a27ce00d80ccd5ba4b7fe0e7a210245129dbec7780ccc7954725f4168aff2787776e6");
    assertThat(point.slice(0, 48).toHexString())
        .isEqualTo("0x139cddbccdc5e91b9623efd38c49f81a6f83f175e80b06fc374de9eb4b41dfe4ca3a230ed250fbe3a2acf73a41177fd8");
  }

  @Test
  void verificationFromManyThreadsAgreesWithSequentialResults() throws Exception {
    int keys = 16;
    List<BlsPublicKey> pks = new ArrayList<>();
    List<BlsSignature> sigs = new ArrayList<>();
    for (int i = 0; i < keys; i++) {
      BlsSecretKey sk = BlsSecretKey.fromSeed(100 + i);
      pks.add(BlsPublicKey.fromBytes(sk.publicKey().toBytes())); // undecoded: threads race to decode
      sigs.add(BlsSignature.fromBytes(sk.sign(MESSAGE).toBytes()));
    }
    BlsSignature aggregate = Bls.aggregate(sigs);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int round = 0; round < 4; round++) {
        for (int i = 0; i < keys; i++) {
          int k = i;
          // even: correct key; odd: a neighbour's key
          boolean expected = (k + round) % 2 == 0;
          BlsPublicKey pk = expected ? pks.get(k) : pks.get((k + 1) % keys);
          results.add(pool.submit(() -> Bls.verify(pk, MESSAGE, sigs.get(k)) == expected));
        }
        results.add(pool.submit(() -> Bls.fastAggregateVerify(pks, MESSAGE, aggregate)));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
