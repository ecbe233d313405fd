package news.ticker.bench.pg;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The stories one connection of a PostgreSQL limit writes to, with each story's last committed
 * version: a write appends the next version, as ingest's would. Every connection has stories of its
 * own, so the limit measures the database, not writers queueing on each other's locks (that is the
 * stack's business, measured by the saturation cell).
 */
final class StoryPool {

  /** Lock space of story streams (ingest's StreamType.STORY: "stor"). */
  static final int STORY_LOCK_SPACE = 0x73746f72;

  /**
   * One planned write of one story.
   *
   * @param after the version the story had (the tail read asks for events after it)
   * @param version the version this write appends
   * @param lockKey the story's advisory lock key (EventStore.lock: the id's hash code)
   */
  record Planned(int slot, UUID story, long after, long version, int lockKey) {}

  private final UUID[] stories;
  private final long[] versions;
  private int next;

  StoryPool(List<UUID> stories) {
    if (stories.isEmpty()) {
      throw new IllegalArgumentException("no stories");
    }
    this.stories = stories.toArray(UUID[]::new);
    this.versions = new long[this.stories.length];
  }

  static StoryPool random(int size) {
    List<UUID> stories = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      stories.add(UUID.randomUUID());
    }
    return new StoryPool(stories);
  }

  int size() {
    return stories.length;
  }

  /**
   * The next {@code n} writes, of {@code n} different stories taken round-robin, in the order their
   * locks must be taken (by lock key): a batch holds one write per story, as a group commit of
   * different stories' writes would.
   *
   * @throws IllegalArgumentException when the pool has fewer than {@code n} stories
   */
  List<Planned> plan(int n) {
    if (n < 1 || n > stories.length) {
      throw new IllegalArgumentException(
          "a batch of " + n + " needs as many stories; the pool has " + stories.length);
    }
    List<Planned> batch = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int slot = next;
      next = (next + 1) % stories.length;
      UUID story = stories[slot];
      batch.add(new Planned(slot, story, versions[slot], versions[slot] + 1, story.hashCode()));
    }
    batch.sort(Comparator.comparingInt(Planned::lockKey).thenComparing(Planned::story));
    return batch;
  }

  /** The batch committed: its stories are at their new versions. */
  void committed(List<Planned> batch) {
    for (Planned p : batch) {
      versions[p.slot()] = Math.max(versions[p.slot()], p.version());
    }
  }

  long version(int slot) {
    return versions[slot];
  }
}
