package io.edvt.groups;

import io.edvt.infrastructure.crypto.scheme.Aggregation;
import io.edvt.infrastructure.crypto.scheme.SignatureScheme;
import io.edvt.infrastructure.unsigned.UInt64;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;

/**
 * The group's central rule: a message counts as signed by the group iff it carries valid
 * signatures of at least {@code m} distinct members of the key set in force. Works for any {@link
 * SignatureScheme}: with {@link MemberSignatures.Aggregate} when the scheme aggregates, otherwise
 * by verifying each member's signature and counting distinct valid signers.
 *
 * <p>With a signer bitvector this is the spec's {@code is_valid_threshold_signature}, whose checks
 * it runs in the spec's order, each failing with its {@link ThresholdFailure}:
 *
 * <ol>
 *   <li>(with a {@link KeySetLookup}) a key set signs for the validator at the epoch;
 *   <li>shape: an {@link MemberSignatures.Individual} has one signature per signer bit (the
 *       spec's "one signature per set bit, in member order" for schemes without aggregation);
 *   <li>count: at least {@code threshold} members are named ({@code len(signers) <
 *       key_set.threshold}); checked before any cryptography;
 *   <li>range: every named signer is a member ({@code member_index < len(key_set.pubkeys)});
 *   <li>signatures: {@code FastAggregateVerify} over the named members' keys, or every
 *       individual signature verifies (one invalid signature fails the whole set, as it would
 *       inside an aggregate).
 * </ol>
 *
 * For loose {@link MemberSignatures.Entries} (gossip, not on chain) the range is checked as
 * entries are read and only the first entry of each member is considered, so the work is at most
 * {@code n} verifications whatever the input size.
 *
 * <p>A validator without a group signs with {@link SignerSet#PLAIN} against {@link
 * GroupKeySet#plain}; empty signer bits never verify.
 *
 * Immutable and thread-safe if the scheme is.
 */
public final class ThresholdVerifier<K, S> {
  private final SignatureScheme<K, S> scheme;

  public ThresholdVerifier(SignatureScheme<K, S> scheme) {
    this.scheme = scheme;
  }

  public SignatureScheme<K, S> scheme() {
    return scheme;
  }

  /** Whether {@link MemberSignatures.Aggregate} can be verified with this scheme. */
  public boolean supportsAggregation() {
    return scheme.aggregation().isPresent();
  }

  /** At least {@code keySet.threshold()} valid signatures of distinct members over {@code message}. */
  public ThresholdResult verify(GroupKeySet<K> keySet, Bytes message, MemberSignatures<S> signatures) {
    return check(keySet, message, signatures, keySet.threshold());
  }

  /**
   * {@code is_valid_threshold_signature(state, validator_index, epoch, signing_root, signer_bits,
   * signature)}: the key set that {@code lookup} gives for the validator at {@code epoch}, then
   * {@link #verify(GroupKeySet, Bytes, MemberSignatures)}.
   */
  public ThresholdResult verify(
      KeySetLookup<K> lookup, UInt64 validatorIndex, UInt64 epoch, Bytes message, MemberSignatures<S> signatures) {
    Optional<GroupKeySet<K>> keySet = lookup.keySet(validatorIndex, epoch);
    if (keySet.isEmpty()) {
      return ThresholdResult.invalid(
          ThresholdFailure.NO_KEY_SET,
          "no key set signs for validator " + validatorIndex + " at epoch " + epoch);
    }
    return verify(keySet.get(), message, signatures);
  }

  /** {@link #verify} for loose (member, signature) entries. */
  public ThresholdResult verifyIndividual(
      GroupKeySet<K> keySet, Bytes message, List<MemberSignature<S>> entries) {
    return verify(keySet, message, MemberSignatures.entries(entries));
  }

  /** {@link #verify} for a signer bitvector with one signature per signer, in member order. */
  public ThresholdResult verifyIndividual(
      GroupKeySet<K> keySet, Bytes message, SignerSet signers, List<S> signatures) {
    return verify(keySet, message, MemberSignatures.individual(signers, signatures));
  }

  /** {@link #verify} for a signer bitvector and one aggregate signature. */
  public ThresholdResult verifyAggregate(
      GroupKeySet<K> keySet, Bytes message, SignerSet signers, S aggregate) {
    return verify(keySet, message, MemberSignatures.aggregate(signers, aggregate));
  }

