package io.edvt.node.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A devnet that forks to EDVT after genesis forms its groups the way a real network would: the
 * genesis writes each group's {@code SignedGroupRegistration} (signed by the validator's own key,
 * with the members' proofs of possession) to {@code group-registrations.json}, and from the fork's
 * first slot this submits them to a live node's pool ({@code POST
 * /edvt/v1/beacon/pool/group_registrations}), which checks each with
 * {@code process_group_registration} on its head and publishes it on gossip for a proposer to
 * include. A registration not taken (no node answered, or the node's head was still before the
 * fork or on a missed fork slot) is tried again at each slot of the fork's epoch; one still refused
 * at its end is reported with the node's last reason and given up.
 */
final class DevnetRegistrations {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PATH = "/edvt/v1/beacon/pool/group_registrations";

  private final List<JsonNode> pending = new ArrayList<>();
  private final long forkSlot;
  private final long lastSlot;

  private DevnetRegistrations(List<JsonNode> registrations, long forkSlot, long lastSlot) {
    this.pending.addAll(registrations);
    this.forkSlot = forkSlot;
    this.lastSlot = lastSlot;
  }

  /** The registrations of {@code file} (the genesis writer's), to be submitted in the fork's epoch. */
  static DevnetRegistrations read(Path file, long forkSlot, long slotsPerEpoch) {
    List<JsonNode> registrations = new ArrayList<>();
    try {
      for (JsonNode r : JSON.readTree(Files.readString(file))) {
        ObjectNode signed = JSON.createObjectNode();
        signed.set("message", r.get("message"));
        signed.set("signature", r.get("signature"));
        registrations.add(signed);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the group registrations " + file + ": " + e.getMessage(), e);
    }
    return new DevnetRegistrations(registrations, forkSlot, forkSlot + slotsPerEpoch - 1);
  }

  boolean done() {
    return pending.isEmpty();
  }

  /**
   * At {@code slot}: submits what is pending to the node behind {@code restPort} (named
   * {@code node}), once the fork has come; tells {@code say} what was taken and what was refused.
   */
  void submit(long slot, String node, int restPort, BeaconApi api, Consumer<String> say) {
    if (slot < forkSlot || pending.isEmpty()) {
      return;
    }
    List<String> taken = new ArrayList<>();
    for (JsonNode r : List.copyOf(pending)) {
      String validator = r.get("message").get("validator_index").asText();
      BeaconApi.Posted answer = api.post(restPort, PATH, r, Duration.ofSeconds(2));
      if (answer.status() == 200) {
        pending.remove(r);
        taken.add(validator);
      } else if (slot >= lastSlot) {
        pending.remove(r);
        say.accept("the group registration of validator " + validator + " was not taken by the end of the fork's epoch; "
            + node + " answered " + (answer.status() == 0 ? "nothing" : answer.status() + ": " + answer.body()));
      }
    }
    if (!taken.isEmpty()) {
      say.accept("slot " + slot + ": group registration(s) of validator(s) " + String.join(", ", taken) + " submitted to "
          + node + "'s pool (signed by each validator's own key; the key sets take effect two sync-committee periods "
          + "after inclusion)");
    }
  }
}
