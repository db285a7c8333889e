package io.edvt.infrastructure.crypto.scheme;

import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;
import org.bouncycastle.pqc.crypto.lms.LMOtsParameters;
import org.bouncycastle.pqc.crypto.lms.LMSPrivateKeyParameters;
import org.bouncycastle.pqc.crypto.lms.LMSSigner;
import org.bouncycastle.pqc.crypto.lms.LMSigParameters;

/**
 * An LMS signing key with explicit state: the index of the next unused leaf.
 *
 * <p>Each signature follows the same steps under this object's lock:
 *
 * <ol>
 *   <li>if every leaf is used, throw {@link SigningKeyExhaustedException};
 *   <li>take leaf {@code q = nextLeaf} and advance {@code nextLeaf} to {@code q + 1} in memory,
 *       so {@code q} is spent whether or not a signature follows;
 *   <li>record {@code q + 1} through the {@link LeafIndexStore}; if that throws, stop (the leaf
 *       is burnt, nothing was signed);
 *   <li>sign with leaf {@code q}.
 * </ol>
 *
 * A leaf therefore never signs twice in this process, and never after a restart from the store
 * either. The Bouncy Castle key object (which caches the tree's nodes) keeps its own counter; it
 * is moved forward over burnt leaves, and a counter ahead of ours is reported as a broken
 * invariant rather than silently followed.
 *
 * <p>Performance caveat: Bouncy Castle caches the tree's nodes in a {@code WeakHashMap} whose keys
 * for nodes below the top seven levels are not strongly held, so after a garbage collection a
 * signature may recompute part of the tree (measured here: about 10 ms for h10/w4 and 50-120 ms
 * for h10/w8, against 0.3 ms and 2 ms with a warm cache). A production signer would keep the
 * authentication-path nodes itself.
 */
public final class LmsSigningKey implements SigningKey<LmsPublicKey, LmsSignature> {
  private final LmsScheme scheme;
  private final LMSPrivateKeyParameters tree;
  private final LmsPublicKey publicKey;
  private final LeafIndexStore store;
  private long nextLeaf; // guarded by this

  LmsSigningKey(
      LmsScheme scheme,
      LMSigParameters treeParameters,
      LMOtsParameters otsParameters,
      byte[] identifier,
      byte[] secretSeed,
      int nextLeaf,
      LeafIndexStore store) {
    this.scheme = scheme;
    this.tree =
        new LMSPrivateKeyParameters(
            treeParameters, otsParameters, nextLeaf, identifier, (int) scheme.leafCount(), secretSeed);
    this.publicKey = LmsPublicKey.fromParameters(tree.getPublicKey());
    this.store = store;
    this.nextLeaf = nextLeaf;
  }

  public LmsScheme scheme() {
    return scheme;
  }

  @Override
  public LmsPublicKey publicKey() {
    return publicKey;
  }

  /** The leaf the next signature will use; equal to {@code 2^h} once exhausted. This is the state to persist. */
  public synchronized long nextLeaf() {
    return nextLeaf;
  }

  @Override
  public synchronized OptionalLong remainingSignatures() {
    return OptionalLong.of(scheme.leafCount() - nextLeaf);
  }

  @Override
  public LmsSignature sign(Bytes message) {
    return signInput(scheme.signingInput(message.toArrayUnsafe()));
  }

  private synchronized LmsSignature signInput(byte[] input) {
    long leaf = nextLeaf;
    if (leaf >= scheme.leafCount()) {
      throw new SigningKeyExhaustedException(
          "LMS key "
              + publicKey
              + " has used all "
              + scheme.leafCount()
              + " one-time keys; rotate to a new member key");
    }
    nextLeaf = leaf + 1;
    store.persistNextLeaf(leaf + 1);
    int treeIndex = tree.getIndex();
    if (treeIndex < leaf) {
      // Leaves burnt by failed persists: move the tree past them (the shard is discarded).
      tree.extractKeyShard((int) (leaf - treeIndex));
    } else if (treeIndex > leaf) {
      throw new IllegalStateException(
          "LMS tree is at leaf " + treeIndex + " but the key state is at leaf " + leaf);
    }
    LMSSigner signer = new LMSSigner();
    signer.init(true, tree);
    LmsSignature signature = new LmsSignature(Bytes.wrap(signer.generateSignature(input)));
    if (signature.leafIndex() != leaf) {
      throw new IllegalStateException(
          "LMS signed with leaf " + signature.leafIndex() + " instead of leaf " + leaf);
    }
    return signature;
  }

  @Override
  public String toString() {
    return "LmsSigningKey[" + scheme.name() + ", pubkey=" + publicKey + "]";
  }
}