  private ThresholdResult check(
      GroupKeySet<K> keySet, Bytes message, MemberSignatures<S> signatures, int required) {
    return switch (signatures) {
      case MemberSignatures.Entries<S> e -> checkEntries(keySet, message, e.entries(), required);
      case MemberSignatures.Individual<S> i ->
          checkIndividual(keySet, message, i.signers(), i.signatures(), required);
      case MemberSignatures.Aggregate<S> a ->
          checkAggregate(keySet, message, a.signers(), a.aggregate(), required);
    };
  }

  private ThresholdResult checkEntries(
      GroupKeySet<K> keySet, Bytes message, List<MemberSignature<S>> entries, int required) {
    SignerSet signers = SignerSet.EMPTY;
    List<MemberSignature<S>> considered = new ArrayList<>();
    for (MemberSignature<S> entry : entries) {
      int member = entry.member();
      if (member < 0 || member >= keySet.size()) {
        return outOfRange(member, keySet);
      }
      if (!signers.contains(member)) {
        signers = signers.with(member);
        considered.add(entry);
      }
    }
    ThresholdResult tooFew = tooFew(signers, required, keySet);
    if (tooFew != null) {
      return tooFew;
    }
    for (MemberSignature<S> entry : considered) {
      if (!scheme.verify(keySet.key(entry.member()), message, entry.signature())) {
        return invalidSignature(entry.member());
      }
    }
    return ThresholdResult.valid(signers);
  }

  private ThresholdResult checkIndividual(
      GroupKeySet<K> keySet, Bytes message, SignerSet signers, List<S> signatures, int required) {
    if (signatures.size() != signers.count()) {
      return ThresholdResult.invalid(
          ThresholdFailure.SIGNATURE_COUNT_MISMATCH,
          signers.count() + " signer bits but " + signatures.size() + " signatures");
    }
    ThresholdResult tooFew = tooFew(signers, required, keySet);
    if (tooFew != null) {
      return tooFew;
    }
    if (!signers.fitsWithin(keySet.size())) {
      return outOfRange(signers.highestMember(), keySet);
    }
    int[] members = signers.toArray();
    for (int k = 0; k < members.length; k++) {
      if (!scheme.verify(keySet.key(members[k]), message, signatures.get(k))) {
        return invalidSignature(members[k]);
      }
    }
    return ThresholdResult.valid(signers);
  }

  private ThresholdResult checkAggregate(
      GroupKeySet<K> keySet, Bytes message, SignerSet signers, S aggregate, int required) {
    ThresholdResult tooFew = tooFew(signers, required, keySet);
    if (tooFew != null) {
      return tooFew;
    }
    if (!signers.fitsWithin(keySet.size())) {
      return outOfRange(signers.highestMember(), keySet);
    }
    Optional<Aggregation<K, S>> aggregation = scheme.aggregation();
    if (aggregation.isEmpty()) {
      return ThresholdResult.invalid(
          ThresholdFailure.AGGREGATION_UNSUPPORTED,
          scheme.name() + " has no aggregation; send one signature per member");
    }
    if (!aggregation.get().fastAggregateVerify(keySet.keysOf(signers), message, aggregate)) {
      return ThresholdResult.invalid(
          ThresholdFailure.INVALID_SIGNATURE, "aggregate signature of members " + signers + " does not verify");
    }
    return ThresholdResult.valid(signers);
  }

  private static ThresholdResult outOfRange(int member, GroupKeySet<?> keySet) {
    return ThresholdResult.invalid(
        ThresholdFailure.SIGNER_OUT_OF_RANGE,
        "signer " + member + " is not a member of a group of " + keySet.size());
  }

  private static ThresholdResult tooFew(SignerSet signers, int required, GroupKeySet<?> keySet) {
    if (signers.count() >= required) {
      return null;
    }
    return ThresholdResult.invalid(
        ThresholdFailure.TOO_FEW_SIGNERS,
        signers.count()
            + " distinct signers, "
            + required
            + " required (threshold "
            + keySet.threshold()
            + " of "
            + keySet.size()
            + ")");
  }

  private static ThresholdResult invalidSignature(int member) {
    return ThresholdResult.invalid(
        ThresholdFailure.INVALID_SIGNATURE, "signature of member " + member + " does not verify");
  }
}
