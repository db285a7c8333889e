package io.edvt.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.devnet.genesis.DevnetParameters;
import io.edvt.node.validator.slashing.SlashingProtection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The devnet's reading of group proposals (the member nodes' log lines), of plain against group
 * block latency, and of the slashing-protection databases after a run.
 */
class DevnetProposalsTest {
  @TempDir Path tmp;

  // two groups of 4 (threshold 3) on 3 nodes: member j of group g runs on node (g + j) mod 3
  private static final DevnetParameters PARAMS = new DevnetParameters(64, 3, 2, 4, 3, 128_000_000_000L, 2000, 0,
      1_000, 16);
  private static final String PREFIX = "2025-01-01 10:00:00.123 INFO  [group-proposals] i.e.n.v.g.GroupProposer - ";

  @Test
  void aGroupSlotsRankingAndItsFirstPublicationAreReadFromTheLogs() {
    GroupProposalLog log = new GroupProposalLog();
    log.add(0, PREFIX + "Group slot 21 group 0: ranking [2, 0, 3, 1] threshold 3");
    log.add(1, PREFIX + "Group slot 21 group 0: ranking [2, 0, 3, 1] threshold 3");
    log.add(1, PREFIX + "Group block slot 21 group 0 root 0xab12: rank 1 led, 3/4 signatures (threshold 3); proposal 512 ms,"
        + " threshold 540 ms, published (backup) 1790 ms");
    log.add(0, PREFIX + "Group block slot 21 group 0 root 0xab12: rank 1 led, 3/4 signatures (threshold 3); proposal 498 ms,"
        + " threshold 530 ms, published (leader) 531 ms");
    log.add(0, PREFIX + "Group slot 30 group 1: ranking [0, 1, 2, 3] threshold 3");
    log.add(0, "some other line about Group things");
    List<GroupProposalLog.Slot> slots = List.copyOf(log.slots());
    assertThat(slots).hasSize(2);
    GroupProposalLog.Slot s = slots.get(0);
    assertThat(s.slot()).isEqualTo(21);
    assertThat(s.ranking()).containsExactly(2, 0, 3, 1);
    assertThat(s.threshold()).isEqualTo(3);
    // the earliest publication counts: the leader's
    assertThat(s.published()).hasValueSatisfying(p -> {
      assertThat(p.node()).isZero();
      assertThat(p.rank()).isEqualTo(1);
      assertThat(p.as()).isEqualTo("leader");
      assertThat(p.publishedMs()).isEqualTo(531);
      assertThat(p.thresholdMs()).isEqualTo(530);
    });
    assertThat(slots.get(1).published()).isEmpty();
  }

  @Test
  void groupAndPlainBlocksAreTimedByTheEarliestBlockEventAndTheDeadLeaderIsNamed() {
    BlockImportDelays delays = new BlockImportDelays(1_000_000, 2000);
    // slot 21: group 0 (ranking [2, 0, 3, 1]: rank 0 is member 2, on node (0 + 2) mod 3 = 2, killed)
    delays.onLine(0, "data:{\"slot\":\"21\"}", 1_000_000 + 21 * 2000 + 1150);
    delays.onLine(1, "data:{\"slot\":\"21\"}", 1_000_000 + 21 * 2000 + 1100);
    // slot 22: plain; slot 23: plain, its block came after the sample (no proposer in the record)
    delays.onLine(0, "data:{\"slot\":\"22\"}", 1_000_000 + 22 * 2000 + 300);
    delays.onLine(1, "data:{\"slot\":\"23\"}", 1_000_000 + 23 * 2000 + 1900);
    GroupProposalLog log = new GroupProposalLog();
    log.add(0, PREFIX + "Group slot 21 group 0: ranking [2, 0, 3, 1] threshold 3");
    log.add(0, PREFIX + "Group block slot 21 group 0 root 0xab12: rank 1 led, 3/4 signatures (threshold 3); proposal 900 ms,"
        + " threshold 1090 ms, published (leader) 1091 ms");
    // a restarting node with a stale head logs duties that are not: slot 22's block is plain
    log.add(2, PREFIX + "Group slot 22 group 1: ranking [0, 1, 2, 3] threshold 3");
    List<SlotRecord> records = List.of(record(21, 0, true), record(22, 40, true), record(23, -1, true));
    ProposalLatency l = new ProposalLatency(PARAMS, records, delays, log, List.of(NodeKill.parse("2@12:28")),
        List.of(NodeChaos.parse(NodeChaos.Kind.WITHHOLD, "2"), NodeChaos.parse(NodeChaos.Kind.DELAY, "1:300")));
    assertThat(l.group()).containsExactly(1100L);
    assertThat(l.plain()).containsExactly(300L, 1900L);
    assertThat(l.groupSlots()).hasSize(1);
    ProposalLatency.GroupSlot g = l.groupSlots().getFirst();
    assertThat(g.leaderNode()).isEqualTo(2);
    assertThat(g.leaderDown()).isTrue();
    assertThat(g.leaderChaos()).as("the chaos options of the rank-0 member's node, not another's").containsExactly("--withhold 2");
    assertThat(g.blockMs()).isEqualTo(OptionalLong.of(1100));
    assertThat(g.produced()).isTrue();
    // all three slots are after the first epoch (8 slots): the warm figures are the whole run's
    com.fasterxml.jackson.databind.node.ObjectNode summary = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    l.putSummary(summary);
    assertThat(summary.get("after_first_epoch").get("group").get("p50").asLong()).isEqualTo(1100);
    assertThat(summary.get("after_first_epoch").get("plain").get("blocks").asInt()).isEqualTo(2);
    assertThat(summary.get("after_first_epoch").get("group_leader_down").get("blocks").asInt()).isEqualTo(1);
    assertThat(l.line()).isEqualTo("slot start to block: plain p50 300 ms p99 1900 ms (2 blocks), group p50 1100 ms p99 1100 ms"
        + " (1 blocks); extra p50 +800 ms, p99 -800 ms");
    delays.close();
  }

