package io.edvt.node.cli.group;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.api.ApiJson;
import io.edvt.node.cli.ExitCodes;
import io.edvt.node.cli.InputException;
import io.edvt.node.validator.group.GroupOperationSigning;
import io.edvt.spec.datastructures.operations.VoluntaryExit;
import io.edvt.spec.edvt.datastructures.validator.GroupExitSignature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.tuweni.bytes.Bytes48;
import picocli.CommandLine.Command;
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

  @Option(names = "--beacon-node-api-endpoint", required = true, paramLabel = "<URL>",
      description = "The beacon node's REST API, e.g. http://127.0.0.1:5052.")
  private String endpoint;

  @Option(names = "--validator", required = true, paramLabel = "<INDEX|PUBKEY>",
      description = "The group's validator: its index or its own public key.")
  private String validator;

  @Option(names = "--member-keys", required = true, split = ",", paramLabel = "<KEYS>:<PASSWORDS>",
      description = "Member keys of the group's key set in force that sign the exit.")
  private List<String> memberKeys;

  @Option(names = "--epoch", paramLabel = "<EPOCH>", description = "The exit's epoch (default: the head's epoch).")
  private Long epoch;

  @Option(names = "--dry-run", description = "Print the signatures without submitting them.")
  private boolean dryRun;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<BlsSecretKey> keys = Keystores.load("--member-keys", memberKeys);
    NodeApi api = new NodeApi(endpoint);
    NodeChain chain = NodeChain.read(api);
    JsonNode group = api.data("/edvt/v1/beacon/states/head/groups/" + validator);
    UInt64 index = UInt64.valueOf(group.get("validator_index").asText());
    List<Bytes48> inForce = keySetInForce(group, chain.headEpoch());
    UInt64 exitEpoch = epoch == null ? chain.headEpoch() : UInt64.valueOf(epoch);
    VoluntaryExit exit = VoluntaryExit.create(exitEpoch, index);
    GroupOperationSigning signing = new GroupOperationSigning(chain.versions().edvt(), chain.genesisValidatorsRoot());
    List<GroupExitSignature> signatures = new ArrayList<>();
    for (BlsSecretKey key : keys) {
      int member = inForce.indexOf(key.publicKey().toBytes());
      if (member < 0) {
        throw new InputException("--member-keys: " + key.publicKey().toBytes() + " is not a member of validator " + index
            + "'s key set in force at epoch " + chain.headEpoch());
      }
      signatures.add(signing.exitSignature(exit, member, key));
    }
    int failed = 0;
    for (GroupExitSignature s : signatures) {
      JsonNode json = ApiJson.of(s);
      out.println(json.toPrettyString());
      if (dryRun) {
        continue;
      }
      NodeApi.Submitted r = api.post("/edvt/v1/beacon/pool/group_exit_signatures", json);
      if (r.ok()) {
        err.println("submitted member " + s.memberIndex() + "'s exit signature for validator " + index + " (epoch " + exitEpoch + ")");
      } else {
        err.println("the node refused member " + s.memberIndex() + "'s exit signature (" + r.status() + "): " + r.message());
        failed++;
      }
    }
    if (dryRun) {
      err.println("dry run: not submitted");
    }
    return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /** The keys of the key set in force at {@code epoch}: the last one whose activation epoch is not after it. */
  private static List<Bytes48> keySetInForce(JsonNode group, UInt64 epoch) {
    JsonNode chosen = null;
    for (JsonNode set : group.get("key_sets")) {
      if (!epoch.isLessThan(UInt64.valueOf(set.get("activation_epoch").asText()))) {
        chosen = set;
      }
    }
    if (chosen == null) {
      throw new InputException("validator " + group.get("validator_index").asText() + " has no key set in force at epoch " + epoch);
    }
    List<Bytes48> out = new ArrayList<>();
    chosen.get("pubkeys").forEach(k -> out.add(Bytes48.fromHexString(k.asText())));
    return out;
  }
}
