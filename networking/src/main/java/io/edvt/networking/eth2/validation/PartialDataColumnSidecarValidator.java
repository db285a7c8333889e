package io.edvt.networking.eth2.validation;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.datacolumns.PartialDataColumnGroupID;
import io.edvt.spec.datastructures.datacolumns.PartialDataColumnHeader;
import io.edvt.spec.datastructures.datacolumns.PartialDataColumnSidecar;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Partial messages on {@code data_column_sidecar_{subnet_id}}: Fulu partial-columns'
 * {@code validate_partial_data_column_sidecar_gossip}, the header (once per block, for every
 * subnet) and then the cells. The header's signature and expected proposer are checked with
 * {@link DataColumnSidecarValidator}'s rules, so EDVT's threshold signature applies here too.
 */
public class PartialDataColumnSidecarValidator extends TopicValidator {
  private final DataColumnSidecarValidator columnRules;

  public PartialDataColumnSidecarValidator(GossipContext ctx, DataColumnSidecarValidator columnRules) {
    super(ctx);
    this.columnRules = columnRules;
  }

  public ValidationResult validate(BeaconState state, PartialDataColumnSidecar sidecar, long nowMs,
      PartialDataColumnGroupID groupId, UInt64 columnIndex) {
    SpecFulu spec = spec(state);
    DataColumnChecks checks = new DataColumnChecks(spec);
    boolean hasHeader = sidecar.header().size() == 1;
    int present = sidecar.cellsPresentBitmap().count();
    boolean hasCells = present > 0;
    if (!hasHeader && !hasCells) {
      return reject("partial message is semantically empty");
    }
    if (sidecar.partialColumn().size() != present) {
      return reject("number of cells does not match number of set bits");
    }
    if (sidecar.kzgProofs().size() != present) {
      return reject("number of proofs does not match number of set bits");
    }
    Bytes32 blockRoot = groupId.beaconBlockRoot();
    if (hasHeader) {
      PartialDataColumnHeader header = sidecar.header().get(0);
      BeaconBlockHeader blockHeader = header.signedBlockHeader().message();
      PartialDataColumnHeader prior = ctx.seen().partialDataColumnHeaders.get(blockRoot);
      if (prior != null && !prior.equals(header)) {
        return reject("header differs from previously validated header");
      }
      if (!blockHeader.hashTreeRoot().equals(blockRoot)) {
        return reject("header's block root does not match group id's block root");
      }
      if (header.kzgCommitments().isEmpty()) {
        return reject("header's kzg_commitments is empty");
      }
      if (!ctx.isNotFromFutureSlot(state, blockHeader.slot(), nowMs)) {
        return ignore("header is from a future slot");
      }
      if (!blockHeader.slot().isGreaterThan(ctx.finalizedSlot())) {
        return ignore("header is not from a slot greater than the latest finalized slot");
      }
      if (!blockHeader.proposerIndex().isLessThan(state.validators().size())) {
        return reject("proposer index out of range");
      }
      MutableBeaconState view = view(state);
      Optional<ValidationResult> signature = columnRules.checkHeaderSignature(spec, view, header.signedBlockHeader(),
          "invalid proposer signature on header");
      if (signature.isPresent()) {
        return signature.get();
      }
      Bytes32 parentRoot = blockHeader.parentRoot();
      Optional<ChainView.BlockInfo> parent = ctx.chain().block(parentRoot);
      if (parent.isEmpty()) {
        return ignore("header's parent has not been seen");
      }
      if (!ctx.chain().isValidated(parentRoot)) {
        return reject("header's parent failed validation");
      }
      if (!blockHeader.slot().isGreaterThan(parent.get().slot())) {
        return reject("header is not from a higher slot than its parent");
      }
      if (!ctx.finalizedIsAncestorOf(parentRoot)) {
        return reject("finalized checkpoint is not an ancestor of header's block");
      }
      if (!checks.verifyPartialDataColumnHeaderInclusionProof(header)) {
        return reject("invalid header inclusion proof");
      }
      Optional<ValidationResult> proposer = columnRules.checkExpectedProposer(blockHeader,
          "header proposer_index does not match expected proposer");
      if (proposer.isPresent()) {
        return proposer.get();
      }
      ctx.seen().partialDataColumnHeaders.put(blockRoot, header);
    }
    if (hasCells) {
      PartialDataColumnHeader header = ctx.seen().partialDataColumnHeaders.get(blockRoot);
      if (header == null) {
        return ignore("valid corresponding header has not been seen");
      }
      BeaconBlockHeader blockHeader = header.signedBlockHeader().message();
      if (!ctx.isNotFromFutureSlot(state, blockHeader.slot(), nowMs)) {
        return ignore("corresponding header is from a future slot");
      }
      if (!blockHeader.slot().isGreaterThan(ctx.finalizedSlot())) {
        return ignore("corresponding header is not from a slot greater than the latest finalized slot");
      }
      if (sidecar.cellsPresentBitmap().length() != header.kzgCommitments().size()) {
        return reject("bitmap length does not match commitments length");
      }
      if (!checks.verifyPartialDataColumnSidecarKzgProofs(sidecar, header.kzgCommitments().asList(), columnIndex)) {
        return reject("invalid sidecar kzg proofs");
      }
    }
    return ValidationResult.ACCEPT;
  }
}
