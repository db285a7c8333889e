package io.edvt.node.validatorclient;

import io.edvt.node.api.ValidatorService.AttesterDuty;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.tuweni.bytes.Bytes48;

/**
 * The group member keys the client holds, as their duties reveal them (the node finds a key's
 * roles from the state; no configuration names them): each new role is logged once, and a group
 * whose key set has {@code 2m <= n} is warned about once (two disjoint sets of members can then
 * both sign, so per-key slashing protection cannot keep the group from being slashed;
 * validator.md, "How to avoid slashing"). The groups of held members are the slots a group
 * proposal may need them in.
 */
final class HeldMembers {
  private static final System.Logger LOG = System.getLogger(HeldMembers.class.getName());

  private final RemoteBeaconNode node;
  /** Virtual index of each member role seen, with its key. */
  private final Map<Long, Bytes48> roles = new ConcurrentHashMap<>();
  /** Validator index of each group a held key is a member of, with the held members' keys. */
  private final Map<Long, Set<Bytes48>> groups = new ConcurrentHashMap<>();

  HeldMembers(RemoteBeaconNode node) {
    this.node = node;
  }

  /** Notes the member roles in {@code duties} (duties of keys that are not validators themselves). */
  void seen(List<AttesterDuty> duties) {
    for (AttesterDuty d : duties) {
      if (roles.putIfAbsent(d.virtualIndex(), d.pubkey()) != null) {
        continue;
      }
      groups.computeIfAbsent(d.validatorIndex(), v -> ConcurrentHashMap.newKeySet()).add(d.pubkey());
      LOG.log(System.Logger.Level.INFO, "Member key {0} signs for validator {1} as member {2} (virtual index {3})",
          d.pubkey(), d.validatorIndex(), d.memberIndex(), Long.toUnsignedString(d.virtualIndex()));
      warnIfUnsafe(d.pubkey());
    }
  }

  private void warnIfUnsafe(Bytes48 key) {
    Optional<RemoteBeaconNode.Group> group = node.group(key);
    group.ifPresent(g -> g.keySets().stream().filter(s -> s.pubkeys().contains(key))
        .filter(s -> 2 * s.threshold() <= s.pubkeys().size())
        .findFirst()
        .ifPresent(s -> LOG.log(System.Logger.Level.WARNING, "Group of validator {0} has threshold {1} of {2} members (2m <= n): "
            + "two disjoint sets of members can both sign, so per-key slashing protection cannot keep this group from being "
            + "slashed", g.validatorIndex(), s.threshold(), s.pubkeys().size())));
  }

  /** The held member keys of the group of {@code validatorIndex}; empty when none is held. */
  Set<Bytes48> membersOf(long validatorIndex) {
    return groups.getOrDefault(validatorIndex, Set.of());
  }
}
