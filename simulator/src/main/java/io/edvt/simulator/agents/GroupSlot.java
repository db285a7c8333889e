package io.edvt.simulator.agents;

import io.edvt.groups.LeaderTurns;
import io.edvt.groups.MemberSlot;
import io.edvt.simulator.netmodel.NetworkModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * One slot of a group's block production, played message by message among its {@code n} member
 * nodes under a {@link NetworkModel}: leaders build and publish proposals, proposals and sign-offs
 * travel with independent delays, members validate, and a leader holding {@code m} signatures
 * publishes the assembled block. Under {@link Strategy#LEADER_PROMOTION} every member's decisions
 * are those of {@link MemberSlot} (the sign-off rule as code); the other strategies are the
 * alternatives the rationale compares.
 *
 * <p>Members ranked {@code r} is member {@code ranking[r]}; offline members do nothing; a member
 * that crashes stops at its crash time. Times are milliseconds into the slot.
 */
public final class GroupSlot {
  /** The failure model of one slot. */
  public record Failures(boolean[] online, double[] crashMs) {
    public static Failures none(int n) {
      double[] crash = new double[n];
      Arrays.fill(crash, Double.POSITIVE_INFINITY);
      boolean[] online = new boolean[n];
      Arrays.fill(online, true);
      return new Failures(online, crash);
    }

    /** Each member offline with probability {@code offline}, else crashing during the slot with probability {@code crash}. */
    public static Failures draw(int n, double offline, double crash, SplittableRandom random) {
      boolean[] online = new boolean[n];
      double[] crashMs = new double[n];
      for (int i = 0; i < n; i++) {
        online[i] = random.nextDouble() >= offline;
        crashMs[i] = random.nextDouble() < crash ? 4000 * random.nextDouble() : Double.POSITIVE_INFINITY;
      }
      return new Failures(online, crashMs);
    }
  }

  /** What the slot produced. */
  public record Outcome(
      boolean produced,
      int leaderRank,
      int leaderMember,
      int[] signers,
      double publishMs,
      double proposalMedianMemberMs,
      int proposals,
      int signoffs,
      int wastedProposals,
      int wastedSignoffs,
      int completedBlocks) {
    public static Outcome missed(int proposals, int signoffs) {
      return new Outcome(false, -1, -1, new int[0], Double.NaN, Double.NaN, proposals, signoffs, proposals, signoffs, 0);
    }
  }

  private record Event(double time, int kind, int member, int leader, double received) {}

  private static final int TURN = 0;
  private static final int PROPOSAL = 1;
  private static final int VALIDATED = 2;
  private static final int SIGNOFF = 3;

  private GroupSlot() {}

  public static Outcome play(Strategy strategy, int m, int[] ranking, LeaderTurns turns, NetworkModel net,
      Failures failures, SplittableRandom random) {
    int n = ranking.length;
    int maxRank = turns.maxLeaderRank(n, m);
    int[] rankOf = new int[n];
    for (int r = 0; r < n; r++) {
      rankOf[ranking[r]] = r;
    }
    List<MemberSlot<Integer>> slots = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      slots.add(new MemberSlot<>(turns, ranking, i, m, Optional.empty()));
    }
    Integer[] signedFor = new Integer[n]; // race / follow: the leader a member signed for
    PriorityQueue<Event> queue = new PriorityQueue<>((a, b) -> a.time() != b.time()
        ? Double.compare(a.time(), b.time()) : Integer.compare(a.kind(), b.kind()));
    switch (strategy) {
      case LEADER_PROMOTION -> {
        for (int r = 0; r <= maxRank; r++) {
          queue.add(new Event(turns.leaderStartMs(r), TURN, ranking[r], -1, 0));
        }
      }
      case RACE -> {
        for (int r = 0; r <= maxRank; r++) {
          queue.add(new Event(0, TURN, ranking[r], -1, 0));
        }
      }
      case FOLLOW_THE_LEADER -> queue.add(new Event(0, TURN, ranking[0], -1, 0));
      default -> throw new IllegalStateException();
    }
    int[] signatures = new int[n];
    List<List<Integer>> signersOf = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      signersOf.add(new ArrayList<>());
    }
    double[] publishedAt = new double[n];
    Arrays.fill(publishedAt, Double.NaN);
    double[] proposalArrivalMedian = new double[n];
    boolean[] complete = new boolean[n];
    double[] completeAt = new double[n];
    int proposals = 0;
    int signoffs = 0;
    int firstComplete = -1;
    int completed = 0;
    while (!queue.isEmpty()) {
      Event e = queue.poll();
      int i = e.member();
      if (!failures.online()[i] || e.time() >= failures.crashMs()[i]) {
        continue;
      }
      switch (e.kind()) {
        case TURN -> {
          boolean leads = strategy == Strategy.LEADER_PROMOTION ? slots.get(i).leadsAt((long) e.time()) : signedFor[i] == null;
          if (!leads) {
            break;
          }
          if (strategy == Strategy.LEADER_PROMOTION) {
            slots.get(i).lead(i, (long) e.time());
          }
          signedFor[i] = i;
          proposals++;
          signatures[i] = 1;
          signersOf.get(i).add(i);
          double published = net.publishMs(e.time(), random);
          publishedAt[i] = published;
          double[] arrivals = new double[n - 1];
          int a = 0;
          for (int j = 0; j < n; j++) {
            if (j != i) {
              double at = published + net.propagationMs(random);
              arrivals[a++] = at;
              queue.add(new Event(at, PROPOSAL, j, i, at));
            }
          }
          Arrays.sort(arrivals);
          proposalArrivalMedian[i] = arrivals.length == 0 ? published : arrivals[arrivals.length / 2];
          if (m == 1) {
            complete[i] = true;
            completeAt[i] = published;
            completed++;
            firstComplete = firstComplete < 0 ? i : firstComplete;
          }
        }
        case PROPOSAL -> {
          boolean consider = switch (strategy) {
            case LEADER_PROMOTION -> slots.get(i).onProposal(e.leader(), e.leader(), (long) e.time())
                == MemberSlot.SignoffVerdict.ALLOWED;
            // the block's leader must be its best-ranked signer: members sign only leaders ranked before them
            case RACE, FOLLOW_THE_LEADER -> rankOf[i] > rankOf[e.leader()] && signedFor[i] == null;
          };
          if (consider) {
            double done = e.time() + net.validationMs(random);
            queue.add(new Event(done, VALIDATED, i, e.leader(), e.received()));
            if (strategy == Strategy.LEADER_PROMOTION) {
              // a member whose turn starts while it validates decides when validation ends
              int r = rankOf[i];
              if (r <= maxRank && done >= turns.leaderStartMs(r) && done < turns.leaderDeadlineMs(r)) {
                queue.add(new Event(done, TURN, i, -1, 0));
              }
            }
          }
        }
        case VALIDATED -> {
          boolean signs = switch (strategy) {
            case LEADER_PROMOTION -> slots.get(i).trySign(e.leader());
            case RACE, FOLLOW_THE_LEADER -> {
              if (signedFor[i] == null) {
                signedFor[i] = e.leader();
                yield true;
              }
              yield false;
            }
          };
          if (signs) {
            signoffs++;
            double at = e.time() + net.propagationMs(random);
            queue.add(new Event(at, SIGNOFF, e.leader(), e.leader(), 0));
            signersOf.get(e.leader()).add(i);
          }
        }
        case SIGNOFF -> {
          int leader = e.leader();
          if (++signatures[leader] >= m && !complete[leader]) {
            complete[leader] = true;
            completeAt[leader] = e.time();
            completed++;
            if (firstComplete < 0 || e.time() < completeAt[firstComplete]) {
              firstComplete = leader;
            }
          }
        }
        default -> throw new IllegalStateException();
      }
    }
    if (firstComplete < 0) {
      return Outcome.missed(proposals, signoffs);
    }
    int leader = firstComplete;
    // the signers whose sign-offs had arrived when the leader published (it includes all it holds)
    int[] signers = signersOf.get(leader).stream().mapToInt(Integer::intValue).sorted().toArray();
    int wastedProposals = proposals - 1;
    int wastedSignoffs = signoffs - (signersOf.get(leader).size() - 1);
    return new Outcome(true, rankOf[leader], leader, signers, completeAt[leader], proposalArrivalMedian[leader],
        proposals, signoffs, wastedProposals, wastedSignoffs, completed);
  }
}
