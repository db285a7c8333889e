package io.edvt.groups;

import java.util.List;
import java.util.Objects;

/**
 * The signatures by which members of a group claim to have signed one message, in one of the
 * three shapes the protocol carries them:
 *
 * <ul>
 *   <li>{@link Entries}: loose (member, signature) pairs, as collected from gossip; a member may
 *       appear more than once, and only its first entry counts.
 *   <li>{@link Individual}: a signer bitvector and one signature per set bit in ascending member
 *       order, the on-chain shape for schemes without aggregation.
 *   <li>{@link Aggregate}: a signer bitvector and one aggregate signature, the on-chain shape for
 *       schemes with aggregation.
 * </ul>
 *
 * @param <S> signature type
 */
public sealed interface MemberSignatures<S> {

  static <S> Entries<S> entries(List<MemberSignature<S>> entries) {
    return new Entries<>(entries);
  }

  static <S> Individual<S> individual(SignerSet signers, List<S> signatures) {
    return new Individual<>(signers, signatures);
  }

  static <S> Aggregate<S> aggregate(SignerSet signers, S aggregate) {
    return new Aggregate<>(signers, aggregate);
  }

  /** Loose pairs; repeated members are allowed and only the first entry of each is considered. */
  record Entries<S>(List<MemberSignature<S>> entries) implements MemberSignatures<S> {
    public Entries {
      entries = List.copyOf(entries);
    }
  }

  /** Signature {@code k} belongs to the {@code k}-th member of {@code signers} in ascending order. */
  record Individual<S>(SignerSet signers, List<S> signatures) implements MemberSignatures<S> {
    public Individual {
      Objects.requireNonNull(signers, "signers");
      signatures = List.copyOf(signatures);
    }
  }

  /** One aggregate of the signatures of every member of {@code signers}. */
  record Aggregate<S>(SignerSet signers, S aggregate) implements MemberSignatures<S> {
    public Aggregate {
      Objects.requireNonNull(signers, "signers");
      Objects.requireNonNull(aggregate, "aggregate");
    }
  }
}
