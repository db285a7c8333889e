package io.edvt.node.cli.group;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.cli.ExitCodes;
import io.edvt.node.validator.group.GroupOperationSigning;
import io.edvt.spec.datastructures.operations.VoluntaryExit;
import io.edvt.spec.edvt.datastructures.validator.GroupExitSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edvt group exit}: step 1 of validator.md "Voluntary exits and other group-signed
 * operations". Each given member key of the group's key set in force signs the
 * {@code VoluntaryExit} ({@code GroupExitSignature}), and each signature goes to the node
 * ({@code POST /edvt/v1/beacon/pool/group_exit_signatures}), which checks it as
 * {@code group_exit_signature} gossip is checked and publishes it there. Member nodes that allow
 * exits add their signatures; whoever holds {@code m} assembles the {@code SignedVoluntaryExit}.
 * The member keys stay with the operator: the node is never asked to sign an exit on request.
 */
@Command(name = "exit", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Sign a group validator's voluntary exit with member keys and publish the signatures through the node "
        + "(group_exit_signature); member nodes that allow exits add theirs.")
public final class ExitCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private NodeOptions node;
  @Mixin private SigningMembers members;

  @Option(names = "--epoch", paramLabel = "<EPOCH>", description = "The exit's epoch (default: the head's epoch).")
  private Long epoch;

  @Override
  public Integer call() {
    NodeApi api = node.api();
    NodeChain chain = NodeChain.read(api);
    SigningMembers.Signers signers = members.load(api, chain);
    UInt64 index = signers.group().validatorIndex();
    UInt64 exitEpoch = epoch == null ? chain.headEpoch() : UInt64.valueOf(epoch);
    VoluntaryExit exit = VoluntaryExit.create(exitEpoch, index);
    GroupOperationSigning signing = new GroupOperationSigning(chain.versions().edvt(), chain.genesisValidatorsRoot());
    List<GroupExitSignature> signatures = new ArrayList<>();
    signers.keys().forEach((member, key) -> signatures.add(signing.exitSignature(exit, member, key)));
    int refused = node.submitEach(api, "/edvt/v1/beacon/pool/group_exit_signatures", signatures,
        s -> "member " + s.memberIndex() + "'s exit signature for validator " + index + " (epoch " + exitEpoch + ")",
        spec.commandLine().getOut(), spec.commandLine().getErr());
    return refused == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
