package news.ticker.devstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AotCacheTest {

  @TempDir Path directory;

  @Test
  void onlyAJdkWithMethodProfilesAndAClassPathJarUseTheCache() {
    assertThat(AotCache.mode(17, true, true)).isEqualTo(AotCache.Mode.NONE);
    assertThat(AotCache.mode(24, true, true)).isEqualTo(AotCache.Mode.NONE);
    assertThat(AotCache.mode(25, false, true)).isEqualTo(AotCache.Mode.NONE);
    assertThat(AotCache.mode(25, true, false)).isEqualTo(AotCache.Mode.TRAIN);
    assertThat(AotCache.mode(26, true, true)).isEqualTo(AotCache.Mode.USE);
  }

  @Test
  void theOptionsNameTheCacheBesideTheJar() {
    Path jar = directory.resolve("quarkus-app/quarkus-run.jar");
    Path cache = directory.resolve("quarkus-app/app.aot").toAbsolutePath();
    assertThat(AotCache.options(AotCache.Mode.NONE, jar)).isEmpty();
    assertThat(AotCache.options(AotCache.Mode.TRAIN, jar))
        .containsExactly("-XX:AOTCacheOutput=" + cache);
    assertThat(AotCache.options(AotCache.Mode.USE, jar)).containsExactly("-XX:AOTCache=" + cache);
  }

  @Test
  void aFastJarNeverTrains() throws Exception {
    Path jar = jar("fast", null);
    assertThat(AotCache.modeFor(jar, 25)).isEqualTo(AotCache.Mode.NONE);
  }

  @Test
  void anAotJarTrainsUntilItHasACacheNewerThanItself() throws Exception {
    Path jar = jar("aot", "lib/main/a.jar lib/main/b.jar");
    assertThat(AotCache.modeFor(jar, 17)).isEqualTo(AotCache.Mode.NONE);
    assertThat(AotCache.modeFor(jar, 25)).isEqualTo(AotCache.Mode.TRAIN);

    Path cache = jar.resolveSibling(AotCache.FILE);
    Files.writeString(cache, "cache");
    Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
    Files.setLastModifiedTime(cache, FileTime.from(Instant.parse("2026-01-01T00:01:00Z")));
    assertThat(AotCache.modeFor(jar, 25)).isEqualTo(AotCache.Mode.USE);

    // the jar was rebuilt after the cache was written: the cache is stale
    Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-01T00:02:00Z")));
    assertThat(AotCache.modeFor(jar, 25)).isEqualTo(AotCache.Mode.TRAIN);
  }

  private Path jar(String name, String classPath) throws Exception {
    Path dir = Files.createDirectories(directory.resolve(name));
    Path jar = dir.resolve("quarkus-run.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (classPath != null) {
      manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
    }
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream ignored = new JarOutputStream(out, manifest)) {
      // a manifest only
    }
    return jar;
  }
}
