package io.edvt.node.validator.group;

import io.edvt.groups.GroupKeySet;
import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.crypto.bls.BlsSignature;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import io.edvt.spec.datastructures.operations.VoluntaryExit;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.datastructures.operations.SignedVoluntaryExitEdvt;
import io.edvt.spec.edvt.datastructures.validator.GroupExitSignature;
import io.edvt.spec.edvt.logic.SpecEdvt;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * Steps 2 and 3 of validator.md "Voluntary exits and other group-signed operations" for one node:
 * member signatures over a group validator's {@code VoluntaryExit} (each already validated as
 * {@code group_exit_signature} gossip is: a valid signature of a member of the key set in force)
 * are collected per exit message. When co-signing is allowed (the staker's policy, configured on
 * the member: {@code --validators-group-exits-cosign}), every held key of that key set that has
 * not signed yet signs the same message and its signature goes out too. Once {@code m} members
 * have signed, the exit is assembled ({@code assemble_threshold_signature}: their signatures
 * aggregated, {@code signer_bits} set for them) and handed on once.
 *
 * <p>Bounded: at most {@link #MAX_EXITS} exit messages are tracked (the oldest is dropped), each
 * with at most {@code MAX_GROUP_SIZE} signatures. Thread-safe (one lock: a handful of messages per
 * exit).
 */
public final class GroupExits {
  private static final System.Logger LOG = System.getLogger(GroupExits.class.getName());
  static final int MAX_EXITS = 64;

  /** Where what this node produces goes: its own members' signatures, and assembled exits. */
  public interface Outputs {
    void signature(GroupExitSignature signature);

    void exit(SignedVoluntaryExit exit);
  }

  private final SpecEdvt edvt;
  private final GroupOperationSigning signing;
  private final Outputs outputs;
  private final Map<Bytes48, BlsSecretKey> cosigners = new LinkedHashMap<>();
  private final LinkedHashMap<Bytes32, Pending> pending = new LinkedHashMap<>();

  private static final class Pending {
    final VoluntaryExit exit;
    final TreeMap<Integer, Bytes> signatures = new TreeMap<>();
    boolean assembled;

    Pending(VoluntaryExit exit) {
      this.exit = exit;
    }
  }

  public GroupExits(SpecVersions versions, Bytes32 genesisValidatorsRoot, Outputs outputs) {
    this.edvt = versions.edvt();
    this.signing = new GroupOperationSigning(edvt, genesisValidatorsRoot);
    this.outputs = outputs;
  }

  /** From now on these keys co-sign the exits of their groups (the member's policy allows exits). */
  public synchronized void cosignWith(List<BlsSecretKey> keys) {
    keys.forEach(k -> cosigners.put(k.publicKey().toBytes(), k));
  }

  /** The member signatures held, oldest exit first. */
  public synchronized List<GroupExitSignature> signatures() {
    List<GroupExitSignature> out = new ArrayList<>();
    pending.values().forEach(p -> p.signatures.forEach((member, s) -> out.add(GroupExitSignature.create(p.exit,
        UInt64.valueOf(member), s))));
    return out;
  }

  /**
   * A validated member signature (gossip, the API, or our own), read against {@code head}: its
   * validator's key set in force there names the members and the threshold.
   */
  public void onSignature(GroupExitSignature signature, BeaconState head) {
    List<GroupExitSignature> ownSignatures = new ArrayList<>();
    Optional<SignedVoluntaryExit> assembled;
    synchronized (this) {
      MutableBeaconState view = new MutableBeaconState(head);
      VoluntaryExit exit = signature.message();
      Optional<GroupKeySet<Bytes48>> keySet = edvt.registry().getValidatorKeySet(view, exit.validatorIndex().longValue(),
          edvt.accessors().getCurrentEpoch(view));
      if (keySet.isEmpty()) {
        return;
      }
      Pending p = pending(exit);
      p.signatures.putIfAbsent(signature.memberIndex().intValue(), signature.signature());
      for (int member = 0; member < keySet.get().size(); member++) {
        BlsSecretKey key = cosigners.get(keySet.get().key(member));
        if (key != null && !p.signatures.containsKey(member)) {
          GroupExitSignature own = signing.exitSignature(exit, member, key);
          p.signatures.put(member, own.signature());
          ownSignatures.add(own);
        }
      }
      assembled = assembleIfComplete(p, keySet.get().threshold());
    }
    ownSignatures.forEach(outputs::signature);
    assembled.ifPresent(e -> {
      LOG.log(System.Logger.Level.INFO, "Group exit of validator {0} (epoch {1}) assembled from {2} member signatures",
          e.message().validatorIndex(), e.message().epoch(), ((SignedVoluntaryExitEdvt) e).signerBits().count());
      outputs.exit(e);
    });
  }

  private Pending pending(VoluntaryExit exit) {
    Bytes32 root = exit.hashTreeRoot();
    Pending p = pending.get(root);
    if (p == null) {
      if (pending.size() >= MAX_EXITS) {
        Iterator<Bytes32> oldest = pending.keySet().iterator();
        oldest.next();
        oldest.remove();
      }
      p = new Pending(exit);
      pending.put(root, p);
    }
    return p;
  }

  /** {@code assemble_threshold_signature} once {@code threshold} members have signed; once per exit. */
  private Optional<SignedVoluntaryExit> assembleIfComplete(Pending p, int threshold) {
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
    return Optional.of(SignedVoluntaryExitEdvt.create(edvt.schemas().signedVoluntaryExit(), p.exit,
        Bls.aggregate(signatures).toBytes(), SszBits.withSet(edvt.edvtConfig().maxGroupSize(), signers)));
  }
}
