package io.edvt.reftests.generator;

import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the EDVT reference vectors in the consensus-spec-tests layout,
 * {@code <tests>/<preset>/edvt/<runner>/<handler>/<suite>/<case>/}: snappy-compressed SSZ and
 * YAML, from fixed seeds and fixed keys, in a fixed order, so two runs give the same bytes.
 *
 * <p>The expected outputs are computed by this client's EDVT implementation (the vectors pin its
 * behaviour; they are not an independent oracle). Usage: {@code ./edvt generate-vectors [tests-dir]}
 * (default {@code reference-tests/vectors/tests}); the {@code <preset>/edvt} folders are replaced.
 *
 * <p>Each runner's cases live in their own class, run here in a fixed order: {@link SszStaticCases},
 * {@link ForkCases}, the {@code operations} handlers ({@link GroupRegistrationCases},
 * {@link GroupKeyChangeCases}, {@link AttestationCases}, {@link SlashingAndExitCases},
 * {@link SyncAggregateCases}, and {@link GroupBlockCases} with single-block {@code sanity/blocks}),
 * {@link EpochProcessingCases}, {@link BasicRewardsCases}, {@link SanitySlotsCases}, and the
 * chain-based {@link FinalityCases}, {@link ChainBlockCases} (multi-block {@code sanity/blocks}),
 * {@link GroupRewardsCases} ({@code rewards/leak}, {@code rewards/random}) and
 * {@link ForkChoiceCases}.
 */
public final class EdvtVectorGenerator {
  private EdvtVectorGenerator() {}

  public static void main(String[] args) {
    Path out = Path.of(args.length > 0 ? args[0] : "reference-tests/vectors/tests");
    Map<String, Integer> counts = generate(out);
    int total = 0;
    for (var e : counts.entrySet()) {
      System.out.println(e.getKey() + ": " + e.getValue());
      total += e.getValue();
    }
    System.out.println("total: " + total + " cases under " + out.toAbsolutePath().normalize());
  }

  /** Writes every case under {@code tests} (replacing its {@code <preset>/edvt} folders); returns counts per handler. */
  public static Map<String, Integer> generate(Path tests) {
    CaseWriter out = new CaseWriter(tests);
    for (String preset : List.of("minimal", "mainnet")) {
      out.deleteFork(preset);
    }
    SpecConfig minimal = EdvtConfig.load("minimal");
    SpecConfig mainnet = EdvtConfig.load("mainnet");
    SszStaticCases ssz = new SszStaticCases(out);
    ssz.write("minimal", minimal, 3, false);
    ssz.write("mainnet", mainnet, 1, true);
    EdvtFixtures f = new EdvtFixtures(new SpecFulu(minimal), new SpecEdvt(minimal));
    ForkCases fork = new ForkCases(out);
    fork.minimal(f);
    EdvtStates states = new EdvtStates(f);
    OperationCases ops = new OperationCases(out, states);
    new GroupRegistrationCases(ops, states).all();
    new GroupKeyChangeCases(ops, states).all();
    new AttestationCases(ops, states).all();
    new SlashingAndExitCases(ops, states).all();
    new SyncAggregateCases(ops, states).all();
    new GroupBlockCases(ops, states, out).all();
    new EpochProcessingCases(out, states).all();
    new BasicRewardsCases(out, states).all();
    new SanitySlotsCases(out, states).all();
    // chain-based cases
    new FinalityCases(out, f).all();
    new ChainBlockCases(out, f).all();
    new GroupRewardsCases(out, f).all();
    new ForkChoiceCases(out, f).all();
    fork.mainnet(mainnet);
    return out.counts();
  }
}
