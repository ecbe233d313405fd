package news.ticker.timeline.changes;

import java.util.UUID;

/**
 * What this replica hears of the change log being changed in place, as opposed to appended to.
 * Stored changes are rewritten only to blank texts (a destroyed content key, a redacted analysis);
 * PostgreSQL notifies every replica after such a transaction commits (migration V4). Whatever keeps
 * stored changes in memory must forget them on these notices, or it would show a redacted text
 * again.
 */
public sealed interface ChangeLogNotice {

  /** The stored change {@code version} of the story was rewritten in place. */
  record Rewritten(int generation, UUID storyId, long version) implements ChangeLogNotice {}

  /**
   * This replica started or stopped listening for rewrites ({@code listening}). Either way it may
   * have missed some: notifications are not queued for a session that is gone.
   */
  record Listening(boolean listening) implements ChangeLogNotice {}
}
