package io.edvt.reftests.generator;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.Fork;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.testing.ChainBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code fork}: {@code upgrade_to_edvt} of Fulu states, on the minimal and mainnet presets. */
final class ForkCases {
  private final CaseWriter out;

  ForkCases(CaseWriter out) {
    this.out = out;
  }

  /** The fixtures' head, the slot after it, and two slots of epoch 3, each upgraded. */
  void minimal(EdvtFixtures f) {
    int slotsPerEpoch = f.config().slotsPerEpoch();
    BeaconStateFulu head = f.fuluHead();
    List<Long> slots = List.of(head.slot().longValue(), head.slot().longValue() + 1, 3L * slotsPerEpoch,
        3L * slotsPerEpoch + 5);
    int i = 0;
    for (long slot : slots) {
      BeaconStateFulu pre = BeaconStateFulu.required(slot == head.slot().longValue() ? head
          : f.fulu().stateTransition().processSlots(head, UInt64.valueOf(slot)));
      write(f.edvt(), EdvtStates.PRESET, String.format("fork_fulu_state_%d_slot_%d", i++, slot), pre);
    }
  }

  /** The mainnet preset's 64-validator interop genesis and its first block, upgraded. */
  void mainnet(SpecConfig mainnet) {
    SpecFulu fulu = new SpecFulu(mainnet);
    SpecEdvt edvt = new SpecEdvt(mainnet);
    ChainBuilder chain = ChainBuilder.interop(fulu, EdvtFixtures.VALIDATORS);
    BeaconStateFulu genesis = BeaconStateFulu.required(chain.headState());
    chain.addBlock();
    BeaconStateFulu first = BeaconStateFulu.required(chain.headState());
    int i = 0;
    for (BeaconStateFulu pre : List.of(genesis, first)) {
      write(edvt, "mainnet", "fork_fulu_state_" + i++ + "_slot_" + pre.slot(), pre);
    }
  }

  private void write(SpecEdvt edvt, String preset, String name, BeaconStateFulu pre) {
    BeaconStateEdvt post = edvt.forkUpgrade().upgradeToEdvt(pre);
    // what a fork case promises: the same chain, now at EDVT's fork version, with no groups yet
    Fork fork = post.fork();
    GroupChains.check(post.slot().equals(pre.slot())
            && fork.currentVersion().equals(edvt.edvtConfig().edvtForkVersion())
            && fork.previousVersion().equals(pre.fork().currentVersion())
            && fork.epoch().equals(edvt.misc().computeEpochAtSlot(pre.slot()))
            && post.groups().isEmpty() && post.validators().hashTreeRoot().equals(pre.validators().hashTreeRoot())
            && post.balances().hashTreeRoot().equals(pre.balances().hashTreeRoot()),
        name + ": upgraded at the same slot to EDVT's fork version, validators and balances kept, no groups");
    Path dir = out.caseDir(preset, "fork", "fork", "pyspec_tests", name);
    out.meta(dir, Map.of("fork", SpecMilestone.EDVT.forkName()));
    out.state(dir, "pre", pre);
    out.state(dir, "post", post);
  }
}
