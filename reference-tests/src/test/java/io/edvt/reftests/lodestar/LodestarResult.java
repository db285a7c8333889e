package io.edvt.reftests.lodestar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one {@code stf.mjs} run printed.
 *
 * @param caseDir the case folder that was run (kept for reruns by hand)
 * @param exitCode the process exit status
 * @param steps the parsed stdout lines, in order
 * @param stderr Lodestar's progress messages and, on failure, the cause
 * @param elapsed wall time of the {@code node} process
 * @param rerun a shell command that repeats the run
 */
public record LodestarResult(
    Path caseDir, int exitCode, List<LodestarStep> steps, String stderr, Duration elapsed, String rerun) {

  public LodestarResult {
    steps = List.copyOf(steps);
  }

  /** The complete run's last line, if the run completed. */
  public Optional<LodestarStep.Done> done() {
    if (exitCode != 0 || steps.isEmpty() || !(steps.getLast() instanceof LodestarStep.Done d)) {
      return Optional.empty();
    }
    return Optional.of(d);
  }

  public boolean completed() {
    return done().isPresent();
  }

  /** Lodestar's rejection, if any. */
  public Optional<LodestarStep.Error> error() {
    return steps.stream()
        .filter(LodestarStep.Error.class::isInstance)
        .map(LodestarStep.Error.class::cast)
        .findFirst();
  }

  public Optional<LodestarStep.Config> config() {
    return steps.stream()
        .filter(LodestarStep.Config.class::isInstance)
        .map(LodestarStep.Config.class::cast)
        .findFirst();
  }

  public List<LodestarStep.Block> blocks() {
    return steps.stream()
        .filter(LodestarStep.Block.class::isInstance)
        .map(LodestarStep.Block.class::cast)
        .toList();
  }

  public List<LodestarStep.Epoch> epochs() {
    return steps.stream()
        .filter(LodestarStep.Epoch.class::isInstance)
        .map(LodestarStep.Epoch.class::cast)
        .toList();
  }

  /** The root steps (epochs, blocks, empty slots, in output order), without config and done. */
  public List<LodestarStep> rootSteps() {
    return steps.stream()
        .filter(s -> s instanceof LodestarStep.Epoch
            || s instanceof LodestarStep.Block
            || s instanceof LodestarStep.Slots)
        .toList();
  }

  /** Lodestar's state after root step {@code k}, if the case asked for it ({@link LodestarCase#dumpSteps()}). */
  public Optional<byte[]> dumpedState(int k) {
    Path f = caseDir.resolve("state_step_" + k + ".ssz");
    try {
      return Files.exists(f) ? Optional.of(Files.readAllBytes(f)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    }
  }

  /** This result, or an {@link AssertionError} that says why the run did not complete. */
  public LodestarResult requireCompleted() {
    if (!completed()) {
      throw new AssertionError("Lodestar did not complete the run: " + describeFailure());
    }
    return this;
  }

  /** Exit status, Lodestar's error line, the end of stderr and how to rerun. */
  public String describeFailure() {
    StringBuilder sb = new StringBuilder();
    sb.append("exit status ").append(exitCode);
    error().ifPresent(e -> sb.append("; ")
        .append(e.index() < 0 ? "set-up" : "at block index " + e.index())
        .append(": ").append(e.message()));
    if (error().isEmpty() && exitCode == 0) {
      sb.append("; output ended without a \"done\" line");
    }
    String tail = stderr.strip();
    if (tail.length() > 3000) {
      tail = "..." + tail.substring(tail.length() - 3000);
    }
    if (!tail.isEmpty()) {
      sb.append("\n--- stderr ---\n").append(tail);
    }
    sb.append("\n--- rerun with ---\n").append(rerun);
    return sb.toString();
  }
}
