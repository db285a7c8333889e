package io.edvt.node.devnet;

import io.edvt.node.validator.slashing.Interchange;
import io.edvt.node.validator.slashing.SignedAttestationRecord;
import io.edvt.node.validator.slashing.SignedBlockRecord;
import io.edvt.node.validator.slashing.SlashingProtection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * After a run, every node's slashing-protection database read back (the node records each message
 * there, fsynced, before it signs it; the file survives a SIGKILL) and every key's messages from
 * all nodes checked against each other for what would be slashable: two blocks of one slot with
 * different signing roots, two attestations with one target epoch and different signing roots, or
 * one attestation surrounding another. A message recorded without a signing root cannot be told
 * apart from another of its slot or target, so such a pair counts too.
 *
 * @param blocks block records read (members' sign-offs and leaders' proposals included)
 * @param attestations attestation records read
 * @param conflicts one line per slashable pair
 * @param unreadable one line per database that could not be read
 */
public record SigningScan(int keys, int blocks, int attestations, List<String> conflicts, List<String> unreadable) {
  public static SigningScan of(List<Path> dataPaths) {
    Map<Bytes48, List<SignedBlockRecord>> blocks = new HashMap<>();
    Map<Bytes48, List<SignedAttestationRecord>> attestations = new HashMap<>();
    List<String> unreadable = new ArrayList<>();
    for (Path data : dataPaths) {
      if (!SlashingProtection.exists(data)) {
        continue;
      }
      try (SlashingProtection db = SlashingProtection.openExisting(data)) {
        for (Interchange.KeyData k : db.export(true).data()) {
          blocks.computeIfAbsent(k.pubkey(), x -> new ArrayList<>()).addAll(k.signedBlocks());
          attestations.computeIfAbsent(k.pubkey(), x -> new ArrayList<>()).addAll(k.signedAttestations());
        }
      } catch (RuntimeException e) { // SlashingProtectionException: damaged or locked
        unreadable.add(data + ": " + e.getMessage());
      }
    }
    List<String> conflicts = new ArrayList<>();
    int blockCount = 0;
    int attestationCount = 0;
    for (Map.Entry<Bytes48, List<SignedBlockRecord>> e : blocks.entrySet()) {
      List<SignedBlockRecord> bs = e.getValue();
      blockCount += bs.size();
      for (int i = 0; i < bs.size(); i++) {
        for (int j = i + 1; j < bs.size(); j++) {
          if (bs.get(i).slot().equals(bs.get(j).slot()) && differ(bs.get(i).signingRoot(), bs.get(j).signingRoot())) {
            conflicts.add(key(e.getKey()) + ": two blocks at slot " + bs.get(i).slot());
          }
        }
      }
    }
    for (Map.Entry<Bytes48, List<SignedAttestationRecord>> e : attestations.entrySet()) {
      List<SignedAttestationRecord> as = e.getValue();
      attestationCount += as.size();
      for (int i = 0; i < as.size(); i++) {
        for (int j = i + 1; j < as.size(); j++) {
          SignedAttestationRecord a = as.get(i);
          SignedAttestationRecord b = as.get(j);
          if (a.targetEpoch().equals(b.targetEpoch()) && differ(a.signingRoot(), b.signingRoot())) {
            conflicts.add(key(e.getKey()) + ": two attestations with target " + a.targetEpoch());
          } else if (surrounds(a, b) || surrounds(b, a)) {
            conflicts.add(key(e.getKey()) + ": surround vote " + a.sourceEpoch() + "->" + a.targetEpoch() + " and "
                + b.sourceEpoch() + "->" + b.targetEpoch());
          }
        }
      }
    }
    return new SigningScan(blocks.size(), blockCount, attestationCount, List.copyOf(conflicts), List.copyOf(unreadable));
  }

  private static boolean differ(Optional<Bytes32> a, Optional<Bytes32> b) {
    return a.isEmpty() || b.isEmpty() || !a.get().equals(b.get());
  }

  private static boolean surrounds(SignedAttestationRecord outer, SignedAttestationRecord inner) {
    return outer.sourceEpoch().isLessThan(inner.sourceEpoch()) && inner.targetEpoch().isLessThan(outer.targetEpoch());
  }

  private static String key(Bytes48 key) {
    return key.toHexString().substring(0, 12) + "...";
  }
}
