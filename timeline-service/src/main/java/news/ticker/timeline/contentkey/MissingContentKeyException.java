package news.ticker.timeline.contentkey;

/** An event's texts are sealed under a key this replica has not received (yet). */
public class MissingContentKeyException extends RuntimeException {

  private final String keyId;

  public MissingContentKeyException(String keyId) {
    super("content key " + keyId + " has not arrived");
    this.keyId = keyId;
  }

  public String keyId() {
    return keyId;
  }
}
