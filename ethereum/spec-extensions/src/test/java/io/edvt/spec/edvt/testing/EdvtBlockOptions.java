package io.edvt.spec.edvt.testing;

import io.edvt.spec.edvt.datastructures.groups.SignedGroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupRegistration;
import java.util.ArrayList;
import java.util.List;

/**
 * What an {@link EdvtChainBuilder} block carries besides Fulu's {@code BlockOptions}: the group
 * operations to include and, for a group proposer, which members sign it. Mutable, built
 * fluently: {@code EdvtBlockOptions.none().registration(r).signers(2, 0)}.
 */
public final class EdvtBlockOptions {
  private final List<SignedGroupRegistration> registrations = new ArrayList<>();
  private final List<SignedGroupKeyChange> keyChanges = new ArrayList<>();
  private int[] signers;
  private boolean signatureOverWrongRoot;

  private EdvtBlockOptions() {}

  /** No group operations; the proposer's best-ranked {@code m} members sign. */
  public static EdvtBlockOptions none() {
    return new EdvtBlockOptions();
  }

  public EdvtBlockOptions registration(SignedGroupRegistration r) {
    registrations.add(r);
    return this;
  }

  public EdvtBlockOptions keyChange(SignedGroupKeyChange c) {
    keyChanges.add(c);
    return this;
  }

  /**
   * The members of the proposer's key set that sign the block (the RANDAO reveal is the
   * best-ranked one's, as {@code verify_block_signature} requires); any number, so a test can
   * also make a block with fewer than {@code m}.
   */
  public EdvtBlockOptions signers(int... members) {
    this.signers = members.clone();
    return this;
  }

  /**
   * The signers named by {@code signer_bits} sign another message than the block: the block is
   * well-formed and only the signature check rejects it.
   */
  public EdvtBlockOptions signatureOverWrongRoot() {
    this.signatureOverWrongRoot = true;
    return this;
  }

  List<SignedGroupRegistration> registrations() {
    return List.copyOf(registrations);
  }

  List<SignedGroupKeyChange> keyChanges() {
    return List.copyOf(keyChanges);
  }

  /** The chosen signers, or null for the best-ranked {@code m}. */
  int[] signers() {
    return signers == null ? null : signers.clone();
  }

  boolean signsWrongRoot() {
    return signatureOverWrongRoot;
  }
}
