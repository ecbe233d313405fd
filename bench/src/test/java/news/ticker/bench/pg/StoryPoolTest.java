package news.ticker.bench.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StoryPoolTest {

  @Test
  void aBatchHoldsDifferentStoriesInLockOrder() {
    StoryPool pool = StoryPool.random(64);
    List<StoryPool.Planned> batch = pool.plan(64);
    assertThat(batch).hasSize(64);
    assertThat(batch.stream().map(StoryPool.Planned::story).distinct()).hasSize(64);
    assertThat(batch).isSortedAccordingTo(Comparator.comparingInt(StoryPool.Planned::lockKey));
    assertThat(batch).allSatisfy(p -> assertThat(p.lockKey()).isEqualTo(p.story().hashCode()));
  }

  @Test
  void aStoryAdvancesOnlyWhenItsBatchCommitted() {
    UUID a = UUID.randomUUID();
    StoryPool pool = new StoryPool(List.of(a));
    StoryPool.Planned first = pool.plan(1).get(0);
    assertThat(first.after()).isZero();
    assertThat(first.version()).isEqualTo(1);
    // rolled back: the same version again
    StoryPool.Planned retry = pool.plan(1).get(0);
    assertThat(retry.version()).isEqualTo(1);
    pool.committed(List.of(retry));
    StoryPool.Planned next = pool.plan(1).get(0);
    assertThat(next.after()).isEqualTo(1);
    assertThat(next.version()).isEqualTo(2);
  }

  @Test
  void singleWritesGoRoundTheStories() {
    StoryPool pool = StoryPool.random(3);
    UUID s0 = pool.plan(1).get(0).story();
    UUID s1 = pool.plan(1).get(0).story();
    UUID s2 = pool.plan(1).get(0).story();
    assertThat(List.of(s0, s1, s2)).doesNotHaveDuplicates();
    assertThat(pool.plan(1).get(0).story()).isEqualTo(s0);
  }

  @Test
  void aBatchCannotHoldMoreWritesThanStories() {
    StoryPool pool = StoryPool.random(4);
    assertThatThrownBy(() -> pool.plan(5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> pool.plan(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theLockSpaceIsIngestsStorySpace() {
    assertThat(StoryPool.STORY_LOCK_SPACE).isEqualTo(0x73746f72); // "stor"
  }
}
