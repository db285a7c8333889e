package io.edvt.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.simulator.chain.ChainRun;
import io.edvt.simulator.chain.FullStackChain;
import io.edvt.simulator.chain.PhaseTimers;
import io.edvt.simulator.chain.Population;
import io.edvt.simulator.chain.SimGenesis;
import io.edvt.simulator.scenario.GossipLoad;
import io.edvt.simulator.scenario.Networks;
import io.edvt.simulator.scenario.Params;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gossip model's count of single attestations against what the full-stack chain publishes. */
class GossipModelTest {

  @Test
  void theFullStackPublishesTheModelsSingleAttestationsPerSlot() {
    Population pop = new Population().groups("g-5-7", 20, 5, 7).groups("g-11-16", 5, 11, 16).plain("plain", 400, 32);
    SimGenesis.Start start = SimGenesis.build(pop, Map.of());
    FullStackChain chain = new FullStackChain(start, new PhaseTimers());
    long[][] at = new long[2][];
    new ChainRun(chain, Networks.of(Params.load(null), 1), Networks.turns(833), 2, (v, j, s) -> false, true)
        .run(3 * 32 - 1, List.of(new ChainRun.Observer() {
          @Override
          public void slot(ChainRun.SlotRecord r) {
            if (r.slot() == 31 || r.slot() == 95) {
              at[r.slot() == 31 ? 0 : 1] = chain.traffic().byKind.get("single_attestation").clone();
            }
          }
        }), null);
    // epochs 1 and 2, whole: every signer attests once per epoch
    double signers = pop.memberKeys() + 400;
    long singles = at[1][0] - at[0][0];
    assertThat(singles).isEqualTo((long) (2 * 32 * GossipLoad.signersPerSlot(signers)));
    assertThat(at[1][1] - at[0][1]).isEqualTo(singles * 240);
  }
}
