package news.ticker.timeline.contentkey;

/** Where the renderer finds content keys: a snapshot of the key store taken for one event. */
public interface KeyRing {

  /** What is known about one key. */
  sealed interface Lookup {}

  /** The key is here. */
  record Available(byte[] key) implements Lookup {}

  /** The key was destroyed: texts sealed under it are redacted for good. */
  record Destroyed() implements Lookup {}

  /** Not (yet) known: it may still be on its way on the content-key topic. */
  record Missing() implements Lookup {}

  Lookup lookup(String keyId);
}
