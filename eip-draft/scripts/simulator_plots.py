#!/usr/bin/env python3
"""Regenerate the simulator plots that the EIP and the specification documents show.

Runs the research simulator (simulator/target/simulator.jar, seed 1, default sizes) for the
scenarios whose plots are linked from eip-draft/EIPS/eip-edvt.md,
ethereum/spec-extensions/specs/edvt/rationale.md and validator.md, and copies those PNGs into
eip-draft/assets/eip-9999/simulator/. The simulator is deterministic per seed, so a rerun gives
the same files byte for byte; --check compares instead of copying and fails on a difference.

Run from the repository root after building the jar
(mvn -B -q -o -pl simulator -am package -DskipTests, or ./edvt simulate once):

    python3 eip-draft/scripts/simulator_plots.py            # about 1.5 min on 2 cores
    python3 eip-draft/scripts/simulator_plots.py --check

Needs a JDK 21 or newer: JAVA_HOME/bin/java if JAVA_HOME is set, else java on PATH.
Python 3.8+, no dependencies.
"""
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile

JAR = os.path.join("simulator", "target", "simulator.jar")
ASSETS = os.path.join("eip-draft", "assets", "eip-9999", "simulator")
SEED = "1"
# scenario -> the plots of it that the documents link
PLOTS = {
    "stake-concentration": ["stake-concentration.png"],
    "randao-grinding": ["randao-grinding.png"],
    "block-production": ["block-production.png", "leader-timeout.png"],
    "slashing-2m-le-n": ["slashing-2m-le-n.png"],
    "late-block-rewards": ["late-block-rewards.png"],
}


def java():
    home = os.environ.get("JAVA_HOME")
    return os.path.join(home, "bin", "java") if home else "java"


def main(argv):
    check = "--check" in argv[1:]
    if not os.path.isfile(JAR):
        sys.exit("simulator_plots: %s not found; build it from the repository root with\n"
                 "  mvn -B -q -o -pl simulator -am package -DskipTests" % JAR)
    with tempfile.TemporaryDirectory(prefix="edvt-sim-plots-") as out:
        cmd = [java(), "-jar", JAR, "simulate", ",".join(PLOTS), "--seed", SEED, "--out", out]
        print(" ".join(cmd), flush=True)
        if subprocess.run(cmd).returncode != 0:
            sys.exit("simulator_plots: the simulator failed (a JDK 21 or newer is needed; set JAVA_HOME)")
        os.makedirs(ASSETS, exist_ok=True)
        differ = []
        for scenario, names in PLOTS.items():
            for name in names:
                made = os.path.join(out, name)
                kept = os.path.join(ASSETS, name)
                same = os.path.isfile(kept) and filecmp.cmp(made, kept, shallow=False)
                if check:
                    if not same:
                        differ.append(kept)
                    print("%-60s %s" % (kept, "same" if same else "DIFFERS"))
                else:
                    shutil.copyfile(made, kept)
                    print("%-60s %6d bytes%s" % (kept, os.path.getsize(kept), "" if same else " (changed)"))
        if differ:
            sys.exit("simulator_plots: %d plot(s) differ from a fresh run" % len(differ))


if __name__ == "__main__":
    main(sys.argv)
