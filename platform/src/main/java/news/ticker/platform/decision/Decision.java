package news.ticker.platform.decision;

import java.util.List;
import java.util.function.Function;

/**
 * What a decider made of a command: the events it causes (none when it changes nothing), or a
 * {@link Rejection}. A pure value: no exception, no HTTP.
 *
 * @param <E> the event type of the stream
 */
public sealed interface Decision<E> {

  /** The command is accepted; {@code events} may be empty when it changes nothing. */
  record Accepted<E>(List<E> events) implements Decision<E> {
    public Accepted {
      events = List.copyOf(events);
    }
  }

  /** The command is refused and changes nothing. */
  record Rejected<E>(Rejection rejection) implements Decision<E> {}

  static <E> Decision<E> accept(List<? extends E> events) {
    return new Accepted<>(List.copyOf(events));
  }

  @SafeVarargs
  static <E> Decision<E> accept(E... events) {
    return new Accepted<>(List.of(events));
  }

  /** Accepted, changing nothing. */
  static <E> Decision<E> nothing() {
    return new Accepted<>(List.of());
  }

  static <E> Decision<E> reject(Rejection rejection) {
    return new Rejected<>(rejection);
  }

  /**
   * The events of an accepted command; a rejected one is thrown as what {@code refusal} makes of
   * it.
   */
  default <X extends RuntimeException> List<E> eventsOrThrow(Function<Rejection, X> refusal) {
    if (this instanceof Rejected<E> rejected) {
      throw refusal.apply(rejected.rejection());
    }
    return ((Accepted<E>) this).events();
  }
}
