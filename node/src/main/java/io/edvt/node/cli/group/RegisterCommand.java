package io.edvt.node.cli.group;

import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.cli.ExitCodes;
import io.edvt.node.cli.InputException;
import io.edvt.node.validator.group.GroupOperationSigning;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupRegistration;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edvt group register}: the staker's step of validator.md "Preparing a registration". The
 * validator's own key (one keystore) signs a {@code GroupRegistration} of the member keys (each
 * keystore proves possession of its key), for the node's chain; the signed registration is printed
 * as JSON and submitted to the node's pool ({@code POST /edvt/v1/beacon/pool/group_registrations}),
 * which checks it with {@code process_group_registration} on its head state and refuses it with
 * the spec's reason otherwise. The member order is the order of {@code --member-keys} (each folder
 * by file name).
 */
@Command(name = "register", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Sign a group registration with the validator's own key and the members' proofs of possession, print it "
        + "and submit it to the node's pool.")
public final class RegisterCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private NodeOptions node;

  @Option(names = "--validator-keys", required = true, paramLabel = "<KEYS>:<PASSWORDS>",
      description = "The validator's own key: one keystore (file or folder holding one) and its password.")
  private String validatorKeys;

  @Option(names = "--member-keys", required = true, split = ",", paramLabel = "<KEYS>:<PASSWORDS>",
      description = "The member keys, in member order: comma-separated sources, each folder's keystores by file name.")
  private List<String> memberKeys;

  @Option(names = "--threshold", required = true, paramLabel = "<m>", description = "Signatures needed (1 <= m <= n).")
  private int threshold;

  @Option(names = "--accept-unsafe-threshold",
      description = "Sign although 2m <= n (two disjoint sets of honest members could sign conflicting messages).")
  private boolean acceptUnsafe;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<BlsSecretKey> own = Keystores.load("--validator-keys", List.of(validatorKeys));
    if (own.size() != 1) {
      throw new InputException("--validator-keys " + validatorKeys + ": holds " + own.size()
          + " keystores; name exactly the validator's own one");
    }
    List<BlsSecretKey> members = Keystores.load("--member-keys", memberKeys);
    Set<Object> distinct = new HashSet<>();
    members.forEach(k -> distinct.add(k.publicKey().toBytes()));
    if (distinct.size() != members.size()) {
      throw new InputException("--member-keys: a key is named twice (members must be distinct)");
    }
    NodeApi api = node.api();
    NodeChain chain = NodeChain.read(api);
    int maxGroupSize = SpecConfigEdvt.of(chain.versions().config()).maxGroupSize();
    if (members.size() > maxGroupSize) {
      throw new InputException("--member-keys: " + members.size() + " keys, more than MAX_GROUP_SIZE (" + maxGroupSize + ")");
    }
    if (threshold < 1 || threshold > members.size()) {
      throw new InputException("--threshold " + threshold + ": must be between 1 and the " + members.size() + " member keys");
    }
    if (2 * threshold <= members.size()) {
      if (!acceptUnsafe) {
        throw new InputException("--threshold " + threshold + " of " + members.size() + ": 2m <= n, two disjoint sets of "
            + "members could each sign (validator.md, \"Choosing the threshold\"); add --accept-unsafe-threshold to sign anyway");
      }
      err.println("warning: threshold " + threshold + " of " + members.size() + " is not slashing-safe (2m <= n)");
    }
    UInt64 index = NodeChain.validatorIndex(api, own.get(0).publicKey().toBytes());
    SignedGroupRegistration registration = new GroupOperationSigning(chain.versions().edvt(), chain.genesisValidatorsRoot())
        .registration(chain.forkVersion(), index, own.get(0), threshold, members);
    int refused = node.submitEach(api, "/edvt/v1/beacon/pool/group_registrations", List.of(registration),
        r -> "the registration of validator " + index + " (" + members.size() + " members, threshold " + threshold + ")",
        out, err);
    return refused == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
