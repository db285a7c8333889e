package io.edvt.simulator.chain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The validators of a simulated chain, in registry order: each with a balance and either no group
 * or a group of {@code n} members with threshold {@code m}. A {@code label} names the class a
 * validator is reported in (for example {@code plain-224} or {@code group-5-7}).
 */
public final class Population {
  /** One validator: balance in ETH, group size {@code n} (0 for a plain validator) and threshold. */
  public record Member(String label, int balanceEth, int m, int n) {
    public boolean isGroup() {
      return n > 0;
    }
  }

  private final List<Member> validators = new ArrayList<>();

  /** Adds {@code count} validators of {@code balanceEth} ETH without a group. */
  public Population plain(String label, int count, int balanceEth) {
    for (int i = 0; i < count; i++) {
      validators.add(new Member(label, balanceEth, 0, 0));
    }
    return this;
  }

  /** Adds {@code count} groups of {@code n} members, threshold {@code m}, {@code n * 32} ETH each. */
  public Population groups(String label, int count, int m, int n) {
    for (int i = 0; i < count; i++) {
      validators.add(new Member(label, 32 * n, m, n));
    }
    return this;
  }

  /**
   * Spreads the validators of each class over the registry (a deterministic interleaving by
   * position), so that no class sits in one block of indices.
   */
  public Population interleaved(long seed) {
    Collections.shuffle(validators, new java.util.Random(seed));
    return this;
  }

  public List<Member> validators() {
    return Collections.unmodifiableList(validators);
  }

  public int size() {
    return validators.size();
  }

  /** How many member keys the groups hold. */
  public int memberKeys() {
    int k = 0;
    for (Member v : validators) {
      k += v.n();
    }
    return k;
  }

  /** Total stake in ETH. */
  public long totalEth() {
    long t = 0;
    for (Member v : validators) {
      t += v.balanceEth();
    }
    return t;
  }

  /**
   * {@code validators} validators of which groups of {@code n} (threshold {@code m}) hold
   * {@code groupShare} of the stake and plain 32 ETH validators the rest.
   */
  public static Population withGroupShare(int validators, double groupShare, int m, int n) {
    // group stake 32 n K of total 32 n K + 32 (V - K): K = share V / (n - share (n - 1))
    int groups = (int) Math.round(groupShare * validators / (n - groupShare * (n - 1)));
    return new Population().groups("group-" + m + "-" + n, groups, m, n).plain("plain-32", validators - groups, 32);
  }
}
