package news.ticker.devstack.testing;

/**
 * State shared by every class loader of a test JVM. Quarkus loads test resources in class loaders
 * of its own, and may create several per JVM (one per application restart), so static fields are
 * not "per JVM". What must be (one broker, one database server, one key pair) is published in
 * system properties, and created under a lock on an interned string, which is one object JVM-wide.
 * Each server has its own lock, so that Quarkus can start the broker and the database side by side
 * (their test resources are {@code parallel}): one after the other, they added up in every module.
 */
final class JvmWide {

  // String literals are interned: each lock is the same object in every class loader.

  /** Guards the one Kafka broker of the JVM ({@link SharedKafka}). */
  static final Object KAFKA = "news.ticker.devstack.testing.JvmWide.KAFKA";

  /** Guards the one PostgreSQL server of the JVM ({@link SharedPostgres}). */
  static final Object POSTGRES = "news.ticker.devstack.testing.JvmWide.POSTGRES";

  /** Guards the one signing key pair of the JVM ({@link TestKeys}). */
  static final Object KEYS = "news.ticker.devstack.testing.JvmWide.KEYS";

  private JvmWide() {}
}
