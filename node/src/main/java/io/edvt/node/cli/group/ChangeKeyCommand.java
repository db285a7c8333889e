package io.edvt.node.cli.group;

import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.crypto.bls.BlsSignature;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.cli.ExitCodes;
import io.edvt.node.cli.InputException;
import io.edvt.node.validator.group.GroupOperationSigning;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import io.edvt.spec.edvt.datastructures.groups.GroupKeyChange;
import io.edvt.spec.edvt.datastructures.validator.GroupKeyChangeSignature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edvt group change-key}: step 1 of validator.md "Voluntary exits and other group-signed
 * operations" for a key change ("Changing keys"). One {@code GroupKeyChange} of the key set in
 * force (replace a member's key, add a member, remove one, or only change the threshold; a new key
 * comes from its keystore with its proof of possession, {@code get_group_key_proof}) is signed by
 * each given member key ({@code GroupKeyChangeSignature}) and each signature goes to the node
 * ({@code POST /edvt/v1/beacon/pool/group_key_change_signatures}), which checks it as
 * {@code group_key_change_signature} gossip is checked and publishes it there. Member nodes that
 * allow key changes check the request and add their signatures; whoever holds {@code m}
 * assembles the {@code SignedGroupKeyChange} and publishes it on {@code group_key_change}.
 */
@Command(name = "change-key", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Sign a change of a group's key set (replace, add or remove a member key, or a new threshold) with "
        + "member keys and publish the signatures through the node (group_key_change_signature); member nodes that "
        + "allow key changes add theirs.")
public final class ChangeKeyCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private NodeOptions node;
  @Mixin private SigningMembers members;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  private Change change;

  /** Which member changes; none: only the threshold. */
  static final class Change {
    @Option(names = "--replace-member", paramLabel = "<MEMBER>", description = "Replace this member's key with --new-key.")
    Integer replace;

    @Option(names = "--add-member", description = "Add --new-key as a new last member.")
    boolean add;

    @Option(names = "--remove-member", paramLabel = "<MEMBER>",
        description = "Remove this member (later members move down by one).")
    Integer remove;
  }

  @Option(names = "--new-key", paramLabel = "<KEYSTORE>:<PASSWORD>",
      description = "The new member key (one keystore): its proof of possession goes into the change.")
  private String newKey;

  @Option(names = "--new-threshold", paramLabel = "<m>",
      description = "The new key set's threshold (default: the threshold in force).")
  private Integer newThreshold;

  @Option(names = "--accept-unsafe-threshold",
      description = "Sign although the new key set has 2m <= n (two disjoint sets of honest members could sign "
          + "conflicting messages).")
  private boolean acceptUnsafe;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    checkFlags();
    NodeApi api = node.api();
    NodeChain chain = NodeChain.read(api);
    SigningMembers.Signers signers = members.load(api, chain);
    SigningMembers.Group group = signers.group();
    if (group.newestEpoch().isGreaterThan(chain.headEpoch())) {
      throw new InputException("validator " + group.validatorIndex() + " has a key set pending from epoch "
          + group.newestEpoch() + ": one change at a time (process_group_key_change)");
    }
    int n = group.keys().size();
    Bytes48 pubkey = Bytes48.wrap(new byte[48]); // BLSPubkey()
    Bytes proof = Bytes.wrap(new byte[BlsSignature.SIZE]); // BLSSignature(): no new key, no proof
    GroupOperationSigning signing = new GroupOperationSigning(chain.versions().edvt(), chain.genesisValidatorsRoot());
    int member;
    int newN;
    if (change == null) {
      member = n;
      newN = n;
    } else if (change.remove != null) {
      member = memberIndex("--remove-member", change.remove, n);
      if (n == 1) {
        throw new InputException("--remove-member " + member + ": the only member cannot be removed");
      }
      newN = n - 1;
    } else {
      BlsSecretKey key = newKey(group);
      pubkey = key.publicKey().toBytes();
      proof = signing.keyProof(chain.forkVersion(), group.validatorIndex(), key);
      if (change.add) {
        int max = SpecConfigEdvt.of(chain.versions().config()).maxGroupSize();
        if (n >= max) {
          throw new InputException("--add-member: the key set has " + n + " members, MAX_GROUP_SIZE (" + max + ")");
        }
        member = n;
        newN = n + 1;
      } else {
        member = memberIndex("--replace-member", change.replace, n);
        newN = n;
      }
    }
    int threshold = newThreshold == null ? group.threshold() : newThreshold;
    if (threshold < 1 || threshold > newN) {
      throw new InputException((newThreshold == null ? "the threshold in force " : "--new-threshold ") + threshold
          + ": must be between 1 and the " + newN + " members of the new key set" + (newThreshold == null ? "; give --new-threshold" : ""));
    }
    if (change == null && threshold == group.threshold()) {
      throw new InputException("--new-threshold " + threshold + ": the threshold in force already; the change would have no effect");
    }
    if (2 * threshold <= newN) {
      if (!acceptUnsafe) {
        throw new InputException("threshold " + threshold + " of " + newN + ": 2m <= n, two disjoint sets of members could "
            + "each sign (validator.md, \"Choosing the threshold\"); add --accept-unsafe-threshold to sign anyway");
      }
      err.println("warning: threshold " + threshold + " of " + newN + " is not slashing-safe (2m <= n)");
    }
    GroupKeyChange keyChange = GroupKeyChange.create(group.validatorIndex(), group.activationEpoch(), UInt64.valueOf(member),
        pubkey, proof, UInt64.valueOf(threshold));
    List<GroupKeyChangeSignature> signatures = new ArrayList<>();
    signers.keys().forEach((m, key) -> signatures.add(signing.keyChangeSignature(keyChange, chain.forkVersion(), m, key)));
    int refused = node.submitEach(api, "/edvt/v1/beacon/pool/group_key_change_signatures", signatures,
        s -> "member " + s.memberIndex() + "'s key change signature for validator " + group.validatorIndex(),
        spec.commandLine().getOut(), err);
    return refused == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /** The flag combinations that need no node to refuse. */
  private void checkFlags() {
    boolean needsKey = change != null && (change.add || change.replace != null);
    if (needsKey && newKey == null) {
      throw new InputException((change.add ? "--add-member" : "--replace-member") + " needs --new-key <KEYSTORE>:<PASSWORD>");
    }
    if (!needsKey && newKey != null) {
      throw new InputException("--new-key goes with --replace-member or --add-member");
    }
    if (change == null && newThreshold == null) {
      throw new InputException("name a change: --replace-member, --add-member, --remove-member or --new-threshold");
    }
  }

  private static int memberIndex(String flag, int value, int n) {
    if (value < 0 || value >= n) {
      throw new InputException(flag + " " + value + ": the key set in force has " + n + " members (0 to " + (n - 1) + ")");
    }
    return value;
  }

  private BlsSecretKey newKey(SigningMembers.Group group) {
    List<BlsSecretKey> keys = Keystores.load("--new-key", List.of(newKey));
    if (keys.size() != 1) {
      throw new InputException("--new-key " + newKey + ": holds " + keys.size() + " keystores; name exactly one");
    }
    if (group.keys().contains(keys.get(0).publicKey().toBytes())) {
      throw new InputException("--new-key: " + keys.get(0).publicKey().toBytes() + " is already a member of validator "
          + group.validatorIndex());
    }
    return keys.get(0);
  }
}
