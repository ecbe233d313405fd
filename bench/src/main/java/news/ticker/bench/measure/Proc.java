package news.ticker.bench.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/** Readings of Linux {@code /proc}; every method answers empty or -1 where there is no /proc. */
public final class Proc {

  private static final Path ROOT = Path.of("/proc");
  private static volatile long clockTicks = -1;

  private Proc() {}

  /** utime + stime of a process in clock ticks, or -1. */
  public static long cpuTicks(long pid) {
    String stat = read(ROOT.resolve(Long.toString(pid)).resolve("stat"));
    return stat == null ? -1 : parseCpuTicks(stat, false);
  }

  /**
   * utime + stime (fields 14 and 15) of a {@code /proc/<pid>/stat} line, plus cutime + cstime (16,
   * 17: children that ended and were waited for) when asked.
   */
  static long parseCpuTicks(String stat, boolean withEndedChildren) {
    String[] f = afterComm(stat);
    if (f == null || f.length < 15) {
      return -1;
    }
    try {
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      if (withEndedChildren) {
        ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
      }
      return ticks;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The parent pid (field 4) of a {@code /proc/<pid>/stat} line, or -1. */
  static long parsePpid(String stat) {
    String[] f = afterComm(stat);
    if (f == null || f.length < 2) {
      return -1;
    }
    try {
      return Long.parseLong(f[1]);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String[] afterComm(String stat) {
    int close = stat.lastIndexOf(')');
    if (close < 0 || close + 2 > stat.length()) {
      return null;
    }
    return stat.substring(close + 2).trim().split("\\s+");
  }

  /**
   * CPU ticks of a process plus those of its children, living and ended (PostgreSQL's backends).
   */
  public static long cpuTicksWithChildren(long pid) {
    String stat = read(ROOT.resolve(Long.toString(pid)).resolve("stat"));
    long own = stat == null ? -1 : parseCpuTicks(stat, true);
    if (own < 0) {
      return -1;
    }
    long sum = own;
    for (long child : children(pid)) {
      long t = cpuTicks(child);
      if (t > 0) {
        sum += t;
      }
    }
    return sum;
  }

  public static List<Long> children(long pid) {
    List<Long> out = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(ROOT, "[0-9]*")) {
      for (Path dir : dirs) {
        String stat = read(dir.resolve("stat"));
        if (stat != null && parsePpid(stat) == pid) {
          out.add(Long.parseLong(dir.getFileName().toString()));
        }
      }
    } catch (IOException | RuntimeException e) {
      // no /proc: no children known
    }
    return out;
  }

  /** {busy, total} ticks of all CPUs from the first line of /proc/stat, or null. */
  public static long[] systemTicks() {
    String stat = read(ROOT.resolve("stat"));
    return stat == null ? null : parseSystemTicks(stat);
  }

  static long[] parseSystemTicks(String procStat) {
    String first = procStat.lines().findFirst().orElse("");
    if (!first.startsWith("cpu ")) {
      return null;
    }
    String[] f = first.substring(4).trim().split("\\s+");
    long total = 0;
    long idle = 0;
    for (int i = 0; i < Math.min(f.length, 8); i++) {
      long v = Long.parseLong(f[i]);
      total += v;
      if (i == 3 || i == 4) {
        idle += v; // idle, iowait
      }
    }
    return new long[] {total - idle, total};
  }

  /** The soft "Max open files" of a process, or -1. */
  public static long maxOpenFiles(long pid) {
    String limits = read(ROOT.resolve(Long.toString(pid)).resolve("limits"));
    return limits == null ? -1 : parseMaxOpenFiles(limits);
  }

  static long parseMaxOpenFiles(String limits) {
    for (String line : limits.split("\n")) {
      if (line.startsWith("Max open files")) {
        String[] f = line.substring("Max open files".length()).trim().split("\\s+");
        try {
          return Long.parseLong(f[0]);
        } catch (NumberFormatException e) {
          return -1; // "unlimited"
        }
      }
    }
    return -1;
  }

  /** The command line of a process, arguments separated by spaces, or null. */
  public static String commandLine(long pid) {
    try {
      byte[] raw = Files.readAllBytes(ROOT.resolve(Long.toString(pid)).resolve("cmdline"));
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The executable of a process, or null. */
  public static Path executable(long pid) {
    try {
      return Files.readSymbolicLink(ROOT.resolve(Long.toString(pid)).resolve("exe"));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  public static boolean alive(long pid) {
    return Files.isDirectory(ROOT.resolve(Long.toString(pid)));
  }

  /** Clock ticks per second ({@code getconf CLK_TCK}), 100 when it cannot be asked. */
  public static long clockTicks() {
    if (clockTicks > 0) {
      return clockTicks;
    }
    long ticks = 100;
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
        ticks = Long.parseLong(out);
      }
    } catch (IOException | NumberFormatException e) {
      // keep 100
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    clockTicks = ticks;
    return ticks;
  }

  public static OptionalLong readPid(Path pidFile) {
    String text = read(pidFile);
    try {
      return text == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text.trim()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  public static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
