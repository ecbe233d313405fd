package news.ticker.timeline.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.ticker.events.ContentCipher;
import news.ticker.events.EventEnvelope;
import news.ticker.events.Ids;
import news.ticker.events.SealedText;
import news.ticker.events.StoryEvent;

/**
 * Writes one story's events with consecutive versions, sealing texts under a fresh key per update.
 * Each method returns the envelope; {@link #publish} sends key (if any) and event like ingest.
 */
public final class StoryScript {

  public static final String SOURCE = "/ticker/ingest";
  public static final String ACTOR = "reporter@newsroom";

  public final UUID storyId = Ids.newId();
  private final Map<UUID, byte[]> keys = new HashMap<>();
  private final List<EventEnvelope> written = new ArrayList<>();
  private long version;
  private Instant clock;

  public StoryScript() {
    this(Instant.now());
  }

  /** A story whose events are recorded from {@code start} on, one second apart. */
  public StoryScript(Instant start) {
    this.clock = start;
  }

  public long version() {
    return version;
  }

  public byte[] key(UUID updateId) {
    return keys.get(updateId);
  }

  /** Every envelope written so far, in order. */
  public List<EventEnvelope> written() {
    return List.copyOf(written);
  }

  /** The recorded time of the next event is {@code at}. */
  public StoryScript at(Instant at) {
    clock = at;
    return this;
  }

  public Instant now() {
    return clock;
  }

  public EventEnvelope open(String title) {
    return open(title, "slug-" + storyId, "Buitenland");
  }

  public EventEnvelope open(String title, String slug, String section) {
    return next(
        new StoryEvent.StoryOpened(
            storyId,
            title,
            slug,
            section,
            "nl",
            "Samenvatting van " + title,
            List.of("nieuws"),
            "https://news.example/live/" + slug,
            clock,
            ACTOR,
            clock));
  }

  public EventEnvelope change(String title, String summary) {
    return next(
        new StoryEvent.StoryChanged(
            storyId,
            title,
            "Binnenland",
            summary,
            List.of("nieuws", "update"),
            "https://news.example/live/changed-" + storyId,
            ACTOR,
            clock));
  }

  public EventEnvelope close() {
    return next(new StoryEvent.StoryClosed(storyId, clock, ACTOR, clock));
  }

  /** A new update id with its own content key. */
  public UUID newUpdate() {
    UUID updateId = Ids.newId();
    keys.put(updateId, ContentCipher.newKey());
    return updateId;
  }

  public EventEnvelope post(UUID updateId, String headline, String body) {
    return post(updateId, headline, body, false, false, clock);
  }

  public EventEnvelope post(
      UUID updateId,
      String headline,
      String body,
      boolean keyEvent,
      boolean pinned,
      Instant publishedAt) {
    return next(
        new StoryEvent.UpdatePosted(
            storyId,
            updateId,
            seal(updateId, headline),
            seal(updateId, body),
            List.of("Anna de Vries"),
            keyEvent,
            pinned,
            publishedAt,
            null,
            ACTOR,
            clock));
  }

  public EventEnvelope edit(UUID updateId, String headline, String body) {
    return next(
        new StoryEvent.UpdateEdited(
            storyId,
            updateId,
            seal(updateId, headline),
            seal(updateId, body),
            List.of("Anna de Vries", "Piet Jansen"),
            ACTOR,
            clock));
  }

  public EventEnvelope correct(UUID updateId, String headline, String body, String note) {
    return next(
        new StoryEvent.UpdateCorrected(
            storyId,
            updateId,
            seal(updateId, headline),
            seal(updateId, body),
            List.of("Anna de Vries"),
            seal(updateId, note),
            "editor@newsroom",
            clock));
  }

  public EventEnvelope retract(UUID updateId) {
    return next(new StoryEvent.UpdateRetracted(storyId, updateId, "duplicate", ACTOR, clock));
  }

  /** An admin's redaction; ingest destroyed the key with it (publish the tombstone separately). */
  public EventEnvelope redact(UUID updateId, String reason) {
    return next(new StoryEvent.UpdateRedacted(storyId, updateId, reason, "admin@newsroom", clock));
  }

  public EventEnvelope pin(UUID updateId) {
    return next(new StoryEvent.UpdatePinned(storyId, updateId, ACTOR, clock));
  }

  public EventEnvelope unpin(UUID updateId) {
    return next(new StoryEvent.UpdateUnpinned(storyId, updateId, ACTOR, clock));
  }

  public EventEnvelope markKeyEvent(UUID updateId) {
    return next(new StoryEvent.KeyEventMarked(storyId, updateId, ACTOR, clock));
  }

  public EventEnvelope unmarkKeyEvent(UUID updateId) {
    return next(new StoryEvent.KeyEventUnmarked(storyId, updateId, ACTOR, clock));
  }

  public EventEnvelope linkArticle(UUID articleId, String headline) {
    return next(
        new StoryEvent.RelatedArticleLinked(
            storyId,
            articleId,
            headline,
            "https://news.example/articles/" + articleId,
            "Standfirst of " + headline,
            ACTOR,
            clock));
  }

  public EventEnvelope unlinkArticle(UUID articleId) {
    return next(new StoryEvent.RelatedArticleUnlinked(storyId, articleId, ACTOR, clock));
  }

  public EventEnvelope attachAnalysis(UUID analysisId, String title, UUID anchorUpdateId) {
    return next(
        new StoryEvent.AnalysisAttached(
            storyId,
            analysisId,
            title,
            "Standfirst of " + title,
            7,
            "https://news.example/analyses/" + analysisId,
            anchorUpdateId,
            "editor@newsroom",
            clock));
  }

  /** Ingest's answer to an admin's redaction of the analysis. */
  public EventEnvelope redactAnalysis(UUID analysisId, String reason) {
    return next(
        new StoryEvent.AnalysisAttachmentRedacted(
            storyId, analysisId, reason, "admin@newsroom", clock));
  }

  public EventEnvelope detachAnalysis(UUID analysisId) {
    return next(new StoryEvent.AnalysisDetached(storyId, analysisId, "editor@newsroom", clock));
  }

  private SealedText seal(UUID updateId, String text) {
    return ContentCipher.seal(updateId.toString(), keys.get(updateId), text);
  }

  private EventEnvelope next(StoryEvent event) {
    version++;
    EventEnvelope envelope = new EventEnvelope(Ids.newId(), SOURCE, clock, version, event);
    written.add(envelope);
    clock = clock.plusSeconds(1);
    return envelope;
  }

  /** Publishes the events in order, each update's content key right before its first event. */
  public void publish(Newsroom newsroom, EventEnvelope... envelopes) {
    for (EventEnvelope envelope : envelopes) {
      if (envelope.data() instanceof StoryEvent.UpdatePosted posted) {
        newsroom.publishKey(storyId, posted.updateId(), keys.get(posted.updateId()));
      }
      newsroom.publish(envelope);
    }
  }
}
