package news.ticker.timeline.projection.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.LongStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import news.ticker.timeline.projection.ordering.StoryOrdering.Decision;
import news.ticker.timeline.projection.ordering.StoryOrdering.Progress;
import news.ticker.timeline.projection.ordering.StoryOrdering.Step;
import org.junit.jupiter.api.Test;

/** The ordering rules: duplicate, apply, park, release; each version applied once and in order. */
class StoryOrderingTest {

  private static Progress progress(long applied, Long... parked) {
    return new Progress(applied, new TreeSet<>(List.of(parked)));
  }

  @Test
  void theNextVersionIsAppliedWhenNothingIsParked() {
    Step step = StoryOrdering.step(Progress.START, 1);
    assertThat(step.decision()).isEqualTo(Decision.APPLY);
    assertThat(step.toApply()).containsExactly(1L);
    assertThat(step.after()).isEqualTo(progress(1));
  }

  @Test
  void anAppliedOrParkedVersionIsADuplicateAndChangesNothing() {
    Progress held = progress(3, 5L, 6L);
    for (long version : new long[] {1, 3, 5, 6}) {
      Step step = StoryOrdering.step(held, version);
      assertThat(step.decision()).as("version %d", version).isEqualTo(Decision.DUPLICATE);
      assertThat(step.toApply()).isEmpty();
      assertThat(step.after()).isEqualTo(held);
    }
  }

  @Test
  void aVersionAfterAGapIsParkedAndHoldsTheStory() {
    Step step = StoryOrdering.step(progress(3), 5);
    assertThat(step.decision()).isEqualTo(Decision.PARK);
    assertThat(step.toApply()).isEmpty();
    assertThat(step.after()).isEqualTo(progress(3, 5L));
    assertThat(step.after().held()).isTrue();
  }

  @Test
  void theMissingVersionReleasesTheParkedOnesThatFollowItWithoutAGap() {
    Step step = StoryOrdering.step(progress(3, 5L, 6L, 8L), 4);
    assertThat(step.decision()).isEqualTo(Decision.RELEASE);
    assertThat(step.toApply()).containsExactly(4L, 5L, 6L);
    assertThat(step.after()).isEqualTo(progress(6, 8L));
    assertThat(step.after().held()).isTrue();

    Step last = StoryOrdering.step(step.after(), 7);
    assertThat(last.toApply()).containsExactly(7L, 8L);
    assertThat(last.after()).isEqualTo(progress(8));
    assertThat(last.after().held()).isFalse();
  }

  @Test
  void aVersionParkedForItsMissingKeyWaitsForTheKeyThenDrains() {
    // The applier could not apply 4 (its key is missing) and parked it: a redelivery of 4 is a
    // duplicate, 5 waits behind it, and once the key is there the drain applies both.
    Progress waiting = progress(3).withParked(4);
    assertThat(StoryOrdering.decide(waiting, 4)).isEqualTo(Decision.DUPLICATE);
    Step parked = StoryOrdering.step(waiting, 5);
    assertThat(parked.decision()).isEqualTo(Decision.PARK);

    Step drained = StoryOrdering.drain(parked.after());
    assertThat(drained.decision()).isEqualTo(Decision.RELEASE);
    assertThat(drained.toApply()).containsExactly(4L, 5L);
    assertThat(drained.after()).isEqualTo(progress(5));
  }

  @Test
  void anAdminSkipMovesTheAppliedVersionOverTheGapAndTheDrainGoesOn() {
    Progress skipped = progress(3, 6L, 7L, 9L).skippedTo(5);
    assertThat(skipped.applied()).isEqualTo(5);
    Step drained = StoryOrdering.drain(skipped);
    assertThat(drained.toApply()).containsExactly(6L, 7L);
    assertThat(drained.after()).isEqualTo(progress(7, 9L));
    assertThat(StoryOrdering.drain(drained.after()).toApply()).isEmpty();
  }

  @Test
  void parkedVersionsAtOrBelowTheAppliedOneAreForgotten() {
    assertThat(progress(5, 3L, 5L, 7L).parked()).containsExactly(7L);
  }

  /**
   * Whatever order and however often the versions 1..n arrive, feeding them through the ordering
   * function and applying what it says applies every version exactly once, in order, and leaves
   * nothing parked.
   */
  @Property(tries = 500, seed = "42")
  void anyDeliveryOrderWithDuplicatesAppliesEachVersionOnceAndInOrder(
      @ForAll("deliveries") List<Long> deliveries) {
    long n = deliveries.stream().mapToLong(Long::longValue).max().orElse(0);
    Progress progress = Progress.START;
    List<Long> applied = new ArrayList<>();
    for (long version : deliveries) {
      Step step = StoryOrdering.step(progress, version);
      applied.addAll(step.toApply());
      progress = step.after();
    }
    assertThat(applied).isEqualTo(LongStream.rangeClosed(1, n).boxed().toList());
    assertThat(progress.applied()).isEqualTo(n);
    assertThat(progress.held()).isFalse();
  }

  /** Every version 1..n at least once, some again, in any order. */
  @Provide
  Arbitrary<List<Long>> deliveries() {
    return Arbitraries.integers()
        .between(1, 40)
        .flatMap(
            n ->
                Arbitraries.longs()
                    .between(1, n)
                    .list()
                    .ofMaxSize(n)
                    .flatMap(
                        again -> {
                          List<Long> all = new ArrayList<>(again);
                          LongStream.rangeClosed(1, n).forEach(all::add);
                          return Arbitraries.shuffle(all);
                        }));
  }
}
