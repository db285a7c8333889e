package io.edvt.node.api;

import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.operations.ProposerSlashing;
import io.edvt.spec.datastructures.operations.SignedBLSToExecutionChange;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import io.edvt.spec.datastructures.operations.SingleAttestation;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupRegistration;
import io.edvt.spec.edvt.datastructures.validator.GroupExitSignature;
import io.edvt.spec.edvt.datastructures.validator.GroupKeyChangeSignature;

/** The pools behind {@code /eth/v{1,2}/beacon/pool/*} and {@code /edvt/v1/beacon/pool/*}. */
public interface OperationPools {
  OperationPool<Attestation, SingleAttestation> attestations();

  OperationPool<AttesterSlashing, AttesterSlashing> attesterSlashings();

  OperationPool<ProposerSlashing, ProposerSlashing> proposerSlashings();

  OperationPool<SignedVoluntaryExit, SignedVoluntaryExit> voluntaryExits();

  OperationPool<SignedBLSToExecutionChange, SignedBLSToExecutionChange> blsToExecutionChanges();

  /** EDVT's {@code SignedGroupRegistration}s ({@code /edvt/v1/beacon/pool/group_registrations}). */
  OperationPool<SignedGroupRegistration, SignedGroupRegistration> groupRegistrations();

  /**
   * Members' signatures over their groups' exits ({@code /edvt/v1/beacon/pool/group_exit_signatures}):
   * a submitted one is checked as {@code group_exit_signature} gossip, published there and collected
   * until {@code m} members have signed.
   */
  OperationPool<GroupExitSignature, GroupExitSignature> groupExitSignatures();

  /**
   * EDVT's assembled {@code SignedGroupKeyChange}s ({@code /edvt/v1/beacon/pool/group_key_changes}):
   * a submitted one is checked by {@code process_group_key_change} on the head, pooled and published
   * on {@code group_key_change}.
   */
  OperationPool<SignedGroupKeyChange, SignedGroupKeyChange> groupKeyChanges();

  /**
   * Members' signatures over their groups' key changes
   * ({@code /edvt/v1/beacon/pool/group_key_change_signatures}): a submitted one is checked as
   * {@code group_key_change_signature} gossip, published there and collected until {@code m} members
   * have signed.
   */
  OperationPool<GroupKeyChangeSignature, GroupKeyChangeSignature> groupKeyChangeSignatures();
}
