package io.edvt.networking.eth2.validation;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlockHeader;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * {@code data_column_sidecar_{subnet_id}}: Fulu's {@code validate_data_column_sidecar_gossip}. EDVT
 * overrides {@link #checkHeaderSignature} (the header's threshold signature) and keeps the rest.
 */
public class DataColumnSidecarValidator extends TopicValidator {
  public DataColumnSidecarValidator(GossipContext ctx) {
    super(ctx);
  }

  public ValidationResult validate(BeaconState state, DataColumnSidecar sidecar, long subnetId, long nowMs) {
    SpecFulu spec = spec(state);
    DataColumnChecks checks = new DataColumnChecks(spec);
    BeaconBlockHeader header = sidecar.signedBlockHeader().message();
    SeenCaches.Triple seenKey = new SeenCaches.Triple(header.slot().longValue(), header.proposerIndex().longValue(),
        sidecar.index().longValue());
    if (ctx.seen().dataColumnSidecarTuples.contains(seenKey)) {
      return ignore("already seen sidecar from this proposer for this slot and index");
    }
    if (!checks.verifyDataColumnSidecar(sidecar)) {
      return reject("invalid sidecar");
    }
    if (helpers(spec).computeSubnetForDataColumnSidecar(sidecar.index()) != subnetId) {
      return reject("sidecar is for wrong subnet");
    }
    if (!ctx.isNotFromFutureSlot(state, header.slot(), nowMs)) {
      return ignore("sidecar is from a future slot");
    }
    if (!header.slot().isGreaterThan(ctx.finalizedSlot())) {
      return ignore("sidecar is not from a slot greater than the latest finalized slot");
    }
    if (!header.proposerIndex().isLessThan(state.validators().size())) {
      return reject("proposer index out of range");
    }
    // the same signed header comes with each of the block's sidecars: its signature is checked once
    Bytes32 signedHeaderRoot = sidecar.signedBlockHeader().hashTreeRoot();
    if (!ctx.seen().verifiedSidecarHeaders.containsKey(signedHeaderRoot)) {
      Optional<ValidationResult> signature = checkHeaderSignature(spec, view(state), sidecar.signedBlockHeader(),
          "invalid proposer signature on sidecar block header");
      if (signature.isPresent()) {
        return signature.get();
      }
      ctx.seen().verifiedSidecarHeaders.put(signedHeaderRoot, header.slot().longValue());
    }
    Bytes32 parentRoot = header.parentRoot();
    Optional<ChainView.BlockInfo> parent = ctx.chain().block(parentRoot);
    if (parent.isEmpty()) {
      return ignore("sidecar's parent has not been seen");
    }
    if (!ctx.chain().isValidated(parentRoot)) {
      return reject("sidecar's parent failed validation");
    }
    if (!header.slot().isGreaterThan(parent.get().slot())) {
      return reject("sidecar is not from a higher slot than its parent");
    }
    if (!ctx.finalizedIsAncestorOf(parentRoot)) {
      return reject("finalized checkpoint is not an ancestor of sidecar's block");
    }
    if (!checks.verifyDataColumnSidecarInclusionProof(sidecar)) {
      return reject("invalid sidecar inclusion proof");
    }
    if (!checks.verifyDataColumnSidecarKzgProofs(sidecar)) {
      return reject("invalid sidecar kzg proofs");
    }
    Optional<ValidationResult> proposer = checkExpectedProposer(header, "sidecar proposer_index does not match expected proposer");
    if (proposer.isPresent()) {
      return proposer.get();
    }
    if (!SeenCaches.mark(ctx.seen().dataColumnSidecarTuples, seenKey)) {
      return ignore("already seen sidecar from this proposer for this slot and index");
    }
    return ValidationResult.ACCEPT;
  }

  /**
   * [REJECT] The proposer signature of the signed block header is valid (EDVT: the threshold
   * signature of the proposer's key set); {@code reason} is the topic's wording.
   */
  protected Optional<ValidationResult> checkHeaderSignature(SpecFulu spec, MutableBeaconState view,
      SignedBeaconBlockHeader signed, String reason) {
    BeaconBlockHeader header = signed.message();
    var pubkey = view.validators().get(header.proposerIndex().intValue()).pubkey();
    Bytes32 domain = spec.accessors().getDomain(view, SpecConstants.DOMAIN_BEACON_PROPOSER,
        spec.misc().computeEpochAtSlot(header.slot()));
    Bytes32 signingRoot = spec.misc().computeSigningRoot(header.hashTreeRoot(), domain);
    return GossipContext.verify(pubkey, signingRoot, signed.signature()) ? Optional.empty() : Optional.of(reject(reason));
  }

  /** [REJECT] The header is proposed by the expected proposer (IGNORE when the parent state is not available). */
  protected Optional<ValidationResult> checkExpectedProposer(BeaconBlockHeader header, String reason) {
    Optional<BeaconState> parentState = ctx.parentStateAt(header.parentRoot(), header.slot());
    if (parentState.isEmpty()) {
      return Optional.of(ignore("parent state is not available"));
    }
    int expected = ctx.spec(parentState.get()).accessors().getBeaconProposerIndex(view(parentState.get()));
    return header.proposerIndex().equals(UInt64.valueOf(expected)) ? Optional.empty() : Optional.of(reject(reason));
  }
}
