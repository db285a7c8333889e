package io.edvt.node.validator.chaos;

import io.edvt.node.config.ChaosConfig;
import io.edvt.node.network.GroupMessages;
import io.edvt.node.validator.group.GroupProposer;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockProposal;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockSignoff;
import io.edvt.spec.edvt.datastructures.validator.GroupExitSignature;
import io.edvt.spec.edvt.datastructures.validator.GroupKeyChangeSignature;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Testing only ({@code --Xchaos-*}): the one place a deliberately misbehaving node's group traffic
 * is bent. It sits between the {@link GroupProposer}, which stays honest and unaware, and the
 * member topics: outgoing proposals and sign-offs are withheld (a leader's proposal), dropped (each
 * with the configured probability) or delayed; with an {@link Equivocator}, a proposal of ours
 * goes out with a twin and every proposal heard is signed off by our members as well, whatever the
 * sign-off rule says ({@link #listening}). The assembled block is not a member-topic message and
 * passes through untouched.
 */
public final class ChaosMemberTopics implements GroupProposer.MemberTopics {
  private static final System.Logger LOG = System.getLogger(ChaosMemberTopics.class.getName());

  /** Runs a publication later (a daemon timer in the node, simulated time in tests). */
  @FunctionalInterface
  public interface Timer {
    void schedule(Runnable task, long delayMs);
  }

  private final GroupProposer.MemberTopics inner;
  private final ChaosConfig config;
  private final Timer timer;
  private final RandomGenerator random;
  private final Optional<Equivocator> equivocator;
  private final AtomicLong withheld = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong delayed = new AtomicLong();

  /** @param random decides the drops (a seeded one makes a test repeatable) */
  public ChaosMemberTopics(GroupProposer.MemberTopics inner, ChaosConfig config, Timer timer, RandomGenerator random,
      Optional<Equivocator> equivocator) {
    this.inner = inner;
    this.config = config;
    this.timer = timer;
    this.random = random;
    this.equivocator = equivocator;
  }

  @Override
  public void proposal(GroupBlockProposal proposal) {
    if (config.withholdProposals()) {
      withheld.incrementAndGet();
      LOG.log(System.Logger.Level.WARNING, "CHAOS: withheld the group proposal of slot {0} group {1} (root {2})",
          proposal.block().slot(), proposal.block().proposerIndex(), proposal.block().hashTreeRoot());
      return;
    }
    send(() -> inner.proposal(proposal));
    equivocator.flatMap(e -> e.twin(proposal)).ifPresent(twin -> send(() -> inner.proposal(twin)));
  }

  @Override
  public void signoff(GroupBlockSignoff signoff) {
    send(() -> inner.signoff(signoff));
  }

  @Override
  public void block(SignedBeaconBlock block) {
    inner.block(block);
  }

  /**
   * What the member topics deliver, passed on to {@code honest}; with an equivocator, each
   * proposal heard is first signed off by our members past every rule.
   */
  public GroupMessages listening(GroupMessages honest) {
    if (equivocator.isEmpty()) {
      return honest;
    }
    Equivocator e = equivocator.get();
    return new GroupMessages() {
      @Override
      public void proposal(GroupBlockProposal proposal, long receivedAtMillis) {
        e.signoffs(proposal).forEach(ChaosMemberTopics.this::signoff);
        honest.proposal(proposal, receivedAtMillis);
      }

      @Override
      public void signoff(GroupBlockSignoff signoff) {
        honest.signoff(signoff);
      }

      @Override
      public void exitSignature(GroupExitSignature signature, BeaconState head) {
        honest.exitSignature(signature, head);
      }

      @Override
      public void keyChangeSignature(GroupKeyChangeSignature signature, BeaconState head) {
        honest.keyChangeSignature(signature, head);
      }
    };
  }

  /** Proposals withheld, member-topic messages dropped and delayed so far. */
  public long withheld() {
    return withheld.get();
  }

  public long dropped() {
    return dropped.get();
  }

  public long delayed() {
    return delayed.get();
  }

  /** Sign-offs come from the group thread and (the equivocator's) from gossip workers: one draw at a time. */
  private synchronized boolean drawDrop() {
    return random.nextDouble() < config.memberDropRate();
  }

  private void send(Runnable publish) {
    if (config.memberDropRate() > 0 && drawDrop()) {
      dropped.incrementAndGet();
      return;
    }
    if (config.memberDelayMs() > 0) {
      delayed.incrementAndGet();
      timer.schedule(publish, config.memberDelayMs());
    } else {
      publish.run();
    }
  }
}
