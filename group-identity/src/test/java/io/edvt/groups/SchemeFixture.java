package io.edvt.groups;

import io.edvt.infrastructure.crypto.scheme.BlsScheme;
import io.edvt.infrastructure.crypto.scheme.LmsScheme;
import io.edvt.infrastructure.crypto.scheme.SignatureScheme;
import io.edvt.infrastructure.crypto.scheme.SigningKey;
import io.edvt.infrastructure.unsigned.UInt64;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * A signature scheme with a pool of deterministic keys, generated once per test class. Group
 * tests run once per scheme: BLS (aggregating, stateless) and LMS (hash-based, stateful, no
 * aggregation). LMS keys are h5/w4 (32 leaves each, about 50-100 ms to generate), so signatures
 * are memoised per (key, message): a class signs each message with each key once.
 */
final class SchemeFixture<K, S> {
  /** LMS parameters for tests: small tree so key generation is fast. */
  static final LmsScheme TEST_LMS = LmsScheme.sha256(5, 4);

  private final String label;
  private final SignatureScheme<K, S> scheme;
  private final ThresholdVerifier<K, S> verifier;
  private final List<SigningKey<K, S>> signingKeys;
  private final Map<K, Integer> indexByKey = new HashMap<>();
  private final Map<SignatureKey, S> signatures = new HashMap<>();
  private final Map<ProofKey, S> proofs = new HashMap<>();
  private final GroupKeyProofs<K, S> keyProofs;

  /**
   * {@code get_domain(state, DOMAIN_GROUP_KEY_PROOF)} for the tests: the domain type followed by
   * 28 bytes standing for the fork data root.
   */
  static final Bytes32 KEY_PROOF_DOMAIN =
      Bytes32.wrap(Bytes.concatenate(GroupDomains.DOMAIN_GROUP_KEY_PROOF, Bytes.repeat((byte) 0x5a, 28)));

  private record SignatureKey(int key, Bytes message) {}

  private record ProofKey(int key, UInt64 validatorIndex, Bytes32 domain) {}

  private SchemeFixture(String label, SignatureScheme<K, S> scheme, int keyCount) {
    this.label = label;
    this.scheme = scheme;
    this.verifier = new ThresholdVerifier<>(scheme);
    this.keyProofs = new GroupKeyProofs<>(scheme);
    List<SigningKey<K, S>> keys = new ArrayList<>();
    for (int i = 0; i < keyCount; i++) {
      SigningKey<K, S> key = scheme.generateKey(Bytes32.leftPad(Bytes.ofUnsignedInt(1000 + i)));
      keys.add(key);
      indexByKey.put(key.publicKey(), i);
    }
    this.signingKeys = List.copyOf(keys);
  }

  /** Both schemes with {@code keyCount} keys each. */
  static List<SchemeFixture<?, ?>> both(int keyCount) {
    return List.of(
        new SchemeFixture<>("BLS", BlsScheme.INSTANCE, keyCount),
        new SchemeFixture<>("LMS-h5-w4", TEST_LMS, keyCount));
  }

  SignatureScheme<K, S> scheme() {
    return scheme;
  }

  ThresholdVerifier<K, S> verifier() {
    return verifier;
  }

  boolean aggregates() {
    return scheme.aggregation().isPresent();
  }

  GroupKeyProofs<K, S> keyProofs() {
    return keyProofs;
  }

  SigningKey<K, S> signingKey(int index) {
    return signingKeys.get(index);
  }

  K key(int index) {
    return signingKeys.get(index).publicKey();
  }

  /** Keys {@code 0 .. count-1}. */
  List<K> keys(int count) {
    return IntStream.range(0, count).mapToObj(this::key).toList();
  }

  /** The key set of keys {@code 0 .. n-1} with threshold {@code m}, active from {@code epoch}. */
  GroupKeySet<K> keySet(int m, int n, long epoch) {
    return new GroupKeySet<>(m, keys(n), UInt64.valueOf(epoch));
  }

  /** Key {@code index}'s signature over {@code message}, made once and reused. */
  synchronized S sign(int index, Bytes message) {
    return signatures.computeIfAbsent(new SignatureKey(index, message), k -> signingKeys.get(index).sign(message));
  }

  /** A new signature (for a stateful scheme, with a new one-time key). */
  S signAgain(int index, Bytes message) {
    return signingKeys.get(index).sign(message);
  }

  /**
   * Key {@code index}'s proof of possession for serving {@code validatorIndex} (a signature over
   * {@code GroupKeyProof(validator_index, pubkey)} under {@link #KEY_PROOF_DOMAIN}), made once and
   * reused.
   */
  synchronized S proof(int index, UInt64 validatorIndex) {
    return proof(index, validatorIndex, KEY_PROOF_DOMAIN);
  }

  /** {@link #proof(int, UInt64)} under another domain. */
  synchronized S proof(int index, UInt64 validatorIndex, Bytes32 domain) {
    return proofs.computeIfAbsent(
        new ProofKey(index, validatorIndex, domain), k -> keyProofs.prove(signingKeys.get(index), validatorIndex, domain));
  }

  /** The signature of the key that is member {@code member} of {@code keySet}. */
  S signAsMember(GroupKeySet<K> keySet, int member, Bytes message) {
    return sign(indexByKey.get(keySet.key(member)), message);
  }

  /** Members' individual signatures in the on-chain bitvector shape. */
  MemberSignatures.Individual<S> individual(GroupKeySet<K> keySet, Bytes message, int... members) {
    SignerSet signers = SignerSet.of(members);
    List<S> list = signers.stream().mapToObj(m -> signAsMember(keySet, m, message)).toList();
    return MemberSignatures.individual(signers, list);
  }

  /** The shape a block would carry: one aggregate if the scheme aggregates, else individual signatures. */
  MemberSignatures<S> onChain(GroupKeySet<K> keySet, Bytes message, int... members) {
    MemberSignatures.Individual<S> individual = individual(keySet, message, members);
    return scheme
        .aggregation()
        .<MemberSignatures<S>>map(a -> MemberSignatures.aggregate(individual.signers(), a.aggregate(individual.signatures())))
        .orElse(individual);
  }

  /** Loose entries, in the given order (repeats allowed). */
  List<MemberSignature<S>> entries(GroupKeySet<K> keySet, Bytes message, int... members) {
    return IntStream.of(members).mapToObj(m -> new MemberSignature<>(m, signAsMember(keySet, m, message))).toList();
  }

  @Override
  public String toString() {
    return label;
  }
}
