package io.edvt.node.validator.group;

import io.edvt.groups.GroupKeySet;
import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.crypto.bls.BlsSignature;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * Steps 2 and 3 of validator.md "Voluntary exits and other group-signed operations" for one node,
 * whatever the operation ({@link GroupExits}, {@link GroupKeyChanges}): member signatures over a
 * group's message (each already validated as its signature topic validates it: a valid signature
 * of a member of the key set that signs) are collected per message. When held keys are allowed
 * to co-sign ({@link #cosignWith}: the staker's policy, configured on the member) and the
 * operation finds nothing wrong with the request ({@link Operation#cosignRefusal}), every held
 * key of that key set that has not signed yet signs the same message and its signature goes out
 * too. Once {@code m} members have signed, the operation is assembled
 * ({@code assemble_threshold_signature}: their signatures aggregated, {@code signer_bits} set for
 * them) and handed on once.
 *
 * <p>Bounded: at most {@link #MAX_MESSAGES} messages are tracked (the oldest is dropped), each
 * with at most {@code MAX_GROUP_SIZE} signatures. Thread-safe (one lock: a handful of messages
 * per operation).
 *
 * @param <S> the signature container exchanged on the topic ({@code GroupExitSignature}, ...)
 * @param <M> the signed message ({@code VoluntaryExit}, {@code GroupKeyChange})
 * @param <O> the assembled operation ({@code SignedVoluntaryExit}, {@code SignedGroupKeyChange})
 */
public final class GroupSignatureCollector<S, M extends SszContainer, O> {
  private static final System.Logger LOG = System.getLogger(GroupSignatureCollector.class.getName());
  static final int MAX_MESSAGES = 64;

  /** What differs between group-signed operations. */
  public interface Operation<S, M, O> {
    /** For logs: "exit", "key change". */
    String name();

    /** For logs: which validator's operation {@code message} is, and what it does. */
    String describe(M message);

    M message(S signature);

    int memberIndex(S signature);

    Bytes signature(S signature);

    S signature(M message, int memberIndex, Bytes signature);

    /** The key set whose members sign {@code message} on {@code head}; empty when there is none (nothing is collected). */
    Optional<GroupKeySet<Bytes48>> signers(M message, MutableBeaconState head);

    /** Why held keys must not sign {@code message} on {@code head}; empty when they may. */
    Optional<String> cosignRefusal(M message, MutableBeaconState head);

    /** The root every member signs for {@code message} on {@code head}. */
    Bytes32 signingRoot(M message, MutableBeaconState head);

    /** The operation signed by the members {@code signerBits} names, their signatures aggregated. */
    O assemble(M message, Bytes aggregate, SszBits signerBits);
  }

  /** Where what this node produces goes: its own members' signatures, and assembled operations. */
  public interface Outputs<S, O> {
    void signature(S signature);

    void assembled(O operation);
  }

  private final Operation<S, M, O> operation;
  private final int maxGroupSize;
  private final Outputs<S, O> outputs;
  private final Map<Bytes48, BlsSecretKey> cosigners = new LinkedHashMap<>();
  private final LinkedHashMap<Bytes32, Pending<M>> pending = new LinkedHashMap<>();

  private static final class Pending<M> {
    final M message;
    final TreeMap<Integer, Bytes> signatures = new TreeMap<>();
    boolean assembled;
    boolean refusalLogged;

    Pending(M message) {
      this.message = message;
    }
  }

  public GroupSignatureCollector(Operation<S, M, O> operation, int maxGroupSize, Outputs<S, O> outputs) {
    this.operation = operation;
    this.maxGroupSize = maxGroupSize;
    this.outputs = outputs;
  }

  /** From now on these keys co-sign the valid requests of their groups (the member's policy allows it). */
  public synchronized void cosignWith(List<BlsSecretKey> keys) {
    keys.forEach(k -> cosigners.put(k.publicKey().toBytes(), k));
  }

  /** The member signatures held, oldest message first. */
  public synchronized List<S> signatures() {
    List<S> out = new ArrayList<>();
    pending.values().forEach(p -> p.signatures.forEach((member, s) -> out.add(operation.signature(p.message, member, s))));
    return out;
  }

  /** A validated member signature (gossip, the API, or our own), read against {@code head}. */
  public void onSignature(S signature, BeaconState head) {
    List<S> own = new ArrayList<>();
    M message = operation.message(signature);
    Optional<O> assembled;
    int signed;
    synchronized (this) {
      MutableBeaconState view = new MutableBeaconState(head);
      Optional<GroupKeySet<Bytes48>> keySet = operation.signers(message, view);
      if (keySet.isEmpty()) {
        return;
      }
      Pending<M> p = pending(message);
      p.signatures.putIfAbsent(operation.memberIndex(signature), operation.signature(signature));
      List<Integer> ours = heldUnsigned(keySet.get(), p);
      if (!ours.isEmpty()) {
        Optional<String> refusal = operation.cosignRefusal(message, view);
        if (refusal.isEmpty()) {
          Bytes32 root = operation.signingRoot(message, view);
          for (int member : ours) {
            Bytes s = Bls.sign(cosigners.get(keySet.get().key(member)), root).toBytes();
            p.signatures.put(member, s);
            own.add(operation.signature(message, member, s));
          }
        } else if (!p.refusalLogged) {
          p.refusalLogged = true;
          LOG.log(System.Logger.Level.WARNING, "Not co-signing a group {0} with members {1}: {2}", operation.name(), ours,
              refusal.get());
        }
      }
      assembled = assembleIfComplete(p, keySet.get().threshold());
      signed = p.signatures.size();
    }
    own.forEach(outputs::signature);
    assembled.ifPresent(o -> {
      LOG.log(System.Logger.Level.INFO, "Group {0} {1} assembled from {2} member signatures", operation.name(),
          operation.describe(message), signed);
      outputs.assembled(o);
    });
  }

  /** The members of {@code keySet} whose keys we hold and that have not signed {@code p} yet. */
  private List<Integer> heldUnsigned(GroupKeySet<Bytes48> keySet, Pending<M> p) {
    List<Integer> out = new ArrayList<>();
    for (int member = 0; member < keySet.size(); member++) {
      if (cosigners.containsKey(keySet.key(member)) && !p.signatures.containsKey(member)) {
        out.add(member);
      }
    }
    return out;
  }

  private Pending<M> pending(M message) {
    Bytes32 root = message.hashTreeRoot();
    Pending<M> p = pending.get(root);
    if (p == null) {
      if (pending.size() >= MAX_MESSAGES) {
        Iterator<Bytes32> oldest = pending.keySet().iterator();
        oldest.next();
        oldest.remove();
      }
      p = new Pending<>(message);
      pending.put(root, p);
    }
    return p;
  }

  /** {@code assemble_threshold_signature} once {@code threshold} members have signed; once per message. */
  private Optional<O> assembleIfComplete(Pending<M> p, int threshold) {
    if (p.assembled || p.signatures.size() < threshold) {
      return Optional.empty();
    }
    p.assembled = true;
    int[] signers = new int[p.signatures.size()];
    List<BlsSignature> signatures = new ArrayList<>();
    int i = 0;
    for (Map.Entry<Integer, Bytes> e : p.signatures.entrySet()) {
      signers[i++] = e.getKey();
      signatures.add(BlsSignature.fromBytes(e.getValue()));
    }
    return Optional.of(operation.assemble(p.message, Bls.aggregate(signatures).toBytes(),
        SszBits.withSet(maxGroupSize, signers)));
  }
}
