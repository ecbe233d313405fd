package news.ticker.bench.measure;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The machine, the client JVM, the services' JVMs and the git commit a run measured. */
public final class MachineInfo {

  private MachineInfo() {}

  /** CPU count and model of a {@code /proc/cpuinfo} text. */
  public record Cpu(int count, String model) {}

  static Cpu parseCpuInfo(String cpuinfo) {
    int count = 0;
    String model = null;
    for (String line : cpuinfo.split("\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (key.equals("processor")) {
        count++;
      } else if (model == null && (key.equals("model name") || key.equals("Model"))) {
        model = value;
      }
    }
    return new Cpu(count, model == null ? "unknown" : model);
  }

  /** MemTotal of a {@code /proc/meminfo} text in bytes, or -1. */
  static long parseMemTotal(String meminfo) {
    for (String line : meminfo.split("\n")) {
      if (line.startsWith("MemTotal:")) {
        String[] f = line.substring(9).trim().split("\\s+");
        long v = Long.parseLong(f[0]);
        return f.length > 1 && f[1].equalsIgnoreCase("kB") ? v * 1024 : v;
      }
    }
    return -1;
  }

  public static ObjectNode machine() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    String cpuinfo = Proc.read(Path.of("/proc/cpuinfo"));
    Cpu cpu = cpuinfo == null ? new Cpu(0, "unknown") : parseCpuInfo(cpuinfo);
    o.put("cpuCount", cpu.count() > 0 ? cpu.count() : Runtime.getRuntime().availableProcessors());
    o.put("cpuModel", cpu.model());
    o.put("availableProcessors", Runtime.getRuntime().availableProcessors());
    String meminfo = Proc.read(Path.of("/proc/meminfo"));
    long mem = meminfo == null ? -1 : parseMemTotal(meminfo);
    o.put("memoryBytes", mem);
    o.put("memoryGiB", LatencySummary.round(mem / (1024.0 * 1024 * 1024), 1));
    o.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    String kernel = Proc.read(Path.of("/proc/sys/kernel/osrelease"));
    o.put("kernel", kernel == null ? System.getProperty("os.version") : kernel.trim());
    return o;
  }

  public static ObjectNode clientJvm() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("version", System.getProperty("java.version"));
    o.put("vendor", System.getProperty("java.vendor"));
    o.put("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
    o.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    o.put("arguments", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    o.put("pid", ProcessHandle.current().pid());
    o.put("maxOpenFiles", Proc.maxOpenFiles(ProcessHandle.current().pid()));
    return o;
  }

  /**
   * Each running stack component: pid, JVM version (from its java's release file), open-file limit.
   */
  public static ObjectNode components(Map<String, Long> pids) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    pids.forEach(
        (name, pid) -> {
          ObjectNode c = o.putObject(name);
          c.put("pid", pid);
          c.put("maxOpenFiles", Proc.maxOpenFiles(pid));
          Path exe = Proc.executable(pid);
          c.put("executable", exe == null ? null : exe.toString());
          if (exe != null && exe.getFileName().toString().equals("java")) {
            Path release =
                exe.getParent() == null ? null : exe.getParent().resolveSibling("release");
            String text = release == null ? null : Proc.read(release);
            c.put("javaVersion", text == null ? null : releaseValue(text, "JAVA_VERSION"));
            c.put("jvmOptions", jvmOptions(Proc.commandLine(pid)));
            Path jcmd = exe.getParent() == null ? null : exe.getParent().resolve("jcmd");
            String flags =
                jcmd == null || !Files.isExecutable(jcmd)
                    ? null
                    : run(Path.of("."), List.of(jcmd.toString(), Long.toString(pid), "VM.flags"));
            if (flags != null) {
              c.put("heapAndGc", heapAndGc(flags));
            }
          }
        });
    return o;
  }

  /** A value of a JDK {@code release} file ({@code KEY="value"}), or null. */
  static String releaseValue(String release, String key) {
    for (String line : release.split("\n")) {
      if (line.startsWith(key + "=")) {
        return line.substring(key.length() + 1).replace("\"", "").trim();
      }
    }
    return null;
  }

  /**
   * The heap and collector a JVM actually runs with, from {@code jcmd <pid> VM.flags} (which
   * includes what the JVM chose by itself): for example {@code "G1, heap 32 MiB..512 MiB"}.
   */
  static String heapAndGc(String vmFlags) {
    String gc = "default GC";
    for (String name : List.of("G1", "Serial", "Parallel", "Z", "Shenandoah", "Epsilon")) {
      if (vmFlags.contains("-XX:+Use" + name + "GC")) {
        gc = name;
      }
    }
    long min = flag(vmFlags, "InitialHeapSize");
    long max = flag(vmFlags, "MaxHeapSize");
    String heap = max < 0 ? "heap unknown" : "heap " + (min < 0 ? "?" : mib(min)) + ".." + mib(max);
    return gc + ", " + heap;
  }

  private static long flag(String vmFlags, String name) {
    int i = vmFlags.indexOf("-XX:" + name + "=");
    if (i < 0) {
      return -1;
    }
    int from = i + name.length() + 5;
    int to = from;
    while (to < vmFlags.length() && Character.isDigit(vmFlags.charAt(to))) {
      to++;
    }
    try {
      return Long.parseLong(vmFlags.substring(from, to));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String mib(long bytes) {
    return (bytes / (1024 * 1024)) + " MiB";
  }

  /** The -X and -XX options of a java command line (heap, GC), without system properties. */
  static String jvmOptions(String commandLine) {
    if (commandLine == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (String arg : commandLine.split(" ")) {
      if (arg.startsWith("-X")) {
        sb.append(sb.length() == 0 ? "" : " ").append(arg);
      }
    }
    return sb.toString();
  }

  public static ObjectNode git(Path root) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    String commit = run(root, List.of("git", "rev-parse", "HEAD"));
    o.put("commit", commit == null ? null : commit.trim());
    String status = run(root, List.of("git", "status", "--porcelain", "--untracked-files=no"));
    o.put("uncommittedChanges", status == null ? -1 : status.lines().count());
    String branch = run(root, List.of("git", "rev-parse", "--abbrev-ref", "HEAD"));
    o.put("branch", branch == null ? null : branch.trim());
    return o;
  }

  private static String run(Path dir, List<String> command) {
    try {
      Process p =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
