package io.edvt.node.validator.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.config.ChaosConfig;
import io.edvt.node.network.GroupMessages;
import io.edvt.node.validator.group.GroupProposer;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockEdvt;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockProposal;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockSignoff;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

/**
 * The seam alone: what reaches the member topics, and when, under each {@code --Xchaos-*} flag.
 * Time is a hand-run timer (task lists by due time); what goes out is recorded.
 */
class ChaosMemberTopicsTest {
  private static final SpecVersions VERSIONS = new SpecVersions(EdvtConfig.load("minimal", Map.of("EDVT_FORK_EPOCH", "0")));

  /** The member topics, recorded with the time each message went out. */
  private static final class Recorded implements GroupProposer.MemberTopics {
    final List<String> sent = new ArrayList<>();
    long now;

    @Override
    public void proposal(GroupBlockProposal proposal) {
      sent.add("proposal " + proposal.block().slot() + " at " + now);
    }

    @Override
    public void signoff(GroupBlockSignoff signoff) {
      sent.add("signoff " + signoff.memberIndex() + " at " + now);
    }

    @Override
    public void block(SignedBeaconBlock block) {
      sent.add("block " + block.message().slot() + " at " + now);
    }
  }

  /** Runs tasks when their time comes. */
  private static final class Timer implements ChaosMemberTopics.Timer {
    final TreeMap<Long, List<Runnable>> due = new TreeMap<>();
    final Recorded clock;

    Timer(Recorded clock) {
      this.clock = clock;
    }

    @Override
    public void schedule(Runnable task, long delayMs) {
      due.computeIfAbsent(clock.now + delayMs, t -> new ArrayList<>()).add(task);
    }

    void runUntil(long t) {
      while (!due.isEmpty() && due.firstKey() <= t) {
        var next = due.pollFirstEntry();
        clock.now = next.getKey();
        next.getValue().forEach(Runnable::run);
      }
      clock.now = t;
    }
  }

  private static GroupBlockProposal proposal(long slot) {
    var block = VERSIONS.edvt().schemas().beaconBlock().defaultValue().withSlot(UInt64.valueOf(slot));
    return GroupBlockProposal.create(VERSIONS.edvt().schemas().groupBlockProposal(), block, Bytes.wrap(new byte[96]));
  }

  private static GroupBlockSignoff signoff(int member) {
    return GroupBlockSignoff.create(Bytes32.ZERO, UInt64.valueOf(member), Bytes.wrap(new byte[96]));
  }

  private static SignedBeaconBlock block(long slot) {
    return SignedBeaconBlockEdvt.create(VERSIONS.edvt().schemas().signedBeaconBlock(),
        VERSIONS.edvt().schemas().beaconBlock().defaultValue().withSlot(UInt64.valueOf(slot)), Bytes.wrap(new byte[96]),
        SszBits.withSet(VERSIONS.edvt().edvtConfig().maxGroupSize(), new int[0]));
  }

  @Test
  void withoutChaosEverythingGoesOutAtOnce() {
    Recorded out = new Recorded();
    ChaosMemberTopics topics = new ChaosMemberTopics(out, ChaosConfig.NONE, new Timer(out), new SplittableRandom(1), Optional.empty());
    topics.proposal(proposal(3));
    topics.signoff(signoff(1));
    topics.block(block(3));
    assertThat(out.sent).containsExactly("proposal 3 at 0", "signoff 1 at 0", "block 3 at 0");
    GroupMessages honest = GroupMessages.NONE;
    assertThat(topics.listening(honest)).as("nothing to add without an equivocator").isSameAs(honest);
  }

  @Test
  void aDelayHoldsProposalsAndSignoffsButNotTheAssembledBlock() {
    Recorded out = new Recorded();
    Timer timer = new Timer(out);
    ChaosMemberTopics topics = new ChaosMemberTopics(out, new ChaosConfig(400, 0, false, false), timer,
        new SplittableRandom(1), Optional.empty());
    topics.proposal(proposal(3));
    out.now = 100;
    topics.signoff(signoff(2));
    topics.block(block(3));
    assertThat(out.sent).containsExactly("block 3 at 100");
    timer.runUntil(399);
    assertThat(out.sent).containsExactly("block 3 at 100");
    timer.runUntil(1000);
    assertThat(out.sent).containsExactly("block 3 at 100", "proposal 3 at 400", "signoff 2 at 500");
    assertThat(topics.delayed()).isEqualTo(2);
  }

  @Test
  void dropsFollowTheRateEachMessageOnItsOwn() {
    Recorded out = new Recorded();
    ChaosMemberTopics topics = new ChaosMemberTopics(out, new ChaosConfig(0, 0.3, false, false), new Timer(out),
        new SplittableRandom(42), Optional.empty());
    for (int i = 0; i < 2000; i++) {
      topics.signoff(signoff(i % 4));
    }
    assertThat(topics.dropped() + out.sent.size()).isEqualTo(2000);
    assertThat(topics.dropped()).as("about 30 %% of 2000").isBetween(520L, 680L);

    Recorded all = new Recorded();
    ChaosMemberTopics everything = new ChaosMemberTopics(all, new ChaosConfig(0, 1, false, false), new Timer(all),
        new SplittableRandom(42), Optional.empty());
    everything.proposal(proposal(1));
    everything.signoff(signoff(0));
    everything.block(block(1));
    assertThat(all.sent).as("a rate of 1 drops every member-topic message; the block is not one").containsExactly("block 1 at 0");
  }

  @Test
  void aWithholdingLeaderSendsNoProposalButStillItsSignoffs() {
    Recorded out = new Recorded();
    ChaosMemberTopics topics = new ChaosMemberTopics(out, new ChaosConfig(0, 0, true, false), new Timer(out),
        new SplittableRandom(1), Optional.empty());
    topics.proposal(proposal(5));
    topics.proposal(proposal(6));
    topics.signoff(signoff(3));
    assertThat(out.sent).containsExactly("signoff 3 at 0");
    assertThat(topics.withheld()).isEqualTo(2);
  }

  @Test
  void withheldAndDelayedCombine() {
    Recorded out = new Recorded();
    Timer timer = new Timer(out);
    ChaosMemberTopics topics = new ChaosMemberTopics(out, new ChaosConfig(250, 0, true, false), timer,
        new SplittableRandom(1), Optional.empty());
    topics.proposal(proposal(5));
    topics.signoff(signoff(3));
    timer.runUntil(1000);
    assertThat(out.sent).containsExactly("signoff 3 at 250");
  }
}
