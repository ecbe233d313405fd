package news.ticker.timeline.projection.ordering;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The ordering rules of a story's projection as one pure function: for the story's progress (its
 * last applied version and the versions parked after a gap) and an incoming event's version, what
 * to do with the event. Today's {@code StoryProjector} follows the same rules inside its SQL
 * chains; this function is their single, tested statement for the batched projection to use.
 *
 * <ul>
 *   <li>{@link Decision#DUPLICATE}: the version was applied already, or is parked already (a
 *       redelivery or replay): nothing changes.
 *   <li>{@link Decision#APPLY}: the next version, and nothing is parked: apply it.
 *   <li>{@link Decision#PARK}: a later version than the next one (a gap): park it; the story is
 *       held until the missing version comes.
 *   <li>{@link Decision#RELEASE}: the next version while later ones are parked: apply it, then the
 *       parked versions that follow it without a gap, in order; the story stays held only if a gap
 *       remains after them.
 * </ul>
 *
 * What this function does not decide: a content key that has not arrived (the applier then parks
 * the very version it was given, see {@link Progress#withParked}), and an admin's skip of a gap
 * (which moves the applied version, see {@link Progress#skippedTo}); after either, {@link #drain}
 * says what follows.
 */
public final class StoryOrdering {

  private StoryOrdering() {}

  /** What to do with an incoming version. */
  public enum Decision {
    DUPLICATE,
    APPLY,
    PARK,
    RELEASE
  }

  /**
   * A story's progress.
   *
   * @param applied the last applied version (0 before the first event)
   * @param parked the versions parked after {@code applied}, waiting for a gap to close
   */
  public record Progress(long applied, NavigableSet<Long> parked) {

    public static final Progress START = new Progress(0, new TreeSet<>());

    public Progress {
      if (applied < 0) {
        throw new IllegalArgumentException("applied version < 0: " + applied);
      }
      parked = Collections.unmodifiableNavigableSet(new TreeSet<>(parked.tailSet(applied, false)));
    }

    /** Whether the story is held: something is parked. */
    public boolean held() {
      return !parked.isEmpty();
    }

    /** This progress with {@code version} parked too (e.g. its content key is missing). */
    public Progress withParked(long version) {
      TreeSet<Long> more = new TreeSet<>(parked);
      more.add(version);
      return new Progress(applied, more);
    }

    /** This progress after an admin skipped every version up to {@code version}. */
    public Progress skippedTo(long version) {
      return new Progress(Math.max(applied, version), parked);
    }
  }

  /**
   * The outcome of one incoming version.
   *
   * @param decision what was decided
   * @param toApply the versions to apply now, in order: the incoming one for {@code APPLY}, the
   *     incoming one and the parked ones it releases for {@code RELEASE}, none otherwise
   * @param after the progress once they are applied (or the version parked)
   */
  public record Step(Decision decision, List<Long> toApply, Progress after) {}

  /**
   * Applies the parked versions that follow the applied one without a gap, in order: what the
   * projection does after the content key a parked version waited for arrived, or after an admin
   * skipped a gap. The decision is {@code RELEASE}, with nothing to apply when the next version is
   * not parked.
   */
  public static Step drain(Progress progress) {
    List<Long> toApply = new ArrayList<>();
    long last = progress.applied();
    while (progress.parked().contains(last + 1)) {
      last++;
      toApply.add(last);
    }
    return new Step(Decision.RELEASE, List.copyOf(toApply), new Progress(last, progress.parked()));
  }

  /** The decision alone. */
  public static Decision decide(Progress progress, long version) {
    if (version <= progress.applied() || progress.parked().contains(version)) {
      return Decision.DUPLICATE;
    }
    if (version > progress.applied() + 1) {
      return Decision.PARK;
    }
    return progress.held() ? Decision.RELEASE : Decision.APPLY;
  }

  /** The decision, the versions it applies and the progress after them. */
  public static Step step(Progress progress, long version) {
    Decision decision = decide(progress, version);
    return switch (decision) {
      case DUPLICATE -> new Step(decision, List.of(), progress);
      case PARK -> new Step(decision, List.of(), progress.withParked(version));
      case APPLY -> new Step(decision, List.of(version), new Progress(version, progress.parked()));
      case RELEASE -> {
        Step drained = drain(new Progress(version, progress.parked()));
        List<Long> toApply = new ArrayList<>();
        toApply.add(version);
        toApply.addAll(drained.toApply());
        yield new Step(decision, List.copyOf(toApply), drained.after());
      }
    };
  }
}
