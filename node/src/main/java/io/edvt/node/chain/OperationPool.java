package io.edvt.node.chain;

import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.operations.ProposerSlashing;
import io.edvt.spec.datastructures.operations.SignedBLSToExecutionChange;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupRegistration;
import io.edvt.spec.edvt.datastructures.operations.SignedVoluntaryExitEdvt;
import io.edvt.spec.edvt.logic.ForkUpgradeEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * Operations waiting for a block: proposer and attester slashings, voluntary exits, BLS-to-
 * execution changes, and EDVT's group registrations and key changes. Each kind is deduplicated by
 * what makes a second copy useless (one exit, BLS change, registration or key change per
 * validator, one proposer slashing per proposer, attester slashings by root) and bounded (the
 * oldest entry goes first). Signatures are checked by gossip or the API before adding.
 *
 * <p>{@link #forBlock} picks what a block at the state's slot can carry: each candidate is applied,
 * in block order, to a working copy of the state with the milestone's own processing (signatures
 * checked again: a block with one bad operation is invalid as a whole), and only those that pass
 * are taken, up to the block's limits. Pre-fork operations going into an EDVT block are converted
 * first ({@code upgrade_*_to_edvt}, EDVT fork.md). Thread-safe.
 */
public final class OperationPool {
  private final SpecVersions versions;
  private final Bounded<SignedVoluntaryExit> exits;
  private final Bounded<ProposerSlashing> proposerSlashings;
  private final Bounded<AttesterSlashing> attesterSlashings;
  private final Bounded<SignedBLSToExecutionChange> blsChanges;
  private final Bounded<SignedGroupRegistration> groupRegistrations;
  private final Bounded<SignedGroupKeyChange> groupKeyChanges;

  public OperationPool(SpecVersions versions, int maxPerKind) {
    this.versions = versions;
    this.exits = new Bounded<>(maxPerKind);
    this.proposerSlashings = new Bounded<>(maxPerKind);
    this.attesterSlashings = new Bounded<>(maxPerKind);
    this.blsChanges = new Bounded<>(maxPerKind);
    this.groupRegistrations = new Bounded<>(maxPerKind);
    this.groupKeyChanges = new Bounded<>(maxPerKind);
  }

  /** What one block carries besides attestations and the sync aggregate. */
  public record BlockOperations(List<ProposerSlashing> proposerSlashings, List<AttesterSlashing> attesterSlashings,
      List<SignedVoluntaryExit> voluntaryExits, List<SignedBLSToExecutionChange> blsToExecutionChanges,
      List<SignedGroupRegistration> groupRegistrations, List<SignedGroupKeyChange> groupKeyChanges) {}

  /** @return false if one for the same validator (or the same slashing) is held already, or no room */
  public boolean addVoluntaryExit(SignedVoluntaryExit exit) {
    return exits.add(exit.message().validatorIndex().toString(), exit);
  }

  public boolean addProposerSlashing(ProposerSlashing slashing) {
    return proposerSlashings.add(slashing.signedHeader1().message().proposerIndex().toString(), slashing);
  }

  public boolean addAttesterSlashing(AttesterSlashing slashing) {
    return attesterSlashings.add(slashing.hashTreeRoot().toHexString(), slashing);
  }

  public boolean addBlsToExecutionChange(SignedBLSToExecutionChange change) {
    return blsChanges.add(change.message().validatorIndex().toString(), change);
  }

  public boolean addGroupRegistration(SignedGroupRegistration registration) {
    return groupRegistrations.add(registration.message().validatorIndex().toString(), registration);
  }

  /** At most one key change per group is packed per block, so one per group is kept. */
  public boolean addGroupKeyChange(SignedGroupKeyChange change) {
    return groupKeyChanges.add(change.message().validatorIndex().toString(), change);
  }

  /** The held voluntary exits, oldest first (for the Beacon API's pool listing). */
  public List<SignedVoluntaryExit> voluntaryExits() {
    return exits.values();
  }

  public List<ProposerSlashing> proposerSlashings() {
    return proposerSlashings.values();
  }

  public List<AttesterSlashing> attesterSlashings() {
    return attesterSlashings.values();
  }

  public List<SignedBLSToExecutionChange> blsToExecutionChanges() {
    return blsChanges.values();
  }

  public List<SignedGroupRegistration> groupRegistrations() {
    return groupRegistrations.values();
  }

  public List<SignedGroupKeyChange> groupKeyChanges() {
    return groupKeyChanges.values();
  }

  /** How many operations of every kind are held. */
  public int size() {
    return exits.size() + proposerSlashings.size() + attesterSlashings.size() + blsChanges.size()
        + groupRegistrations.size() + groupKeyChanges.size();
  }

