package news.ticker.bench.measure;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU used between two snapshots: this JVM's own ({@code OperatingSystemMXBean#getProcessCpuTime}),
 * each stack component's (from /proc, PostgreSQL with its backends), and the whole machine's.
 */
public final class CpuMeter {

  private final Map<String, Long> pids;

  /**
   * @param pids stack component name to pid (components without a known pid are left out)
   */
  public CpuMeter(Map<String, Long> pids) {
    this.pids = new LinkedHashMap<>(pids);
  }

  public record Snapshot(
      long wallNanos, long clientCpuNanos, Map<String, Long> componentTicks, long[] systemTicks) {}

  public Snapshot snapshot() {
    Map<String, Long> ticks = new LinkedHashMap<>();
    pids.forEach(
        (name, pid) ->
            ticks.put(
                name,
                name.equals("postgres") ? Proc.cpuTicksWithChildren(pid) : Proc.cpuTicks(pid)));
    return new Snapshot(System.nanoTime(), processCpuNanos(), ticks, Proc.systemTicks());
  }

  public static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /**
   * CPU use between two snapshots as JSON: seconds and cores (CPU seconds per wall second) of the
   * client and each component, and the machine's busy share.
   */
  public static ObjectNode between(Snapshot a, Snapshot b) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    double wall = (b.wallNanos - a.wallNanos) / 1e9;
    o.put("wallSeconds", LatencySummary.round(wall, 3));
    if (a.clientCpuNanos >= 0 && b.clientCpuNanos >= 0) {
      double cpu = (b.clientCpuNanos - a.clientCpuNanos) / 1e9;
      o.put("clientCpuSeconds", LatencySummary.round(cpu, 3));
      o.put("clientCores", LatencySummary.round(wall > 0 ? cpu / wall : 0, 3));
    }
    ObjectNode components = o.putObject("componentCores");
    long hz = Proc.clockTicks();
    a.componentTicks.forEach(
        (name, before) -> {
          Long after = b.componentTicks.get(name);
          if (before != null && after != null && before >= 0 && after >= before && wall > 0) {
            components.put(name, LatencySummary.round((after - before) / (double) hz / wall, 3));
          }
        });
    if (a.systemTicks != null && b.systemTicks != null) {
      long busy = b.systemTicks[0] - a.systemTicks[0];
      long total = b.systemTicks[1] - a.systemTicks[1];
      if (total > 0) {
        o.put("machineBusyPercent", LatencySummary.round(100.0 * busy / total, 1));
      }
    }
    return o;
  }
}
