package io.edvt.reftests.bls;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsBatchVerifier;
import io.edvt.infrastructure.crypto.bls.BlsException;
import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.crypto.bls.BlsSignature;
import io.edvt.infrastructure.crypto.bls.InvalidBlsEncodingException;
import io.edvt.reftests.TestCase;
import io.edvt.reftests.TestExecutor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.tuweni.bytes.Bytes;

/**
 * Executors for the {@code bls} runner of consensus-spec-tests ({@code tests/general/<fork>/bls/}).
 * Each case's {@code data.yaml} has an {@code input} and an {@code output}; a {@code null} output
 * means the operation must fail. Hex strings may come with or without {@code 0x}.
 */
public final class BlsExecutors {
  /** DST of the hash_to_G2 vectors (the IETF hash-to-curve suite test vectors). */
  static final String HASH_TO_G2_TEST_DST = "QUUX-V01-CS02-with-BLS12381G2_XMD:SHA-256_SSWU_RO_";

  private BlsExecutors() {}

  /** Handler name -> executor, for every handler of the {@code bls} runner. */
  public static Map<String, TestExecutor> executors() {
    Map<String, TestExecutor> m = new LinkedHashMap<>();
    m.put("sign", BlsExecutors::sign);
    m.put("verify", BlsExecutors::verify);
    m.put("aggregate", BlsExecutors::aggregate);
    m.put("fast_aggregate_verify", tc -> fastAggregateVerify(tc, false));
    m.put("eth_fast_aggregate_verify", tc -> fastAggregateVerify(tc, true));
    m.put("aggregate_verify", BlsExecutors::aggregateVerify);
    m.put("batch_verify", BlsExecutors::batchVerify);
    m.put("deserialization_G1", BlsExecutors::deserializationG1);
    m.put("deserialization_G2", BlsExecutors::deserializationG2);
    m.put("hash_to_G2", BlsExecutors::hashToG2);
    m.put("eth_aggregate_pubkeys", BlsExecutors::ethAggregatePubkeys);
    return Collections.unmodifiableMap(m);
  }

  // --- handlers ---------------------------------------------------------------------------------

  private static void sign(TestCase tc) {
    JsonNode data = tc.yaml("data.yaml");
    JsonNode input = data.get("input");
    Outcome<Bytes> actual =
        attempt(
            () ->
                Bls.sign(BlsSecretKey.fromBytes(hex(input.get("privkey"))), hex(input.get("message")))
                    .toBytes());
    expectBytesOrFailure(tc, data.get("output"), actual);
  }

  private static void verify(TestCase tc) {
    JsonNode data = tc.yaml("data.yaml");
    JsonNode input = data.get("input");
    boolean actual =
        falseOnBadEncoding(
            () ->
                Bls.verify(
                    BlsPublicKey.fromBytes(hex(input.get("pubkey"))),
                    hex(input.get("message")),
                    BlsSignature.fromBytes(hex(input.get("signature")))));
    expectBool(tc, data.get("output"), actual);
  }

  private static void aggregate(TestCase tc) {
    JsonNode data = tc.yaml("data.yaml");
    Outcome<Bytes> actual =
        attempt(
            () -> {
              List<BlsSignature> signatures = new ArrayList<>();
              for (JsonNode s : data.get("input")) {
                signatures.add(BlsSignature.fromBytes(hex(s)));
              }
              return Bls.aggregate(signatures).toBytes();
            });
    expectBytesOrFailure(tc, data.get("output"), actual);
  }

  private static void fastAggregateVerify(TestCase tc, boolean ethVariant) {
    JsonNode data = tc.yaml("data.yaml");
    JsonNode input = data.get("input");
    boolean actual =
        falseOnBadEncoding(
            () -> {
              List<BlsPublicKey> pks = publicKeys(input.get("pubkeys"));
              Bytes message = hex(input.get("message"));
              BlsSignature signature = BlsSignature.fromBytes(hex(input.get("signature")));
              return ethVariant
                  ? Bls.ethFastAggregateVerify(pks, message, signature)
                  : Bls.fastAggregateVerify(pks, message, signature);
            });
    expectBool(tc, data.get("output"), actual);
  }

  private static void aggregateVerify(TestCase tc) {
    JsonNode data = tc.yaml("data.yaml");
    JsonNode input = data.get("input");
    boolean actual =
        falseOnBadEncoding(
            () ->
                Bls.aggregateVerify(
                    publicKeys(input.get("pubkeys")),
                    hexList(input.get("messages")),
                    BlsSignature.fromBytes(hex(input.get("signature")))));
    expectBool(tc, data.get("output"), actual);
  }

  private static void batchVerify(TestCase tc) {
    JsonNode data = tc.yaml("data.yaml");
    JsonNode input = data.get("input");
    boolean actual =
        falseOnBadEncoding(
            () -> {
              List<BlsPublicKey> pks = publicKeys(input.get("pubkeys"));
              List<Bytes> messages = hexList(input.get("messages"));
              List<Bytes> signatures = hexList(input.get("signatures"));
              if (pks.size() != messages.size() || pks.size() != signatures.size()) {
                return false;
              }
              BlsBatchVerifier verifier = new BlsBatchVerifier();
              for (int i = 0; i < pks.size(); i++) {
                verifier.add(pks.get(i), messages.get(i), BlsSignature.fromBytes(signatures.get(i)));
              }
              boolean combined = verifier.verifyAll();
              BlsBatchVerifier.Result detailed = verifier.verify();
              if (combined != detailed.isValid()) {
                throw new AssertionError(
                    tc.displayName() + ": combined batch check says " + combined
                        + " but per-triple verification found invalid triples " + detailed.invalidIndices());
              }
              return combined;
            });
    expectBool(tc, data.get("output"), actual);
  }

