package news.ticker.ingest.write;

/**
 * The HTTP answer a write gives besides its version: status, the path of what it created, and the
 * JSON body.
 *
 * @param location the path of what the write created, or null
 */
public record Answer(int status, String location, Object body) {

  public static Answer ok(Object body) {
    return new Answer(200, null, body);
  }

  public static Answer created(String location, Object body) {
    return new Answer(201, location, body);
  }
}
