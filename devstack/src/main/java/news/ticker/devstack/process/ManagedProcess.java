package news.ticker.devstack.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A child process of the dev stack: a service JVM, the Kafka JVM or PostgreSQL. Its stdout and
 * stderr are appended to a log file; {@link #start()} returns once the {@link ReadinessProbe}
 * answers. A stopped or killed process can be started again with the same command, port and data,
 * which is what the system tests do to simulate crashes and restarts.
 *
 * <p>An attached process (the default) is stopped by a JVM shutdown hook, so a test JVM never leaks
 * it on a normal exit. A {@linkplain Builder#detached(boolean) detached} one runs in its own
 * session ({@code setsid}): it survives the JVM that started it and gets neither the terminal's
 * SIGINT nor its SIGHUP, so that {@code ./ticker} decides the order in which things stop.
 */
public final class ManagedProcess implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(200);
  private static final int LOG_TAIL_LINES = 25;
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private final String name;
  private final List<String> command;
  private final Map<String, String> environment;
  private final Path workingDirectory;
  private final Path logFile;
  private final boolean detached;
  private final ReadinessProbe readiness;
  private final Duration startupTimeout;
  private final ProcessControl.Signal stopSignal;
  private final Duration stopTimeout;

  private Process process;
  private Thread shutdownHook;

  private ManagedProcess(Builder builder) {
    this.name = builder.name;
    this.command = List.copyOf(builder.command);
    this.environment = Map.copyOf(builder.environment);
    this.workingDirectory = builder.workingDirectory;
    this.logFile = builder.logFile.toAbsolutePath();
    this.detached = builder.detached;
    this.readiness = builder.readiness;
    this.startupTimeout = builder.startupTimeout;
    this.stopSignal = builder.stopSignal;
    this.stopTimeout = builder.stopTimeout;
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Spawns the process and waits until it is ready; kills it if it does not get ready in time. */
  public ManagedProcess start() {
    spawn();
    try {
      awaitReady(startupTimeout);
    } catch (RuntimeException e) {
      kill();
      throw e;
    }
    return this;
  }

  /** Spawns the process without waiting for readiness (see {@link #awaitReady(Duration)}). */
  public synchronized ManagedProcess spawn() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
    }
    List<String> argv = new ArrayList<>();
    if (detached && Files.isExecutable(SETSID)) {
      // setsid execs in place when its caller is no process-group leader (a fresh child never is),
      // so the PID we get is the PID of the real process.
      argv.add(SETSID.toString());
    }
    argv.addAll(command);
    ProcessBuilder builder =
        new ProcessBuilder(argv)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    if (workingDirectory != null) {
      builder.directory(workingDirectory.toFile());
    }
    builder.environment().putAll(environment);
    try {
      Files.createDirectories(logFile.getParent());
      Files.writeString(
          logFile,
          String.format("=== %s starting %s: %s%n", Instant.now(), name, String.join(" ", argv)),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      process = builder.start();
    } catch (IOException e) {
      throw new ProcessStartException(name, e.getMessage(), logFile, List.of());
    }
    if (!detached) {
      registerShutdownHook();
    }
    return this;
  }

  /**
   * Waits until the readiness probe answers; fails fast, with the end of the log, when the process
   * exits meanwhile, and fails with the same detail when {@code timeout} passes.
   */
  public void awaitReady(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      if (pollReady()) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw failure("not ready after " + timeout.toSeconds() + " s");
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure("interrupted while waiting for it to get ready");
      }
    }
  }

  /**
   * One non-blocking step of waiting: true once ready, false while still starting.
   *
   * @throws ProcessStartException if the process has exited meanwhile
   */
  public boolean pollReady() {
    Process current = current();
    if (!current.isAlive()) {
      throw failure("it exited with code " + current.exitValue() + " before it was ready");
    }
    return readiness.isReady();
  }

  private ProcessStartException failure(String reason) {
    return new ProcessStartException(name, reason, logFile, logTail());
  }

  /** One readiness probe, now. */
  public boolean isReady() {
    return isAlive() && readiness.isReady();
  }

  /**
   * Graceful stop: the configured signal (SIGTERM, or SIGINT for PostgreSQL), then SIGKILL after
   * the stop timeout. Returns true if it ended gracefully. A no-op if it is not running.
   */
  public synchronized boolean stop() {
    if (process == null) {
      return true;
    }
    boolean graceful = ProcessControl.terminate(process.pid(), stopSignal, stopTimeout);
    awaitExitOfChild();
    removeShutdownHook();
    return graceful;
  }

  /**
   * SIGKILL of the process alone, like a crash; waits until it is gone. A no-op if it is not
   * running.
   */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    ProcessControl.kill(process.pid());
    awaitExitOfChild();
    removeShutdownHook();
  }

  private void awaitExitOfChild() {
    // Reaps the child: Process.isAlive() (and so a restart) must see it gone.
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the process; see {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  public String name() {
    return name;
  }

  /** PID of the running (or last) process. */
  public synchronized long pid() {
    return current().pid();
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** Exit code of the last process, once it has ended. */
  public synchronized OptionalInt exitCode() {
    return process == null || process.isAlive()
        ? OptionalInt.empty()
        : OptionalInt.of(process.exitValue());
  }

  /** The underlying handle, for callers that need {@link ProcessHandle#onExit()}. */
  public synchronized Optional<ProcessHandle> handle() {
    return Optional.ofNullable(process).map(Process::toHandle);
  }

  public Path logFile() {
    return logFile;
  }

  public List<String> command() {
    return command;
  }

  /** The last lines of the log file. */
  public List<String> logTail() {
    return ProcessControl.tail(logFile, LOG_TAIL_LINES);
  }

  private synchronized Process current() {
    if (process == null) {
      throw new IllegalStateException(name + " was never started");
    }
    return process;
  }

  private void registerShutdownHook() {
    if (shutdownHook != null) {
      return;
    }
    Process started = process;
    shutdownHook =
        new Thread(
            () -> ProcessControl.terminate(started.pid(), stopSignal, stopTimeout), "stop-" + name);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  private void removeShutdownHook() {
    if (shutdownHook == null) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook runs anyway and finds the process gone.
    }
    shutdownHook = null;
  }

  @Override
  public String toString() {
    return name + (isAlive() ? " (pid " + pid() + ")" : " (not running)");
  }

  /** Configures a {@link ManagedProcess}. */
  public static final class Builder {
    private final String name;
    private List<String> command = List.of();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Path workingDirectory;
    private Path logFile;
    private boolean detached;
    private ReadinessProbe readiness = ReadinessProbe.NONE;
    private Duration startupTimeout = Duration.ofSeconds(60);
    private ProcessControl.Signal stopSignal = ProcessControl.Signal.TERM;
    private Duration stopTimeout = Duration.ofSeconds(30);

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    public Builder command(List<String> command) {
      this.command = List.copyOf(command);
      return this;
    }

    public Builder command(String... command) {
      return command(List.of(command));
    }

    /** Adds environment variables to the ones this JVM has. */
    public Builder environment(Map<String, String> variables) {
      environment.putAll(variables);
      return this;
    }

    public Builder environment(String name, String value) {
      environment.put(name, value);
      return this;
    }

    public Builder workingDirectory(Path directory) {
      this.workingDirectory = directory;
      return this;
    }

    /** Where stdout and stderr are appended (required). */
    public Builder logFile(Path logFile) {
      this.logFile = logFile;
      return this;
    }

    /** Own session, no shutdown hook: the process outlives this JVM (default false). */
    public Builder detached(boolean detached) {
      this.detached = detached;
      return this;
    }

    public Builder readiness(ReadinessProbe readiness) {
      this.readiness = Objects.requireNonNull(readiness, "readiness");
      return this;
    }

    public Builder startupTimeout(Duration timeout) {
      this.startupTimeout = timeout;
      return this;
    }

    /** The signal of a graceful stop (default SIGTERM). */
    public Builder stopSignal(ProcessControl.Signal signal) {
      this.stopSignal = signal;
      return this;
    }

    /** How long a graceful stop may take before SIGKILL (default 30 s). */
    public Builder stopTimeout(Duration timeout) {
      this.stopTimeout = timeout;
      return this;
    }

    public ManagedProcess build() {
      if (command.isEmpty()) {
        throw new IllegalStateException(name + ": no command");
      }
      if (logFile == null) {
        throw new IllegalStateException(name + ": no log file");
      }
      return new ManagedProcess(this);
    }

    /** Builds and {@linkplain ManagedProcess#start() starts}. */
    public ManagedProcess start() {
      return build().start();
    }
  }

  /** {@code $JAVA_HOME/bin/java} of this JVM: children run on the same Java as their parent. */
  public static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
