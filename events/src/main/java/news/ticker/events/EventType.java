package news.ticker.events;

/**
 * A published event type: its bare name (the SSE {@code event:} name), its schema version, its Java
 * record and its topic. Names are part of the contract and never derived from class names.
 */
public record EventType(String name, int version, Class<? extends Event> javaType, String topic) {

  public static final String CE_TYPE_PREFIX = "news.ticker.";

  /** The CloudEvents type, e.g. {@code news.ticker.update-posted.v1}. */
  public String ceType() {
    return ceType(name, version);
  }

  public static String ceType(String name, int version) {
    return CE_TYPE_PREFIX + name + ".v" + version;
  }
}