  private static SlotRecord record(long slot, long proposer, boolean nodeTwoDown) {
    List<NodeSample> nodes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      nodes.add(i == 2 && nodeTwoDown ? NodeSample.dead(2)
          : new NodeSample(i, true, true, slot, "0x01", 0, 0, 2, proposer >= 0, proposer));
    }
    return new SlotRecord(slot, slot / 8, nodes, List.of(-1L, -1L, -1L), null);
  }

  @Test
  void theScanFindsAKeyThatSignedTwoBlocksOfASlotOrConflictingAttestationsAcrossNodes() {
    BlsPublicKey key = BlsSecretKey.interop(7).publicKey();
    BlsPublicKey other = BlsSecretKey.interop(8).publicKey();
    Bytes32 gvr = Bytes32.fromHexString("0x" + "11".repeat(32));
    Path a = tmp.resolve("node-0/data");
    Path b = tmp.resolve("node-1/data");
    try (SlashingProtection db = SlashingProtection.open(a, gvr)) {
      db.checkAndRecordBlock(key, UInt64.valueOf(5), Bytes32.fromHexString("0x" + "aa".repeat(32)));
      db.checkAndRecordBlock(other, UInt64.valueOf(5), Bytes32.fromHexString("0x" + "aa".repeat(32)));
      db.checkAndRecordAttestation(key, UInt64.valueOf(1), UInt64.valueOf(2), Bytes32.fromHexString("0x" + "01".repeat(32)));
      db.checkAndRecordAttestation(other, UInt64.valueOf(1), UInt64.valueOf(4), Bytes32.fromHexString("0x" + "02".repeat(32)));
    }
    SigningScan clean = SigningScan.of(List.of(a, tmp.resolve("node-2/data")));
    assertThat(clean.keys()).isEqualTo(2);
    assertThat(clean.blocks()).isEqualTo(2);
    assertThat(clean.attestations()).isEqualTo(2);
    assertThat(clean.conflicts()).isEmpty();
    // the same keys on a second node (each database alone allows what it recorded)
    try (SlashingProtection db = SlashingProtection.open(b, gvr)) {
      db.checkAndRecordBlock(key, UInt64.valueOf(5), Bytes32.fromHexString("0x" + "bb".repeat(32)));
      db.checkAndRecordAttestation(other, UInt64.valueOf(2), UInt64.valueOf(3), Bytes32.fromHexString("0x" + "03".repeat(32)));
      db.checkAndRecordAttestation(key, UInt64.valueOf(1), UInt64.valueOf(2), Bytes32.fromHexString("0x" + "01".repeat(32)));
    }
    SigningScan both = SigningScan.of(List.of(a, b));
    assertThat(both.conflicts()).hasSize(2).anyMatch(c -> c.endsWith(": two blocks at slot 5"))
        .anyMatch(c -> c.endsWith(": surround vote 1->4 and 2->3"));
    assertThat(both.unreadable()).isEmpty();
  }
}
