package news.ticker.ingest.write;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Function;
import java.util.function.Supplier;
import news.ticker.platform.problem.ProblemException;

/**
 * One field of a partial update: kept as it is when the request did not mention it, or set to a new
 * value (null clears it).
 */
public record Patch<T>(boolean present, T value) {

  private static final Patch<?> KEEP = new Patch<>(false, null);

  @SuppressWarnings("unchecked")
  public static <T> Patch<T> keep() {
    return (Patch<T>) KEEP;
  }

  public static <T> Patch<T> set(T value) {
    return new Patch<>(true, value);
  }

  /**
   * The request of a partial update, read from the JSON object sent; the object itself stays with
   * the caller, which tells a field sent as null (cleared) from one not sent (kept).
   *
   * @throws news.ticker.platform.problem.ProblemException 400 when the body is no JSON object
   */
  public static <R> R request(ObjectMapper mapper, JsonNode fields, Class<R> type)
      throws JsonProcessingException {
    if (fields == null || !fields.isObject()) {
      throw ProblemException.badRequest("the body must be a JSON object");
    }
    return mapper.treeToValue(fields, type);
  }

  /**
   * A field of a partial update: set to what {@code value} checks and cleans when the request sent
   * the field (null included, which clears it), else kept; {@code value} runs only for a sent
   * field.
   *
   * @param fields the JSON object the request sent
   */
  public static <T> Patch<T> ifSent(JsonNode fields, String field, Supplier<T> value) {
    return fields.has(field) ? set(value.get()) : keep();
  }

  /** The new value if the request set one, else the current value. */
  public T applyTo(T current) {
    return present ? value : current;
  }

  /** The same patch with its value transformed (for example sealed); a kept field stays kept. */
  public <R> Patch<R> map(Function<T, R> transform) {
    return present ? set(transform.apply(value)) : keep();
  }
}
