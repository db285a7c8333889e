package io.edvt.benchmarks;

import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsBatchVerifier;
import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.crypto.bls.BlsSignature;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * BLS verification, mirroring {@code benchmarks/lodestar/bench.mjs bench-bls} so the two can be
 * compared side by side:
 *
 * <ul>
 *   <li>public keys are deserialised and validated in {@code @Setup} and reused, as a client caches
 *       validated keys;
 *   <li>signatures arrive as bytes and are decompressed and subgroup-checked inside the timed
 *       operation (a fresh {@link BlsSignature} each time), as Lodestar does with {@code
 *       Signature.fromBytes(bytes, true)}.
 * </ul>
 *
 * Run with {@code ./edvt bench BlsBenchmark} or {@code java -jar benchmarks/target/benchmarks.jar
 * BlsBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class BlsBenchmark {
  private static final int AGGREGATE_KEYS = 512;
  private static final int BATCH_SETS = 128;

  private BlsPublicKey verifyKey;
  private Bytes verifyMessage;
  private Bytes verifySignature;

  private List<BlsPublicKey> aggregateKeys;
  private Bytes aggregateMessage;
  private Bytes aggregateSignature;

  private List<BlsPublicKey> batchKeys;
  private List<Bytes> batchMessages;
  private List<Bytes> batchSignatures;

  private static Bytes32 message(long n) {
    return Bytes32.wrap(ByteBuffer.allocate(32).putLong(0x6d7367L).putLong(n).array());
  }

  /** Deserialised and KeyValidated now, so the timed code reuses the decompressed point. */
  private static BlsPublicKey cachedKey(BlsSecretKey sk) {
    return BlsPublicKey.fromBytes(sk.publicKey().toBytes()).validate();
  }

  @Setup(Level.Trial)
  public void setUp() {
    BlsSecretKey sk = BlsSecretKey.fromSeed(1);
    verifyKey = cachedKey(sk);
    verifyMessage = message(1);
    verifySignature = sk.sign(verifyMessage).toBytes();

    aggregateKeys = new ArrayList<>();
    aggregateMessage = message(2);
    List<BlsSignature> signatures = new ArrayList<>();
    for (int i = 0; i < AGGREGATE_KEYS; i++) {
      BlsSecretKey k = BlsSecretKey.fromSeed(10_000 + i);
      aggregateKeys.add(cachedKey(k));
      signatures.add(k.sign(aggregateMessage));
    }
    aggregateSignature = Bls.aggregate(signatures).toBytes();

    batchKeys = new ArrayList<>();
    batchMessages = new ArrayList<>();
    batchSignatures = new ArrayList<>();
    for (int i = 0; i < BATCH_SETS; i++) {
      BlsSecretKey k = BlsSecretKey.fromSeed(20_000 + i);
      Bytes m = message(100 + i);
      batchKeys.add(cachedKey(k));
      batchMessages.add(m);
      batchSignatures.add(k.sign(m).toBytes());
    }

    if (!verify() || !fastAggregateVerify512() || !batchVerify128() || !batchVerify128SingleThread()) {
      throw new IllegalStateException("benchmark inputs do not verify");
    }
  }

  /** One public key, one message, one signature (decoded from bytes in the timed code). */
  @Benchmark
  public boolean verify() {
    return Bls.verify(verifyKey, verifyMessage, BlsSignature.fromBytes(verifySignature));
  }

  /** 512 cached public keys summed, one message, one aggregate signature. */
  @Benchmark
  public boolean fastAggregateVerify512() {
    return Bls.fastAggregateVerify(aggregateKeys, aggregateMessage, BlsSignature.fromBytes(aggregateSignature));
  }

  /** 128 distinct (pk, msg, sig) triples with the random-linear-combination batch verifier. */
  @Benchmark
  public boolean batchVerify128() {
    return runBatch(new BlsBatchVerifier());
  }

  /** As {@link #batchVerify128()}, restricted to the calling thread. */
  @Benchmark
  public boolean batchVerify128SingleThread() {
    return runBatch(BlsBatchVerifier.singleThreaded());
  }

  /** Decompression and subgroup check of one signature alone. */
  @Benchmark
  public BlsSignature signatureDeserialize() {
    return BlsSignature.fromBytes(verifySignature).validate();
  }

  private boolean runBatch(BlsBatchVerifier verifier) {
    for (int i = 0; i < BATCH_SETS; i++) {
      verifier.add(batchKeys.get(i), batchMessages.get(i), BlsSignature.fromBytes(batchSignatures.get(i)));
    }
    return verifier.verifyAll();
  }
}