  private static void deserializationG1(TestCase tc) {
    JsonNode data = tc.yaml("data.yaml");
    boolean actual =
        falseOnBadEncoding(
            () -> {
              // Deserialisation accepts the point at infinity; only KeyValidate rejects it.
              Optional<InvalidBlsEncodingException.Reason> reason =
                  BlsPublicKey.fromBytes(hex(data.get("input").get("pubkey"))).invalidReason();
              return reason.isEmpty() || reason.get() == InvalidBlsEncodingException.Reason.INFINITY;
            });
    expectBool(tc, data.get("output"), actual);
  }

  private static void deserializationG2(TestCase tc) {
    JsonNode data = tc.yaml("data.yaml");
    boolean actual =
        falseOnBadEncoding(
            () -> BlsSignature.fromBytes(hex(data.get("input").get("signature"))).isValid());
    expectBool(tc, data.get("output"), actual);
  }

  private static void hashToG2(TestCase tc) {
    JsonNode data = tc.yaml("data.yaml");
    Bytes message = Bytes.wrap(data.get("input").get("msg").asText().getBytes(StandardCharsets.UTF_8));
    JsonNode output = data.get("output");
    if (output == null || output.isNull()) {
      throw new AssertionError(tc.displayName() + ": hash_to_G2 case without an expected point");
    }
    // ZCash layout: x.c1 | x.c0 | y.c1 | y.c0; the vectors write each coordinate as "c0,c1".
    Bytes point = Bls.hashToG2Uncompressed(message, HASH_TO_G2_TEST_DST);
    String actualX = point.slice(48, 48).toHexString() + "," + point.slice(0, 48).toHexString();
    String actualY = point.slice(144, 48).toHexString() + "," + point.slice(96, 48).toHexString();
    String expectedX = normaliseCoordinate(output.get("x").asText());
    String expectedY = normaliseCoordinate(output.get("y").asText());
    if (!actualX.equals(expectedX) || !actualY.equals(expectedY)) {
      throw new AssertionError(
          tc.displayName() + ": hash_to_G2 mismatch\n expected x=" + expectedX + "\n   actual x=" + actualX
              + "\n expected y=" + expectedY + "\n   actual y=" + actualY);
    }
  }

  private static void ethAggregatePubkeys(TestCase tc) {
    JsonNode data = tc.yaml("data.yaml");
    Outcome<Bytes> actual =
        attempt(() -> Bls.ethAggregatePubkeys(publicKeys(data.get("input"))).toBytes());
    expectBytesOrFailure(tc, data.get("output"), actual);
  }

  // --- comparison ---------------------------------------------------------------------------

  /** Result of an operation that the spec may expect to fail. */
  private record Outcome<T>(T value, RuntimeException failure) {}

  private static <T> Outcome<T> attempt(Supplier<T> op) {
    try {
      return new Outcome<>(op.get(), null);
    } catch (BlsException e) {
      return new Outcome<>(null, e);
    }
  }

  /** Verification-style operations: an undecodable input (e.g. wrong length) means "invalid". */
  private static boolean falseOnBadEncoding(Supplier<Boolean> op) {
    try {
      return op.get();
    } catch (InvalidBlsEncodingException e) {
      return false;
    }
  }

  private static void expectBool(TestCase tc, JsonNode expected, boolean actual) {
    if (expected == null || !expected.isBoolean()) {
      throw new AssertionError(tc.displayName() + ": expected output is not a boolean: " + expected);
    }
    if (expected.booleanValue() != actual) {
      throw new AssertionError(
          tc.displayName() + ": expected " + expected.booleanValue() + " but got " + actual);
    }
  }

  private static void expectBytesOrFailure(TestCase tc, JsonNode expected, Outcome<Bytes> actual) {
    if (expected == null || expected.isNull()) {
      if (actual.failure() == null) {
        throw new AssertionError(
            tc.displayName() + ": expected the operation to fail, but it returned " + actual.value());
      }
      return;
    }
    Bytes want = hex(expected);
    if (actual.failure() != null) {
      AssertionError error =
          new AssertionError(tc.displayName() + ": expected " + want + " but the operation failed: "
              + actual.failure().getMessage());
      error.initCause(actual.failure());
      throw error;
    }
    if (!want.equals(actual.value())) {
      throw new AssertionError(tc.displayName() + ": expected " + want + " but got " + actual.value());
    }
  }

  // --- parsing --------------------------------------------------------------------------------

  private static List<BlsPublicKey> publicKeys(JsonNode list) {
    List<BlsPublicKey> out = new ArrayList<>();
    for (JsonNode node : list) {
      out.add(BlsPublicKey.fromBytes(hex(node)));
    }
    return out;
  }

  private static List<Bytes> hexList(JsonNode list) {
    List<Bytes> out = new ArrayList<>();
    for (JsonNode node : list) {
      out.add(hex(node));
    }
    return out;
  }

  static Bytes hex(JsonNode node) {
    if (node == null || node.isNull()) {
      throw new IllegalStateException("missing hex value in test data");
    }
    String text = node.asText();
    if (text.startsWith("0x") || text.startsWith("0X")) {
      text = text.substring(2);
    }
    return Bytes.wrap(HexFormat.of().parseHex(text));
  }

  private static String normaliseCoordinate(String text) {
    String[] parts = text.split(",");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].trim().toLowerCase(Locale.ROOT);
      if (!p.startsWith("0x")) {
        p = "0x" + p;
      }
      sb.append(i == 0 ? "" : ",").append(p);
    }
    return sb.toString();
  }
}
