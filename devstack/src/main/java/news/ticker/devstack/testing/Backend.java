package news.ticker.devstack.testing;

/** Where a test resource gets its Kafka broker or PostgreSQL server from. */
public enum Backend {
  /** A server given by environment variables (CI with service containers, a developer's own). */
  EXTERNAL,
  /** A container started with Testcontainers; needs a Docker engine. */
  TESTCONTAINERS,
  /** In this JVM (Kafka) or as a child process (PostgreSQL), from Maven artifacts alone. */
  EMBEDDED
}
