package news.ticker.devstack.testing;

/**
 * State shared by every class loader of a test JVM. Quarkus loads test resources in class loaders
 * of its own, and may create several per JVM (one per application restart), so static fields are
 * not "per JVM". What must be (one broker, one database server, one key pair) is published in
 * system properties, and created under a lock on an interned string, which is one object JVM-wide.
 */
final class JvmWide {

  /** String literals are interned: the same object in every class loader. */
  static final Object LOCK = "news.ticker.devstack.testing.JvmWide.LOCK";

  private JvmWide() {}
}
