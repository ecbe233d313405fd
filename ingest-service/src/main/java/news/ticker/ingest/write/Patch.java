package news.ticker.ingest.write;

import java.util.function.Function;

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

  /** The new value if the request set one, else the current value. */
  public T applyTo(T current) {
    return present ? value : current;
  }

  /** The same patch with its value transformed (for example sealed); a kept field stays kept. */
  public <R> Patch<R> map(Function<T, R> transform) {
    return present ? set(transform.apply(value)) : keep();
  }
}
