package news.ticker.ingest.story;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Recently used story states of this replica, least recently used evicted first. A cached state may
 * be behind (another replica appended since): loading always reads the events after its version.
 * Only committed states are remembered, so a cached state is never ahead of the database; a state
 * whose commit has an unknown outcome is forgotten instead.
 */
final class StoryStateCache {

  private final Map<UUID, StoryState> states;

  StoryStateCache(int capacity) {
    this.states =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<UUID, StoryState> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized StoryState get(UUID storyId) {
    return states.get(storyId);
  }

  /** Keeps the state unless a newer one of the same story is already cached. */
  synchronized void remember(StoryState state) {
    StoryState cached = states.get(state.storyId());
    if (cached == null || cached.version() < state.version()) {
      states.put(state.storyId(), state);
    }
  }

  /** Drops the story's state: the next command loads it from the database. */
  synchronized void forget(UUID storyId) {
    states.remove(storyId);
  }
}
