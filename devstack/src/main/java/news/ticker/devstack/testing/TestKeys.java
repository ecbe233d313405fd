package news.ticker.devstack.testing;

import java.nio.file.Path;
import news.ticker.devstack.internal.Directories;
import news.ticker.devstack.internal.OwnedTempDirs;
import news.ticker.devstack.jwt.DevKeys;

/** The key pair of a test JVM: generated once into a temporary directory, shared by all loaders. */
final class TestKeys {

  static final String DIRECTORY_PROPERTY = "ticker.devstack.test.jwt.key-dir";

  private static volatile DevKeys keys;
  private static volatile DevKeys otherKeys;

  private TestKeys() {}

  static DevKeys keys() {
    DevKeys known = keys;
    if (known != null) {
      return known;
    }
    synchronized (JvmWide.KEYS) {
      String directory = System.getProperty(DIRECTORY_PROPERTY);
      if (directory == null) {
        Path created = OwnedTempDirs.create("ticker-jwt-");
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(() -> Directories.deleteRecursively(created), "delete-test-keys"));
        directory = created.toString();
        System.setProperty(DIRECTORY_PROPERTY, directory);
      }
      keys = DevKeys.loadOrCreate(Path.of(directory));
      return keys;
    }
  }

  /** A second pair the services do not know: tokens it signs must be rejected. */
  static DevKeys otherKeys() {
    DevKeys known = otherKeys;
    if (known == null) {
      synchronized (TestKeys.class) {
        if (otherKeys == null) {
          otherKeys = DevKeys.generate();
        }
        known = otherKeys;
      }
    }
    return known;
  }

  static Path publicKeyFile() {
    return keys().publicKeyFile().orElseThrow();
  }
}
