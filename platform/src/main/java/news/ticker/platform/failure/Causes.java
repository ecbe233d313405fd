package news.ticker.platform.failure;

import io.smallrye.mutiny.CompositeException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The causes of a failure, the way a reactive pipeline hides them: a failure arrives wrapped
 * ({@code CompletionException}, a Hibernate or Vert.x exception), and Mutiny collects several in a
 * {@link CompositeException}. Every question about what a failure means walks them the same way.
 */
public final class Causes {

  private Causes() {}

  /**
   * The first of {@code failure}, its causes and, for a {@link CompositeException}, the failures it
   * holds, that passes {@code test}, nearest to {@code failure} first; null when none does (or
   * {@code failure} is null). A chain of causes that loops is walked once.
   */
  public static Throwable first(Throwable failure, Predicate<Throwable> test) {
    if (failure == null) {
      return null;
    }
    Deque<Throwable> todo = new ArrayDeque<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    todo.add(failure);
    while (!todo.isEmpty()) {
      Throwable t = todo.poll();
      if (!seen.add(t)) {
        continue;
      }
      if (test.test(t)) {
        return t;
      }
      if (t instanceof CompositeException composite) {
        todo.addAll(composite.getCauses());
      }
      if (t.getCause() != null) {
        todo.add(t.getCause());
      }
    }
    return null;
  }
}
