package io.edvt.groups;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.crypto.Sha256;
import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.ssz.types.SszTypes;
import io.edvt.infrastructure.unsigned.UInt64;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code is_valid_group_key_proof}: a signature over {@code GroupKeyProof(validator_index, pubkey)}, for both schemes. */
class GroupKeyProofsTest {
  private static final List<SchemeFixture<?, ?>> SCHEMES = SchemeFixture.both(3);
  private static final UInt64 VALIDATOR = UInt64.valueOf(42);
  private static final UInt64 OTHER_VALIDATOR = UInt64.valueOf(43);
  private static final Bytes32 DOMAIN = SchemeFixture.KEY_PROOF_DOMAIN;

  static List<SchemeFixture<?, ?>> schemes() {
    return SCHEMES;
  }

  /** {@code GroupKeyProof} as a real SSZ container with the scheme's key size, for the cross-check. */
  static final class KeyProofContainer extends SszContainer {
    KeyProofContainer(ContainerType<KeyProofContainer> type, Object[] values) {
      super(type, values);
    }
  }

  private static ContainerType<KeyProofContainer> keyProofType(int pubkeySize) {
    return ContainerType.of(
        "GroupKeyProof",
        KeyProofContainer::new,
        field("validator_index", SszTypes.UINT64),
        field("pubkey", SszTypes.byteVector(pubkeySize)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void theSigningRootIsComputeSigningRootOfTheGroupKeyProofContainer(SchemeFixture<K, S> f) {
    Bytes pubkey = f.scheme().encodePublicKey(f.key(0));
    ContainerType<KeyProofContainer> type = keyProofType(pubkey.size());
    byte[] objectRoot = type.hashTreeRoot(type.create(VALIDATOR, pubkey));
    assertThat(GroupKeyProofs.keyProofRoot(VALIDATOR, pubkey).toArrayUnsafe()).isEqualTo(objectRoot);
    // compute_signing_root: hash_tree_root(SigningData(object_root, domain)) = sha256(object_root || domain)
    byte[] signingRoot = Sha256.hash(objectRoot, DOMAIN.toArrayUnsafe());
    assertThat(f.keyProofs().signingRoot(VALIDATOR, f.key(0), DOMAIN).toArrayUnsafe()).isEqualTo(signingRoot);
    assertThat(GroupKeyProofs.signingRoot(OTHER_VALIDATOR, pubkey, DOMAIN).toArrayUnsafe()).isNotEqualTo(signingRoot);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void theProofIsAnOrdinarySignatureOverThatRoot(SchemeFixture<K, S> f) {
    S proof = f.proof(0, VALIDATOR);
    Bytes32 root = f.keyProofs().signingRoot(VALIDATOR, f.key(0), DOMAIN);
    assertThat(f.scheme().verify(f.key(0), root, proof)).isTrue();
    assertThat(f.keyProofs().isValid(VALIDATOR, f.key(0), proof, DOMAIN)).isTrue();
    // and an ordinary signature over that root made some other way is accepted as well
    assertThat(f.keyProofs().isValid(VALIDATOR, f.key(0), f.sign(0, root), DOMAIN)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void isBoundToTheValidatorTheKeyAndTheDomain(SchemeFixture<K, S> f) {
    S proof = f.proof(0, VALIDATOR);
    assertThat(f.keyProofs().isValid(OTHER_VALIDATOR, f.key(0), proof, DOMAIN)).as("replayed for another validator").isFalse();
    assertThat(f.keyProofs().isValid(VALIDATOR, f.key(1), proof, DOMAIN)).as("claimed for another key").isFalse();
    Bytes32 otherDomain = Bytes32.wrap(Bytes.concatenate(GroupDomains.DOMAIN_GROUP_KEY_CHANGE, DOMAIN.slice(4)));
    assertThat(f.keyProofs().isValid(VALIDATOR, f.key(0), proof, otherDomain)).as("under another domain").isFalse();
    assertThat(f.keyProofs().isValid(VALIDATOR, f.key(0), f.proof(0, VALIDATOR, otherDomain), DOMAIN)).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void anUnboundProofOrASignatureOverTheKeyBytesIsNotAProof(SchemeFixture<K, S> f) {
    Bytes keyBytes = f.scheme().encodePublicKey(f.key(0));
    assertThat(f.keyProofs().isValid(VALIDATOR, f.key(0), f.sign(0, keyBytes), DOMAIN)).isFalse();
    Bytes32 unboundRoot = Bytes32.wrap(Sha256.hash(keyBytes.toArrayUnsafe()));
    assertThat(f.keyProofs().isValid(VALIDATOR, f.key(0), f.sign(0, unboundRoot), DOMAIN)).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAnInvalidKey(SchemeFixture<K, S> f) {
    K zeros = KeyChange.zeroPubkey(f.scheme());
    assertThat(f.scheme().isValidPublicKey(zeros)).isFalse();
    assertThat(f.keyProofs().isValid(VALIDATOR, zeros, f.proof(0, VALIDATOR), DOMAIN)).isFalse();
  }
}
