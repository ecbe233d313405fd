package news.ticker.devstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;

/**
 * The JDK's ahead-of-time cache for a service that {@code ./ticker up} starts (JEP 483, 514 and
 * 515: loaded and linked classes, and from JDK 25 on the method profiles that let the JIT compile
 * hot code at once). What it buys a restarted service is measured by the bench's cold-start
 * scenario (docs/performance.md).
 *
 * <p>It needs a JDK of at least {@link #MIN_FEATURE} and Quarkus' {@code aot-jar} packaging (the
 * application's classes on the JVM's own class path; {@code ./ticker} builds it so on such a JDK).
 * A run without a current cache <em>trains</em> one: the JVM records what the service loads and
 * compiles, and writes {@value #FILE} beside {@code quarkus-run.jar} when it stops gracefully
 * (which takes up to {@link #TRAINING_STOP_GRACE_SECONDS} s on two cores). The next start uses it.
 * A rebuilt jar makes the cache stale; it is trained again. On an older JDK, or with the fast-jar
 * layout, nothing changes.
 */
public final class AotCache {

  /** The first JDK that stores method profiles in the cache (JEP 515). */
  public static final int MIN_FEATURE = 25;

  /** The cache, beside {@code quarkus-run.jar}. */
  public static final String FILE = "app.aot";

  /** How long a service that trains may take to stop: the JVM writes the cache on its way out. */
  public static final long TRAINING_STOP_GRACE_SECONDS = 120;

  /** What a start does with the cache. */
  public enum Mode {
    /** Nothing: an older JDK or the fast-jar layout. */
    NONE,
    /** Records this run and writes the cache when the service stops. */
    TRAIN,
    /** Starts from the cache. */
    USE
  }

  private AotCache() {}

  /**
   * @param javaFeature the feature release of the JDK the service runs on
   * @param classPathJar the jar lists the application's jars on its {@code Class-Path} (aot-jar)
   * @param cacheCurrent a cache exists and is newer than the jar
   */
  public static Mode mode(int javaFeature, boolean classPathJar, boolean cacheCurrent) {
    if (javaFeature < MIN_FEATURE || !classPathJar) {
      return Mode.NONE;
    }
    return cacheCurrent ? Mode.USE : Mode.TRAIN;
  }

  /** The JVM options for {@code mode}, with the cache beside {@code quarkusRunJar}. */
  public static List<String> options(Mode mode, Path quarkusRunJar) {
    Path cache = cacheOf(quarkusRunJar);
    return switch (mode) {
      case NONE -> List.of();
      case TRAIN -> List.of("-XX:AOTCacheOutput=" + cache);
      case USE -> List.of("-XX:AOTCache=" + cache);
    };
  }

  /** What a start of {@code quarkusRunJar} on this JDK does with the cache, from the files. */
  public static Mode modeFor(Path quarkusRunJar, int javaFeature) {
    Path cache = cacheOf(quarkusRunJar);
    boolean current;
    try {
      current =
          Files.isRegularFile(cache)
              && Files.getLastModifiedTime(cache)
                      .compareTo(Files.getLastModifiedTime(quarkusRunJar))
                  > 0;
    } catch (IOException e) {
      current = false;
    }
    return mode(javaFeature, listsItsClassPath(quarkusRunJar), current);
  }

  static Path cacheOf(Path quarkusRunJar) {
    return quarkusRunJar.toAbsolutePath().getParent().resolve(FILE);
  }

  /** Whether the jar's manifest names a {@code Class-Path}: aot-jar does, fast-jar does not. */
  static boolean listsItsClassPath(Path jar) {
    if (!Files.isRegularFile(jar)) {
      return false;
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      var manifest = file.getManifest();
      return manifest != null && manifest.getMainAttributes().getValue("Class-Path") != null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
