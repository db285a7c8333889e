package io.edvt.spec.testing;

import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlockHeader;
import io.edvt.spec.datastructures.execution.ConsolidationRequest;
import io.edvt.spec.datastructures.execution.DepositRequest;
import io.edvt.spec.datastructures.execution.WithdrawalRequest;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.operations.BLSToExecutionChange;
import io.edvt.spec.datastructures.operations.DepositMessage;
import io.edvt.spec.datastructures.operations.IndexedAttestation;
import io.edvt.spec.datastructures.operations.ProposerSlashing;
import io.edvt.spec.datastructures.operations.SignedBLSToExecutionChange;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import io.edvt.spec.datastructures.operations.VoluntaryExit;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * Signed block operations and execution requests for tests, valid for the state they are made
 * from when its validators qualify (the factory checks nothing the spec would reject).
 */
public final class OperationFactory {
  private final SpecFulu spec;
  private final Signer signer;

  public OperationFactory(SpecFulu spec, Signer signer) {
    this.spec = spec;
    this.signer = signer;
  }

  /** Two different headers for the same slot by {@code proposer}, both signed by it. */
  public ProposerSlashing proposerSlashing(MutableBeaconState state, int proposer, UInt64 slot) {
    SignedBeaconBlockHeader h1 = signedHeader(state, proposer, slot, Bytes32.repeat((byte) 0x01));
    SignedBeaconBlockHeader h2 = signedHeader(state, proposer, slot, Bytes32.repeat((byte) 0x02));
    return ProposerSlashing.create(h1, h2);
  }

  private SignedBeaconBlockHeader signedHeader(MutableBeaconState state, int proposer, UInt64 slot, Bytes32 bodyRoot) {
    BeaconBlockHeader header = BeaconBlockHeader.create(slot, UInt64.valueOf(proposer), Bytes32.ZERO, Bytes32.ZERO, bodyRoot);
    return SignedBeaconBlockHeader.create(header, signer.blockHeader(state, header));
  }

  /**
   * A double vote by {@code validators}: two attestations with the same target epoch (the
   * current one) and different head roots, each signed by all of them.
   */
  public AttesterSlashing attesterSlashing(MutableBeaconState state, List<Integer> validators) {
    UInt64 epoch = spec.accessors().getCurrentEpoch(state);
    Checkpoint source = state.currentJustifiedCheckpoint();
    Checkpoint target = Checkpoint.create(epoch, Bytes32.repeat((byte) 0x33));
    UInt64 slot = spec.misc().computeStartSlotAtEpoch(epoch);
    AttestationData d1 = AttestationData.create(slot, UInt64.ZERO, Bytes32.repeat((byte) 0x11), source, target);
    AttestationData d2 = AttestationData.create(slot, UInt64.ZERO, Bytes32.repeat((byte) 0x22), source, target);
    return AttesterSlashing.create(spec.schemas().attesterSlashing(),
        indexed(state, d1, validators), indexed(state, d2, validators));
  }

  private IndexedAttestation indexed(MutableBeaconState state, AttestationData data, List<Integer> validators) {
    TreeSet<Integer> sorted = new TreeSet<>(validators);
    List<UInt64> indices = new ArrayList<>();
    sorted.forEach(i -> indices.add(UInt64.valueOf(i)));
    return IndexedAttestation.create(spec.schemas().indexedAttestation(), spec.schemas().attestingIndices().of(indices),
        data, signer.attestation(state, data, sorted));
  }

  /** A voluntary exit of {@code index} valid from the current epoch. */
  public SignedVoluntaryExit voluntaryExit(MutableBeaconState state, int index) {
    VoluntaryExit exit = VoluntaryExit.create(spec.accessors().getCurrentEpoch(state), UInt64.valueOf(index));
    return SignedVoluntaryExit.create(exit, signer.voluntaryExit(state, exit));
  }

  /**
   * A change of validator {@code index}'s BLS credentials to {@code address}; its withdrawal key
   * is taken to be its own key (as for {@link io.edvt.spec.logic.versions.fulu.GenesisFulu}'s
   * 0x00 credentials).
   */
  public SignedBLSToExecutionChange blsToExecutionChange(MutableBeaconState state, int index, Bytes address) {
    Bytes48 withdrawalPubkey = state.validators().get(index).pubkey();
    BLSToExecutionChange change = BLSToExecutionChange.create(UInt64.valueOf(index), withdrawalPubkey, address);
    return SignedBLSToExecutionChange.create(change, signer.blsToExecutionChange(state, change));
  }

  /** A deposit request for {@code key} (added to the test's keys) with a valid proof of possession. */
  public DepositRequest depositRequest(BlsSecretKey key, Bytes32 withdrawalCredentials, UInt64 amount, UInt64 index) {
    signer.keys().add(key);
    Bytes48 pubkey = key.publicKey().toBytes();
    DepositMessage message = DepositMessage.create(pubkey, withdrawalCredentials, amount);
    return DepositRequest.create(pubkey, withdrawalCredentials, amount, signer.deposit(message), index);
  }

  /** A withdrawal request from validator {@code index}'s execution address (amount 0 is a full exit). */
  public WithdrawalRequest withdrawalRequest(MutableBeaconState state, int index, UInt64 amount) {
    Validator v = state.validators().get(index);
    return WithdrawalRequest.create(executionAddress(v), v.pubkey(), amount);
  }

  /**
   * A consolidation request from {@code source}'s execution address into {@code target}
   * ({@code source == target} asks to switch to compounding credentials).
   */
  public ConsolidationRequest consolidationRequest(MutableBeaconState state, int source, int target) {
    Validator s = state.validators().get(source);
    return ConsolidationRequest.create(executionAddress(s), s.pubkey(), state.validators().get(target).pubkey());
  }

  /** {@code withdrawal_credentials[12:]}. */
  public static Bytes executionAddress(Validator v) {
    return v.withdrawalCredentials().slice(12, 20);
  }
}
