package io.edvt.node.cli.group;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.cli.InputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes48;
import picocli.CommandLine.Option;

/**
 * The flags of a command that members of an existing group sign ({@code exit}, {@code change-key}):
 * the group's validator and the member keys that sign, checked against the key set in force on the
 * node's head.
 */
final class SigningMembers {
  @Option(names = "--validator", required = true, paramLabel = "<INDEX|PUBKEY>",
      description = "The group's validator: its index or its own public key.")
  String validator;

  @Option(names = "--member-keys", required = true, split = ",", paramLabel = "<KEYS>:<PASSWORDS>",
      description = "Member keys of the group's key set in force that sign: comma-separated sources, each folder's "
          + "keystores by file name.")
  List<String> memberKeys;

  /** The group as the node's head holds it: the key set in force, and the activation epoch of the newest key set. */
  record Group(UInt64 validatorIndex, int threshold, List<Bytes48> keys, UInt64 activationEpoch, UInt64 newestEpoch) {}

  /** The group and each signing key by its member index in the key set in force at {@code chain}'s head epoch. */
  record Signers(Group group, Map<Integer, BlsSecretKey> keys) {}

  Signers load(NodeApi api, NodeChain chain) {
    List<BlsSecretKey> keys = Keystores.load("--member-keys", memberKeys);
    JsonNode json = api.data("/edvt/v1/beacon/states/head/groups/" + validator);
    Group group = inForce(json, chain.headEpoch());
    Map<Integer, BlsSecretKey> byMember = new LinkedHashMap<>();
    for (BlsSecretKey key : keys) {
      int member = group.keys().indexOf(key.publicKey().toBytes());
      if (member < 0) {
        throw new InputException("--member-keys: " + key.publicKey().toBytes() + " is not a member of validator "
            + group.validatorIndex() + "'s key set in force at epoch " + chain.headEpoch());
      }
      byMember.put(member, key);
    }
    return new Signers(group, byMember);
  }

  /** The key set in force at {@code epoch}: the last one whose activation epoch is not after it. */
  private static Group inForce(JsonNode group, UInt64 epoch) {
    UInt64 index = UInt64.valueOf(group.get("validator_index").asText());
    JsonNode chosen = null;
    UInt64 newest = UInt64.ZERO;
    for (JsonNode set : group.get("key_sets")) {
      UInt64 activation = UInt64.valueOf(set.get("activation_epoch").asText());
      newest = activation;
      if (!epoch.isLessThan(activation)) {
        chosen = set;
      }
    }
    if (chosen == null) {
      throw new InputException("validator " + index + " has no key set in force at epoch " + epoch);
    }
    List<Bytes48> keys = new ArrayList<>();
    chosen.get("pubkeys").forEach(k -> keys.add(Bytes48.fromHexString(k.asText())));
    return new Group(index, chosen.get("threshold").asInt(), keys, UInt64.valueOf(chosen.get("activation_epoch").asText()),
        newest);
  }
}
