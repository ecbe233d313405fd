package news.ticker.timeline.changes;

import java.util.List;
import java.util.UUID;

/**
 * Where the projection announces what it committed on this replica. The live stream listens (its
 * {@code LiveFanOut}), so the projection does not depend on the stream.
 */
public interface CommittedChanges {

  /** The story is committed up to {@code version}; the change log has the rows. */
  void committed(int generation, UUID storyId, long version);

  /**
   * These changes of the story are committed, up to {@code version}: a listener may hand them on
   * from memory, without reading the change log.
   */
  void committed(int generation, UUID storyId, long version, List<ChangeLog.Entry> changes);
}
