package io.edvt.spec.logic.versions.fulu;

import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateElectra;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.Fork;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Electra-to-Fulu upgrade (Fulu {@code fork.md}): {@code upgrade_to_fulu} and
 * {@code initialize_proposer_lookahead}.
 *
 * <p>A later milestone's upgrade extends this class with its own {@code upgrade_to_X}; the Fulu
 * upgrade it inherits still makes a Fulu state (with the Fulu schema), whatever milestone's spec
 * it was built with.
 */
public class ForkUpgradeFulu {
  protected final FuluHelpers helpers;
  private final SchemaDefinitionsFulu fuluSchemas;

  public ForkUpgradeFulu(FuluHelpers helpers) {
    this.helpers = helpers;
    // Container types are shared per layout, so this yields the very types of a Fulu spec.
    this.fuluSchemas = new SchemaDefinitionsFulu(helpers.config());
  }

  /**
   * {@code upgrade_to_fulu}: every Electra field carried over unchanged, except {@code fork}
   * (previous version the Electra current version, current version {@code FULU_FORK_VERSION},
   * epoch the current epoch), plus the new {@code proposer_lookahead}. The caches of
   * {@code pre} (active indices, shufflings, pubkeys) stay valid and move to the new state.
   */
  public BeaconStateFulu upgradeToFulu(BeaconStateElectra pre) {
    MutableBeaconState working = new MutableBeaconState(pre);
    UInt64 epoch = helpers.accessors().getCurrentEpoch(working);
    Object[] values = Arrays.copyOf(pre.values(), BeaconStateFulu.FIELD_COUNT);
    values[BeaconState.FORK] = Fork.create(pre.fork().currentVersion(), helpers.config().fuluForkVersion(), epoch);
    values[BeaconStateFulu.PROPOSER_LOOKAHEAD] = initializeProposerLookahead(working);
    BeaconStateFulu post = fuluSchemas.beaconState().create(values);
    post.adoptCaches(working.caches().copyForDescendant());
    return post;
  }

  /**
   * {@code initialize_proposer_lookahead}: the proposers of the current epoch and the
   * {@code MIN_SEED_LOOKAHEAD} epochs after it, as the {@code proposer_lookahead} vector. Works on
   * any state from Electra on (it reads no Fulu field).
   */
  public SszList<UInt64> initializeProposerLookahead(MutableBeaconState state) {
    UInt64 currentEpoch = helpers.accessors().getCurrentEpoch(state);
    List<UInt64> lookahead = new ArrayList<>();
    for (int i = 0; i <= helpers.config().minSeedLookahead(); i++) {
      for (int index : helpers.accessors().getBeaconProposerIndices(state, currentEpoch.plus(i))) {
        lookahead.add(UInt64.valueOf(index));
      }
    }
    return helpers.schemas().proposerLookahead().of(lookahead);
  }
}
