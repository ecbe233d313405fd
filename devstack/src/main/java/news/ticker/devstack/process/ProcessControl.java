package news.ticker.devstack.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Signals and inspection of processes by PID, also of processes this JVM did not start (the ones a
 * detached {@code ./ticker up -d} left running). Linux first: signals other than TERM and KILL go
 * through {@code kill(1)}, command lines come from {@code /proc}.
 */
public final class ProcessControl {

  /** The signals the dev stack sends. */
  public enum Signal {
    /** Graceful stop of a JVM (runs its shutdown hooks). */
    TERM,
    /** PostgreSQL's "fast" shutdown: abort transactions, checkpoint, exit. */
    INT,
    /** No questions asked; what a crash or the OOM killer does. */
    KILL
  }

  private ProcessControl() {}

  /**
   * Whether a process with this PID runs. A zombie does not: a killed process whose parent is gone
   * stays a zombie until PID 1 reaps it, and some container inits (ours among them) take their
   * time, while {@link ProcessHandle#isAlive()} counts zombies as alive.
   */
  public static boolean isAlive(long pid) {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    try {
      String text = Files.readString(stat, StandardCharsets.US_ASCII);
      // "pid (command) S ...": the state follows the last ')' (the command may contain one).
      int end = text.lastIndexOf(')');
      char state = end >= 0 && end + 2 < text.length() ? text.charAt(end + 2) : '?';
      return state != 'Z' && state != 'X';
    } catch (IOException e) {
      return Files.isDirectory(Path.of("/proc", "self"))
          ? false // /proc works, so the process is gone
          : ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
  }

  /** Sends {@code signal} to {@code pid}; false if there is no such process any more. */
  public static boolean signal(long pid, Signal signal) {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(h -> isAlive(h.pid()));
    if (handle.isEmpty()) {
      return false;
    }
    switch (signal) {
      case TERM:
        return handle.get().destroy();
      case KILL:
        return handle.get().destroyForcibly();
      default:
        return runKill(pid, signal);
    }
  }

  private static boolean runKill(long pid, Signal signal) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-s", signal.name(), Long.toString(pid))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run kill(1) to send SIG" + signal, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Stops {@code pid}: sends {@code signal}, waits up to {@code grace}, then SIGKILLs it and every
   * descendant it had (a SIGKILLed postmaster leaves its backends behind for a moment). Returns
   * true if the process ended within the grace period, false if it had to be killed.
   */
  public static boolean terminate(long pid, Signal signal, Duration grace) {
    Optional<ProcessHandle> found = ProcessHandle.of(pid).filter(h -> isAlive(h.pid()));
    if (found.isEmpty()) {
      return true;
    }
    ProcessHandle handle = found.get();
    List<ProcessHandle> descendants = handle.descendants().collect(Collectors.toList());
    signal(pid, signal);
    if (awaitExit(handle, grace)) {
      return true;
    }
    kill(handle, descendants);
    return false;
  }

  /**
   * SIGKILLs {@code pid} alone, like a crash, and waits until it is gone. Its children are left to
   * notice (PostgreSQL backends exit when their postmaster dies; servers a killed test JVM started
   * must stay up for the orphan sweep to find them).
   */
  public static void kill(long pid) {
    ProcessHandle.of(pid)
        .filter(handle -> isAlive(handle.pid()))
        .ifPresent(
            handle -> {
              handle.destroyForcibly();
              awaitExit(handle, Duration.ofSeconds(10));
            });
  }

  private static void kill(ProcessHandle handle, List<ProcessHandle> descendants) {
    handle.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    awaitExit(handle, Duration.ofSeconds(10));
    descendants.forEach(child -> awaitExit(child, Duration.ofSeconds(5)));
  }

  /**
   * Waits until the process has ended (or is a zombie, see {@link #isAlive(long)}); true if it did
   * within {@code timeout}. Polls: {@link ProcessHandle#onExit()} of a process that is not our
   * child only completes once it has been reaped.
   */
  public static boolean awaitExit(ProcessHandle handle, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (isAlive(handle.pid())) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return !isAlive(handle.pid());
      }
    }
    return true;
  }

  /**
   * The command line of a running process (arguments joined by spaces), read from {@code
   * /proc/<pid>/cmdline}; empty if the process is gone or the platform has no {@code /proc}.
   */
  public static Optional<String> commandLine(long pid) {
    Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
    try {
      byte[] raw = Files.readAllBytes(cmdline);
      String text = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
      return text.isEmpty() ? Optional.empty() : Optional.of(text);
    } catch (IOException e) {
      return ProcessHandle.of(pid).flatMap(handle -> handle.info().commandLine());
    }
  }

  /** The last {@code count} lines of a text file; empty if it does not exist (yet). */
  public static List<String> tail(Path file, int count) {
    if (file == null || !Files.isRegularFile(file)) {
      return List.of();
    }
    Deque<String> lines = new ArrayDeque<>(count);
    // InputStreamReader replaces malformed bytes instead of failing: a log may hold anything.
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (lines.size() == count) {
          lines.removeFirst();
        }
        lines.addLast(line);
      }
    } catch (IOException e) {
      return List.of("(log not readable: " + e.getMessage() + ")");
    }
    return List.copyOf(lines);
  }
}
