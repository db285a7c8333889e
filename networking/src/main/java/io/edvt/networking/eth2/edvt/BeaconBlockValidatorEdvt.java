package io.edvt.networking.eth2.edvt;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.validation.BeaconBlockValidator;
import io.edvt.networking.eth2.validation.GossipContext;
import io.edvt.networking.eth2.validation.ValidationResult;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.blocks.BeaconBlockBodyEdvt;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockEdvt;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.tuweni.bytes.Bytes32;

/**
 * {@code beacon_block} (modified in EDVT): the proposer signature becomes the threshold signature
 * of the key set in force (checked on the head state), and after the expected-proposer check the
 * block's {@code randao_member_index} must be {@code get_block_leader} of its signers on the parent
 * state at the block's slot. Fulu's other rules apply unchanged.
 */
public class BeaconBlockValidatorEdvt extends BeaconBlockValidator {
  private final EdvtRules rules;

  public BeaconBlockValidatorEdvt(GossipContext ctx, EdvtRules rules) {
    super(ctx);
    this.rules = rules;
  }

  @Override
  public ValidationResult validate(BeaconState state, SignedBeaconBlock signed, long nowMs) {
    if (SignedBeaconBlockEdvt.toVersionEdvt(signed).isEmpty()) {
      return reject("block is not an EDVT block");
    }
    return super.validate(rules.edvtState(state), signed, nowMs);
  }

  @Override
  protected Optional<ValidationResult> checkSignature(SpecFulu spec, MutableBeaconState state, SignedBeaconBlock signed) {
    SignedBeaconBlockEdvt edvtBlock = SignedBeaconBlockEdvt.toVersionEdvt(signed).orElseThrow();
    BeaconBlock block = signed.message();
    UInt64 epoch = spec.misc().computeEpochAtSlot(block.slot());
    Bytes32 domain = spec.accessors().getDomain(state, SpecConstants.DOMAIN_BEACON_PROPOSER, epoch);
    Bytes32 signingRoot = spec.misc().computeSigningRoot(block.hashTreeRoot(), domain);
    if (!rules.isValidThresholdSignature(state, block.proposerIndex(), epoch, signingRoot, edvtBlock.signerBits(),
        signed.signature())) {
      return Optional.of(reject("invalid proposer threshold signature"));
    }
    return Optional.empty();
  }

  @Override
  protected Optional<ValidationResult> checkWithParentState(MutableBeaconState parentState, SignedBeaconBlock signed) {
    SignedBeaconBlockEdvt edvtBlock = SignedBeaconBlockEdvt.toVersionEdvt(signed).orElseThrow();
    BeaconBlock block = signed.message();
    OptionalInt leader = rules.spec().accessors().getBlockLeader(parentState, block.proposerIndex().longValue(),
        block.slot(), edvtBlock.signerBits());
    UInt64 randaoMember = ((BeaconBlockBodyEdvt) block.body()).randaoMemberIndex();
    if (leader.isEmpty() || !UInt64.valueOf(leader.getAsInt()).equals(randaoMember)) {
      return Optional.of(reject("randao member is not the best-ranked signer"));
    }
    return Optional.empty();
  }
}
