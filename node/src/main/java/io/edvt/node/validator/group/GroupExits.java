package io.edvt.node.validator.group;

import io.edvt.groups.GroupKeySet;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import io.edvt.spec.datastructures.operations.VoluntaryExit;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.datastructures.operations.SignedVoluntaryExitEdvt;
import io.edvt.spec.edvt.datastructures.validator.GroupExitSignature;
import io.edvt.spec.edvt.logic.SpecEdvt;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * Group exits as a {@link GroupSignatureCollector} collects them: members sign a group validator's
 * {@code VoluntaryExit} ({@code GroupExitSignature} on {@code group_exit_signature}) with the exit
 * domain of the Deneb guide; the signers are the validator's key set in force; the assembled
 * operation is the {@code SignedVoluntaryExit} with {@code signer_bits}. Held keys co-sign any
 * valid exit request when the member's policy allows exits ({@code --validators-group-exits-cosign}):
 * the request's signature was checked by the topic's rule, and the exit itself by
 * {@code process_voluntary_exit} once assembled.
 */
public final class GroupExits implements GroupSignatureCollector.Operation<GroupExitSignature, VoluntaryExit, SignedVoluntaryExit> {
  private final SpecEdvt edvt;
  private final GroupOperationSigning signing;

  private GroupExits(SpecEdvt edvt, GroupOperationSigning signing) {
    this.edvt = edvt;
    this.signing = signing;
  }

  /** A collector of exit signatures whose own signatures and assembled exits go to {@code outputs}. */
  public static GroupSignatureCollector<GroupExitSignature, VoluntaryExit, SignedVoluntaryExit> collector(
      SpecVersions versions, Bytes32 genesisValidatorsRoot,
      GroupSignatureCollector.Outputs<GroupExitSignature, SignedVoluntaryExit> outputs) {
    SpecEdvt edvt = versions.edvt();
    return new GroupSignatureCollector<>(new GroupExits(edvt, new GroupOperationSigning(edvt, genesisValidatorsRoot)),
        edvt.edvtConfig().maxGroupSize(), outputs);
  }

  @Override
  public String name() {
    return "exit";
  }

  @Override
  public String describe(VoluntaryExit exit) {
    return "of validator " + exit.validatorIndex() + " (epoch " + exit.epoch() + ")";
  }

  @Override
  public VoluntaryExit message(GroupExitSignature signature) {
    return signature.message();
  }

  @Override
  public int memberIndex(GroupExitSignature signature) {
    return signature.memberIndex().intValue();
  }

  @Override
  public Bytes signature(GroupExitSignature signature) {
    return signature.signature();
  }

  @Override
  public GroupExitSignature signature(VoluntaryExit exit, int memberIndex, Bytes signature) {
    return GroupExitSignature.create(exit, UInt64.valueOf(memberIndex), signature);
  }

  @Override
  public Optional<GroupKeySet<Bytes48>> signers(VoluntaryExit exit, MutableBeaconState head) {
    return edvt.registry().getValidatorKeySet(head, exit.validatorIndex().longValue(), edvt.accessors().getCurrentEpoch(head));
  }

  @Override
  public Optional<String> cosignRefusal(VoluntaryExit exit, MutableBeaconState head) {
    return Optional.empty();
  }

  @Override
  public Bytes32 signingRoot(VoluntaryExit exit, MutableBeaconState head) {
    return signing.exitSigningRoot(exit);
  }

  @Override
  public SignedVoluntaryExit assemble(VoluntaryExit exit, Bytes aggregate, SszBits signerBits) {
    return SignedVoluntaryExitEdvt.create(edvt.schemas().signedVoluntaryExit(), exit, aggregate, signerBits);
  }
}
