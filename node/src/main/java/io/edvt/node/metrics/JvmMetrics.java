package io.edvt.node.metrics;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * The JVM's and the process's own metrics, read from the platform MXBeans at scrape time, under
 * the names the Prometheus Java client gives them ({@code jvm_*}, {@code process_*}), so existing
 * dashboards work.
 */
public final class JvmMetrics {
  private JvmMetrics() {}

  public static void register(MetricsRegistry registry) {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    registry.gauge(MetricCategory.JVM, "jvm_memory_bytes_used_heap", "Used heap memory in bytes",
        () -> memory.getHeapMemoryUsage().getUsed());
    registry.gauge(MetricCategory.JVM, "jvm_memory_bytes_committed_heap", "Committed heap memory in bytes",
        () -> memory.getHeapMemoryUsage().getCommitted());
    registry.gauge(MetricCategory.JVM, "jvm_memory_bytes_max_heap", "Maximum heap memory in bytes",
        () -> memory.getHeapMemoryUsage().getMax());
    registry.gauge(MetricCategory.JVM, "jvm_memory_bytes_used_nonheap", "Used non-heap memory in bytes",
        () -> memory.getNonHeapMemoryUsage().getUsed());
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    registry.gauge(MetricCategory.JVM, "jvm_threads_current", "Current thread count", threads::getThreadCount);
    registry.gauge(MetricCategory.JVM, "jvm_threads_daemon", "Daemon thread count", threads::getDaemonThreadCount);
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      String name = gc.getName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
      registry.counter(MetricCategory.JVM, "jvm_gc_" + name + "_collections_total",
          "Collections by the " + gc.getName() + " collector", gc::getCollectionCount);
      registry.counter(MetricCategory.JVM, "jvm_gc_" + name + "_collection_seconds_total",
          "Time spent in the " + gc.getName() + " collector", () -> gc.getCollectionTime() / 1000.0);
    }

    RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
    registry.gauge(MetricCategory.PROCESS, "process_start_time_seconds", "Start time of the process since the epoch, "
        + "in seconds", () -> runtime.getStartTime() / 1000.0);
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      registry.counter(MetricCategory.PROCESS, "process_cpu_seconds_total", "Total user and system CPU time spent in "
          + "seconds", () -> sun.getProcessCpuTime() / 1e9);
    }
    if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      registry.gauge(MetricCategory.PROCESS, "process_open_fds", "Number of open file descriptors",
          unix::getOpenFileDescriptorCount);
      registry.gauge(MetricCategory.PROCESS, "process_max_fds", "Maximum number of open file descriptors",
          unix::getMaxFileDescriptorCount);
    }
  }
}