  /**
   * The operations valid on {@code stateAtSlot} (the head state advanced to the block's slot),
   * in block order, each applied on a working copy before the next is tried. {@code stateAtSlot}
   * itself is not changed.
   */
  public BlockOperations forBlock(MutableBeaconState stateAtSlot) {
    Working working = new Working(stateAtSlot.commit());
    SpecMilestone milestone = SpecVersions.milestoneOf(working.state);
    SpecFulu spec = versions.forMilestone(milestone);
    var config = spec.config();
    boolean edvt = milestone == SpecMilestone.EDVT;
    ForkUpgradeEdvt upgrade = versions.edvt().forkUpgrade();
    var edvtSchemas = versions.edvt().schemas();

    List<ProposerSlashing> ps = pick(proposerSlashings.values(), config.maxProposerSlashings(),
        p -> edvt && p.type() != edvtSchemas.proposerSlashing() ? upgrade.upgradeProposerSlashing(p) : p,
        (p, s) -> spec.blockProcessor().processProposerSlashing(s, p, SignatureVerifier.SIMPLE), working);
    List<AttesterSlashing> as = pick(attesterSlashings.values(), config.maxAttesterSlashingsElectra(),
        a -> edvt && a.type() != edvtSchemas.attesterSlashing() ? upgrade.upgradeAttesterSlashing(a) : a,
        (a, s) -> spec.blockProcessor().processAttesterSlashing(s, a, SignatureVerifier.SIMPLE), working);
    List<SignedVoluntaryExit> ex = pick(exits.values(), config.maxVoluntaryExits(),
        e -> edvt && !(e instanceof SignedVoluntaryExitEdvt) ? upgrade.upgradeVoluntaryExit(e) : e,
        (e, s) -> spec.blockProcessor().processVoluntaryExit(s, e, SignatureVerifier.SIMPLE), working);
    List<SignedBLSToExecutionChange> bls = pick(blsChanges.values(), config.maxBlsToExecutionChanges(), c -> c,
        (c, s) -> spec.blockProcessor().processBlsToExecutionChange(s, c, SignatureVerifier.SIMPLE), working);
    List<SignedGroupRegistration> regs = List.of();
    List<SignedGroupKeyChange> keys = List.of();
    if (edvt) {
      var processor = versions.edvt().blockProcessor();
      var edvtConfig = versions.edvt().edvtConfig();
      regs = pick(groupRegistrations.values(), edvtConfig.maxGroupRegistrations(), r -> r,
          (r, s) -> processor.processGroupRegistration(s, r, SignatureVerifier.SIMPLE), working);
      keys = pick(groupKeyChanges.values(), edvtConfig.maxGroupKeyChanges(), k -> k,
          (k, s) -> processor.processGroupKeyChange(s, k, SignatureVerifier.SIMPLE), working);
    }
    return new BlockOperations(ps, as, ex, bls, regs, keys);
  }

  /**
   * Up to {@code max} of {@code candidates} (converted by {@code convert}) that {@code process}
   * accepts on {@code working}; each accepted one stays applied, a refused one leaves no trace.
   */
  private static <T> List<T> pick(List<T> candidates, int max, UnaryOperator<T> convert,
      BiConsumer<T, MutableBeaconState> process, Working working) {
    List<T> out = new ArrayList<>();
    for (T candidate : candidates) {
      if (out.size() >= max) {
        break;
      }
      T op = convert.apply(candidate);
      MutableBeaconState trial = new MutableBeaconState(working.state);
      try {
        process.accept(op, trial);
      } catch (RuntimeException e) {
        // not valid on this state (already applied, not yet allowed, or bad): not packed
        continue;
      }
      working.state = trial.commit();
      out.add(op);
    }
    return out;
  }

  /** Insertion-ordered, deduplicated by key, bounded (the oldest goes). */
  private static final class Bounded<T> {
    private final int max;
    private final Map<String, T> items = new LinkedHashMap<>();

    Bounded(int max) {
      this.max = max;
    }

    synchronized boolean add(String key, T item) {
      if (items.containsKey(key)) {
        return false;
      }
      if (items.size() >= max) {
        String oldest = items.keySet().iterator().next();
        items.remove(oldest);
      }
      items.put(key, item);
      return true;
    }

    synchronized List<T> values() {
      return List.copyOf(items.values());
    }

    synchronized int size() {
      return items.size();
    }
  }

  /** The state the picked operations have been applied to so far. */
  private static final class Working {
    private BeaconState state;

    Working(BeaconState state) {
      this.state = state;
    }
  }
}
