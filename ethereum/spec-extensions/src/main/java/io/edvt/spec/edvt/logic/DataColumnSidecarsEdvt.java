package io.edvt.spec.edvt.logic;

import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockEdvt;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockHeaderEdvt;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import io.edvt.spec.logic.versions.fulu.DataColumnSidecarsFulu;

/**
 * EDVT's data column sidecars: Fulu's construction with the header of EDVT's validator guide
 * ("Modified {@code compute_signed_block_header}"), which carries the block's {@code signer_bits}
 * so that a sidecar's header is checked as the block is, by {@code is_valid_threshold_signature}.
 * A group's block has that signature only once it is assembled from {@code m} members'
 * signatures, so its sidecars can be built only from the assembled block.
 */
public class DataColumnSidecarsEdvt extends DataColumnSidecarsFulu {
  private final SchemaDefinitionsEdvt schemas;

  public DataColumnSidecarsEdvt(EdvtHelpers helpers) {
    super(helpers.fulu());
    this.schemas = helpers.schemas();
  }

  /**
   * [Modified in EDVT] {@code compute_signed_block_header}: Fulu's header and signature, and the
   * block's {@code signer_bits}.
   *
   * @throws IllegalArgumentException if {@code signedBlock} is a Fulu block (no {@code signer_bits})
   */
  @Override
  public SignedBeaconBlockHeaderEdvt computeSignedBlockHeader(SignedBeaconBlock signedBlock) {
    SignedBeaconBlockEdvt block = SignedBeaconBlockEdvt.toVersionEdvt(signedBlock).orElseThrow(() ->
        new IllegalArgumentException("compute_signed_block_header: signed_block has no signer_bits (not an EDVT block)"));
    return SignedBeaconBlockHeaderEdvt.create(schemas.signedBeaconBlockHeader(), blockHeader(block.message()),
        block.signature(), block.signerBits());
  }
}
