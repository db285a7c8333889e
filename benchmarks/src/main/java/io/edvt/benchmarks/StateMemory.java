package io.edvt.benchmarks;

import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.PubkeyIndex;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Retained heap of a big state: the used heap after full GCs with the state referenced, minus
 * the used heap after full GCs before reading it. The state is {@code state-<variant><N>.ssz}
 * (see {@link BenchStates}), deserialized into EDVT's persistent tree and hashed (all node
 * hashes cached), as a node holds its head state; the SSZ bytes are dropped before measuring.
 * Then, as a second figure, with the public-key index a running node keeps in the state's caches.
 *
 * <pre>java -Xmx12g -XX:+UseParallelGC -cp benchmarks/target/benchmarks.jar io.edvt.benchmarks.StateMemory 1000000 [valid-]</pre>
 *
 * Prints one JSON line. Run it with a serial-ish collector (ParallelGC) so that {@code
 * System.gc()} is a full, compacting collection.
 */
public final class StateMemory {
  private StateMemory() {}

  private static long usedAfterGc(MemoryMXBean mem) {
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return mem.getHeapMemoryUsage().getUsed();
  }

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    String variant = args.length > 1 ? args[1] : "";
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    var type = BenchStates.mainnetStateType();
    long base = usedAfterGc(mem);
    byte[] bytes = BenchStates.read(variant, n);
    int sszBytes = bytes.length;
    BeaconState state = type.deserialize(bytes);
    bytes = null;
    state.hash();
    long withState = usedAfterGc(mem);
    MutableBeaconState view = new MutableBeaconState(state);
    PubkeyIndex index = PubkeyIndex.of(view);
    index.indexOf(view, view.validators().get(0).pubkey());
    state.caches().put(PubkeyIndex.class, index);
    view = null;
    long withIndex = usedAfterGc(mem);
    double mb = 1024.0 * 1024.0;
    System.out.printf("{\"client\":\"edvt\",\"bench\":\"memory.state\",\"validators\":%d,\"sszBytes\":%d,"
            + "\"retainedMB\":%.1f,\"retainedWithPubkeyIndexMB\":%.1f,\"jvm\":\"%s\"}%n",
        n, sszBytes, (withState - base) / mb, (withIndex - base) / mb, System.getProperty("java.vm.version"));
    if (state.slot() == null) {
      System.out.println(state);
    }
  }
}
