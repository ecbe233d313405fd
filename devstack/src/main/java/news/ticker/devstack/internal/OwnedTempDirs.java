package news.ticker.devstack.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import news.ticker.devstack.process.ProcessControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporary directories that record the JVM owning them ({@code owner.pid}), so that servers a
 * SIGKILLed test JVM left behind can be found and stopped by the next one. A JVM killed with
 * SIGKILL runs no shutdown hook: its PostgreSQL keeps running (and its port and memory taken) until
 * someone stops it. Not an API.
 */
public final class OwnedTempDirs {

  private static final Logger LOG = LoggerFactory.getLogger(OwnedTempDirs.class);
  private static final String OWNER_FILE = "owner.pid";
  private static final String PREFIX = "ticker-";

  private OwnedTempDirs() {}

  /**
   * A new temporary directory {@code <prefix>*} owned by this JVM; the prefix must start "ticker-".
   */
  public static Path create(String prefix) {
    if (!prefix.startsWith(PREFIX)) {
      throw new IllegalArgumentException("owned temporary directories start with " + PREFIX);
    }
    Path directory = Directories.createTemp(prefix);
    try {
      Files.writeString(
          directory.resolve(OWNER_FILE),
          ProcessHandle.current().pid() + "\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the owner of " + directory, e);
    }
    return directory;
  }

  /**
   * Stops the PostgreSQL servers in temporary directories whose owning JVM is gone, and deletes
   * those directories. Cheap (a listing of the temporary directory) and best effort.
   */
  public static void sweepOrphans() {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (DirectoryStream<Path> candidates = Files.newDirectoryStream(tmp, PREFIX + "*")) {
      for (Path candidate : candidates) {
        if (isOrphan(candidate)) {
          sweep(candidate);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("Sweeping orphaned dev-stack directories failed", e);
    }
  }

  private static boolean isOrphan(Path directory) {
    Path owner = directory.resolve(OWNER_FILE);
    if (!Files.isRegularFile(owner)) {
      return false;
    }
    try {
      long pid = Long.parseLong(Files.readString(owner, StandardCharsets.UTF_8).trim());
      return !ProcessControl.isAlive(pid);
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }

  private static void sweep(Path directory) throws IOException {
    List<Path> pidFiles;
    try (Stream<Path> files =
        Files.find(directory, 3, (path, attributes) -> path.endsWith("postmaster.pid"))) {
      pidFiles = files.collect(Collectors.toList());
    }
    for (Path pidFile : pidFiles) {
      List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
      if (lines.isEmpty()) {
        continue;
      }
      long pid = Long.parseLong(lines.get(0).trim());
      String dataDir = pidFile.getParent().toString();
      if (ProcessControl.commandLine(pid).map(c -> c.contains(dataDir)).orElse(false)) {
        LOG.info("Stopping orphaned PostgreSQL (pid {}) of a test JVM that is gone", pid);
        ProcessControl.terminate(pid, ProcessControl.Signal.INT, Duration.ofSeconds(10));
      }
    }
    Directories.deleteRecursively(directory);
  }
}
