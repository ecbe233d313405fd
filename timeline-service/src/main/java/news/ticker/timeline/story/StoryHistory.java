package news.ticker.timeline.story;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import news.ticker.timeline.changes.ChangeLog;

/**
 * A story as readers saw it at a past moment ({@code ?asOf=}): the change log folded up to the
 * changes recorded by then. Recorded time, not {@code publishedAt}: a backdated update appears only
 * from the moment it was posted.
 */
@ApplicationScoped
public class StoryHistory {

  @Inject ChangeLog changeLog;

  /** The story as of that instant, or empty when it was not open yet. */
  public Uni<Optional<StoryFold>> asOf(int generation, UUID storyId, Instant asOf) {
    return changeLog
        .recordedBy(generation, storyId, asOf)
        .map(
            entries -> {
              StoryFold fold = new StoryFold(storyId);
              for (ChangeLog.Entry entry : entries) {
                fold.apply(entry);
              }
              return fold.opened() ? Optional.of(fold) : Optional.empty();
            });
  }
}
