package io.edvt.node.devnet.genesis;

import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import java.util.ArrayList;
import java.util.List;

/**
 * What a devnet is made of: its validators, the nodes that run them, the groups (each one
 * validator with {@code groupSize} member keys and threshold {@code threshold}), the slot time and
 * when EDVT starts. {@link #problems} checks them against the minimal preset before anything is
 * written or started.
 *
 * @param groupBalanceGwei the balance of each group's validator; at least {@code groupSize *
 *     MIN_ACTIVATION_BALANCE} ({@code process_group_registration}'s balance rule)
 * @param genesisTime the genesis state's {@code genesis_time}, Unix seconds
 * @param kdfIterations the PBKDF2 count of the keystores (low on purpose: a devnet starts fast)
 * @param memberNodes how many of the nodes (the last ones) run group member keys only, no plain
 *     validator: killing them takes members down without taking plain stake (and finality) with
 *     them, the "n - m + 1 members down while the chain finalizes"
 */
public record DevnetParameters(
    int validators, int nodes, int groups, int groupSize, int threshold, long groupBalanceGwei, int slotMs,
    long edvtForkEpoch, long genesisTime, int kdfIterations, int memberNodes) {

  /** Every node runs plain validators. */
  public DevnetParameters(int validators, int nodes, int groups, int groupSize, int threshold, long groupBalanceGwei,
      int slotMs, long edvtForkEpoch, long genesisTime, int kdfIterations) {
    this(validators, nodes, groups, groupSize, threshold, groupBalanceGwei, slotMs, edvtForkEpoch, genesisTime,
        kdfIterations, 0);
  }

  /** The nodes that run plain validators: the first {@code nodes - memberNodes}. */
  public int plainNodes() {
    return nodes - memberNodes;
  }

  /** PBKDF2 iterations of devnet keystores: EIP-2335's example uses 262144; this decrypts in microseconds. */
  public static final int DEVNET_KDF_ITERATIONS = 1024;
  public static final int MIN_SLOT_MS = 500;

  /** The groups' balance rule's minimum: {@code groupSize * MIN_ACTIVATION_BALANCE}, in Gwei. */
  public static long minimumGroupBalanceGwei(SpecConfig config, int groupSize) {
    return config.minActivationBalance().longValue() * Math.max(groupSize, 1);
  }

  /** Whether EDVT is in force from genesis (the groups are then in the genesis state). */
  public boolean edvtAtGenesis() {
    return edvtForkEpoch == 0;
  }

  /**
   * Every problem of these parameters, one line each naming the flag, the value and the rule; empty
   * when the devnet can be made. {@code config} is the minimal preset's.
   */
  public List<String> problems(SpecConfig config) {
    List<String> out = new ArrayList<>();
    int maxGroupSize = SpecConfigEdvt.of(config).maxGroupSize();
    long eth = 1_000_000_000L;
    if (validators < 1) {
      out.add("--validators " + validators + ": must be at least 1");
    }
    if (nodes < 1) {
      out.add("--nodes " + nodes + ": must be at least 1");
    } else if (validators >= 1 && nodes - Math.max(memberNodes, 0) > validators) {
      out.add("--nodes " + nodes + ": more nodes than validators (" + validators + "); every node runs at least one");
    }
    if (memberNodes < 0) {
      out.add("--member-nodes " + memberNodes + ": must be 0 or more");
    } else if (memberNodes > 0 && nodes >= 1 && memberNodes >= nodes) {
      out.add("--member-nodes " + memberNodes + ": at least one of the " + nodes + " nodes must run the plain validators");
    } else if (memberNodes > 0 && groups < 1) {
      out.add("--member-nodes " + memberNodes + ": without --groups there are no member keys to run");
    }
    if (groups < 0) {
      out.add("--groups " + groups + ": must be 0 or more");
    } else if (groups > validators && validators >= 1) {
      out.add("--groups " + groups + ": more groups than validators (" + validators
          + "); each group is one validator with its member keys");
    }
    if (groupSize < 1) {
      out.add("--group-size " + groupSize + ": must be at least 1");
    } else if (groupSize > maxGroupSize) {
      out.add("--group-size " + groupSize + ": more members than MAX_GROUP_SIZE (" + maxGroupSize + ")");
    }
    if (threshold < 1) {
      out.add("--threshold " + threshold + ": must be at least 1");
    } else if (threshold > groupSize && groupSize >= 1) {
      out.add("--threshold " + threshold + ": more than --group-size " + groupSize + " (need 1 <= m <= n)");
    }
    long minimum = minimumGroupBalanceGwei(config, groupSize);
    if (groupBalanceGwei < minimum) {
      out.add("--group-balance " + groupBalanceGwei / eth + ": too little balance for " + groupSize
          + " members, a group needs at least " + groupSize + " x " + config.minActivationBalance().longValue() / eth
          + " = " + minimum / eth + " ETH (MIN_ACTIVATION_BALANCE per member)");
    } else if (groupBalanceGwei > config.maxEffectiveBalanceElectra().longValue()) {
      out.add("--group-balance " + groupBalanceGwei / eth + ": above MAX_EFFECTIVE_BALANCE_ELECTRA ("
          + config.maxEffectiveBalanceElectra().longValue() / eth + " ETH)");
    }
    if (slotMs < MIN_SLOT_MS) {
      out.add("--slot-ms " + slotMs + ": at least " + MIN_SLOT_MS + " ms");
    }
    if (edvtForkEpoch < 0) {
      out.add("--edvt-fork-epoch " + edvtForkEpoch + ": must be 0 (EDVT at genesis) or a later epoch");
    }
    if (kdfIterations < 1) {
      out.add("--kdf-iterations " + kdfIterations + ": must be at least 1");
    }
    return out;
  }

  /** Advice that does not stop the devnet: groups with {@code 2m <= n}, members sharing a node. */
  public List<String> warnings() {
    List<String> out = new ArrayList<>();
    if (groups > 0 && 2 * threshold <= groupSize) {
      out.add("threshold " + threshold + " of " + groupSize + ": 2m <= n, two disjoint sets of members could each sign"
          + " (validator.md, \"Choosing the threshold\")");
    }
    if (groups > 0 && groupSize > nodes) {
      out.add(groupSize + " members per group on " + nodes + " nodes: some members of a group share a node");
    }
    return out;
  }
}
