package io.edvt.spec.testing;

import io.edvt.spec.datastructures.execution.ConsolidationRequest;
import io.edvt.spec.datastructures.execution.DepositRequest;
import io.edvt.spec.datastructures.execution.WithdrawalRequest;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.operations.ProposerSlashing;
import io.edvt.spec.datastructures.operations.SignedBLSToExecutionChange;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * What a {@link ChainBuilder} block carries besides its attestations and sync aggregate: the
 * operations, execution requests and blob commitments to include, and the graffiti. Mutable,
 * built fluently: {@code BlockOptions.none().exit(e).withdrawalRequest(r)}.
 */
public final class BlockOptions {
  final List<ProposerSlashing> proposerSlashings = new ArrayList<>();
  final List<AttesterSlashing> attesterSlashings = new ArrayList<>();
  final List<SignedVoluntaryExit> voluntaryExits = new ArrayList<>();
  final List<SignedBLSToExecutionChange> blsToExecutionChanges = new ArrayList<>();
  final List<DepositRequest> depositRequests = new ArrayList<>();
  final List<WithdrawalRequest> withdrawalRequests = new ArrayList<>();
  final List<ConsolidationRequest> consolidationRequests = new ArrayList<>();
  final List<Bytes48> blobKzgCommitments = new ArrayList<>();
  Bytes32 graffiti = Bytes32.ZERO;

  private BlockOptions() {}

  /** A block with attestations and sync aggregate only. */
  public static BlockOptions none() {
    return new BlockOptions();
  }

  public BlockOptions proposerSlashing(ProposerSlashing s) {
    proposerSlashings.add(s);
    return this;
  }

  public BlockOptions attesterSlashing(AttesterSlashing s) {
    attesterSlashings.add(s);
    return this;
  }

  public BlockOptions exit(SignedVoluntaryExit e) {
    voluntaryExits.add(e);
    return this;
  }

  public BlockOptions blsToExecutionChange(SignedBLSToExecutionChange c) {
    blsToExecutionChanges.add(c);
    return this;
  }

  public BlockOptions depositRequest(DepositRequest r) {
    depositRequests.add(r);
    return this;
  }

  public BlockOptions withdrawalRequest(WithdrawalRequest r) {
    withdrawalRequests.add(r);
    return this;
  }

  public BlockOptions consolidationRequest(ConsolidationRequest r) {
    consolidationRequests.add(r);
    return this;
  }

  /**
   * The body's {@code blob_kzg_commitments} (none by default). The test execution engine accepts
   * any payload, so the commitments need no blob transactions; tests that build sidecars commit
   * to real blobs.
   */
  public BlockOptions blobKzgCommitments(List<Bytes48> commitments) {
    blobKzgCommitments.addAll(commitments);
    return this;
  }

  public BlockOptions graffiti(Bytes32 g) {
    graffiti = g;
    return this;
  }

  // Read access for the builders of later forks, which lay out their own bodies.

  public List<ProposerSlashing> proposerSlashings() {
    return List.copyOf(proposerSlashings);
  }

  public List<AttesterSlashing> attesterSlashings() {
    return List.copyOf(attesterSlashings);
  }

  public List<SignedVoluntaryExit> voluntaryExits() {
    return List.copyOf(voluntaryExits);
  }

  public List<SignedBLSToExecutionChange> blsToExecutionChanges() {
    return List.copyOf(blsToExecutionChanges);
  }

  public List<Bytes48> blobKzgCommitments() {
    return List.copyOf(blobKzgCommitments);
  }

  public Bytes32 graffiti() {
    return graffiti;
  }
}
