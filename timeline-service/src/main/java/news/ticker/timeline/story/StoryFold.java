package news.ticker.timeline.story;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import news.ticker.timeline.feed.PublicUpdate;
import news.ticker.timeline.feed.Revision;
import news.ticker.timeline.feed.UpdateWithHistory;

/**
 * A story rebuilt in memory by folding its change log: how {@code ?asOf=} shows a story exactly as
 * readers saw it at a past moment (fold the changes recorded by then). It follows the same rules as
 * the projection's {@code ViewWriter}; a test holds the two to the same result.
 */
public final class StoryFold {

  /** Feed order: {@code publishedAt} descending, then id descending. */
  public static final Comparator<PublicUpdate> FEED_ORDER =
      Comparator.comparing(PublicUpdate::publishedAt)
          .thenComparing(u -> u.id().toString()) // PostgreSQL's uuid order
          .reversed();

  private final UUID storyId;
  private boolean opened;
  private String title;
  private String slug;
  private String section;
  private String language;
  private String summary;
  private List<String> tags = List.of();
  private String canonicalUrl;
  private String status;
  private Instant coverageStartTime;
  private Instant coverageEndTime;
  private UUID pinnedUpdateId;
  private long version;
  private Instant updatedAt;
  private final Map<UUID, UpdateState> updates = new LinkedHashMap<>();
  private final Map<UUID, StoryHeader.RelatedArticleItem> related = new LinkedHashMap<>();
  private final Map<UUID, AnalysisState> analyses = new LinkedHashMap<>();

  public StoryFold(UUID storyId) {
    this.storyId = storyId;
  }

  /** Whether the story had been opened by the last folded change. */
  public boolean opened() {
    return opened;
  }

  public long version() {
    return version;
  }

  /** Folds one change; changes must come in version order. */
  public void apply(long changeVersion, String type, Instant recordedAt, ObjectNode data) {
    version = changeVersion;
    updatedAt = recordedAt;
    switch (type) {
      case "story-opened" -> {
        opened = true;
        title = text(data, "title");
        slug = text(data, "slug");
        section = text(data, "section");
        language = text(data, "language");
        summary = text(data, "summary");
        tags = strings(data.get("tags"));
        canonicalUrl = text(data, "canonicalUrl");
        coverageStartTime = instant(data, "coverageStartTime");
        status = StatusNames.LIVE;
      }
      case "story-changed" -> {
        title = text(data, "title");
        section = text(data, "section");
        summary = text(data, "summary");
        tags = strings(data.get("tags"));
        canonicalUrl = text(data, "canonicalUrl");
      }
      case "story-closed" -> {
        status = StatusNames.CLOSED;
        coverageEndTime = instant(data, "coverageEndTime");
      }
      case "update-posted" -> {
        UpdateState update = new UpdateState();
        update.id = uuid(data, "id");
        update.headline = node(data, "headline");
        update.body = node(data, "body");
        update.authors = strings(data.get("authors"));
        update.keyEvent = data.path("keyEvent").asBoolean();
        update.publishedAt = instant(data, "publishedAt");
        update.updatedAt = recordedAt;
        update.revisions.add(
            new Revision(
                changeVersion,
                "posted",
                update.headline,
                update.body,
                update.authors,
                null,
                recordedAt));
        updates.put(update.id, update);
        if (data.path("pinned").asBoolean()) {
          pin(update.id);
        }
      }
      case "update-edited", "update-corrected" -> {
        UpdateState update = updates.get(uuid(data, "id"));
        if (update != null) {
          boolean correction = type.equals("update-corrected");
          update.headline = node(data, "headline");
          update.body = node(data, "body");
          update.authors = strings(data.get("authors"));
          update.updatedAt = recordedAt;
          if (correction) {
            update.correction = new PublicUpdate.Correction(node(data, "note"), recordedAt);
          }
          update.revisions.add(
              new Revision(
                  changeVersion,
                  correction ? "corrected" : "edited",
                  update.headline,
                  update.body,
                  update.authors,
                  correction ? node(data, "note") : null,
                  recordedAt));
        }
      }
      case "update-retracted" -> {
        UpdateState update = updates.get(uuid(data, "id"));
        if (update != null && !update.retracted) {
          update.retracted = true;
          update.revisions.add(
              new Revision(changeVersion, "retracted", null, null, null, null, recordedAt));
          if (update.id.equals(pinnedUpdateId)) {
            pinnedUpdateId = null;
          }
        }
      }
      case "update-redacted" -> {
        UpdateState update = updates.get(uuid(data, "id"));
        if (update != null && update.redaction == null) {
          // The earlier changes were blanked with the key already; this keeps the fold right
          // even for a change log that still had them.
          JsonNode redacted = news.ticker.timeline.changes.PublicText.redacted();
          update.headline = update.headline.isNull() ? update.headline : redacted;
          update.body = update.body.isNull() ? update.body : redacted;
          if (update.correction != null) {
            update.correction =
                new PublicUpdate.Correction(redacted, update.correction.correctedAt());
          }
          update.revisions.replaceAll(StoryFold::redacted);
          JsonNode note = data.path("redacted");
          update.redaction =
              new PublicUpdate.Redaction(
                  note.path("reason").isNull() ? null : note.path("reason").asText(null),
                  recordedAt);
          update.revisions.add(
              new Revision(
                  changeVersion,
                  "redacted",
                  null,
                  null,
                  null,
                  note.path("reason").isTextual()
                      ? com.fasterxml.jackson.databind.node.TextNode.valueOf(
                          note.path("reason").asText())
                      : null,
                  recordedAt));
        }
      }
      case "update-pinned" -> {
        UpdateState update = updates.get(uuid(data, "id"));
        if (update != null && !update.retracted) {
          pin(update.id);
        }
      }
      case "update-unpinned" -> {
        UUID id = uuid(data, "id");
        if (id.equals(pinnedUpdateId)) {
          pinnedUpdateId = null;
        }
      }
      case "key-event-marked", "key-event-unmarked" -> {
        UpdateState update = updates.get(uuid(data, "id"));
        if (update != null) {
          update.keyEvent = type.equals("key-event-marked");
        }
      }
      case "related-article-linked" -> {
        UUID articleId = uuid(data, "articleId");
        related.put(
            articleId,
            new StoryHeader.RelatedArticleItem(
                articleId, text(data, "headline"), text(data, "url"), text(data, "standfirst")));
      }
      case "related-article-unlinked" -> related.remove(uuid(data, "articleId"));
      case "analysis-attached" -> {
        UUID analysisId = uuid(data, "analysisId");
        AnalysisState analysis =
            analyses.computeIfAbsent(analysisId, id -> new AnalysisState(changeVersion));
        analysis.item =
            new StoryHeader.AnalysisItem(
                analysisId,
                news.ticker.timeline.changes.PublicText.textOf(data.get("title")),
                news.ticker.timeline.changes.PublicText.textOf(data.get("standfirst")),
                data.path("readingTimeMinutes").asInt(),
                text(data, "link"),
                data.hasNonNull("anchorUpdateId") ? uuid(data, "anchorUpdateId") : null,
                analysis.item == null ? null : analysis.item.redacted());
      }
      case "analysis-detached" -> analyses.remove(uuid(data, "analysisId"));
      case "analysis-attachment-redacted" -> {
        AnalysisState analysis = analyses.get(uuid(data, "analysisId"));
        if (analysis != null) {
          StoryHeader.AnalysisItem item = analysis.item;
          JsonNode note = data.path("redacted");
          analysis.item =
              new StoryHeader.AnalysisItem(
                  item.id(),
                  null,
                  null,
                  item.readingTimeMinutes(),
                  item.link(),
                  item.anchorUpdateId(),
                  new PublicUpdate.Redaction(
                      note.path("reason").isTextual() ? note.path("reason").asText() : null,
                      recordedAt));
        }
      }
      default -> {
        // A type this build renders nothing for changes only the version.
      }
    }
  }

  private void pin(UUID updateId) {
    pinnedUpdateId = updateId;
  }

  /** The header as it was. */
  public StoryHeader header(boolean degraded) {
    List<PublicUpdate> feed = feed();
    List<StoryHeader.KeyEvent> keyEvents =
        feed.stream()
            .filter(PublicUpdate::keyEvent)
            .map(u -> new StoryHeader.KeyEvent(u.id(), u.headline(), u.publishedAt()))
            .toList();
    PublicUpdate pinned =
        pinnedUpdateId == null ? null : update(pinnedUpdateId).map(this::publicUpdate).orElse(null);
    return new StoryHeader(
        storyId,
        title,
        slug,
        section,
        language,
        canonicalUrl,
        status,
        summary,
        tags,
        coverageStartTime,
        coverageEndTime,
        pinned,
        keyEvents,
        List.copyOf(related.values()),
        analysisItems(),
        feed.size(),
        version,
        updatedAt,
        degraded);
  }

  /** Every update in the feed (not retracted), in feed order. */
  public List<PublicUpdate> feed() {
    List<PublicUpdate> feed = new ArrayList<>();
    for (UpdateState update : updates.values()) {
      if (!update.retracted) {
        feed.add(publicUpdate(update));
      }
    }
    feed.sort(FEED_ORDER);
    return feed;
  }

  /** One update with its history, retracted or not. */
  public Optional<UpdateWithHistory> updateWithHistory(UUID updateId) {
    return update(updateId)
        .map(u -> new UpdateWithHistory(publicUpdate(u), List.copyOf(u.revisions)));
  }

  private Optional<UpdateState> update(UUID updateId) {
    return Optional.ofNullable(updates.get(updateId));
  }

  private List<StoryHeader.AnalysisItem> analysisItems() {
    return analyses.values().stream()
        .sorted(Comparator.comparingLong((AnalysisState a) -> a.attachedVersion))
        .map(a -> a.item)
        .toList();
  }

  private PublicUpdate publicUpdate(UpdateState update) {
    PublicUpdate.AnalysisLink link =
        analyses.values().stream()
            .filter(a -> update.id.equals(a.item.anchorUpdateId()))
            .max(Comparator.comparingLong(a -> a.attachedVersion))
            .map(
                a ->
                    new PublicUpdate.AnalysisLink(
                        a.item.id(),
                        a.item.title(),
                        a.item.standfirst(),
                        a.item.readingTimeMinutes(),
                        a.item.link(),
                        a.item.redacted()))
            .orElse(null);
    return new PublicUpdate(
        update.id,
        update.headline,
        update.body,
        update.authors,
        update.keyEvent,
        update.id.equals(pinnedUpdateId),
        update.retracted,
        update.publishedAt,
        update.updatedAt,
        update.correction,
        link,
        update.redaction);
  }

  private static Revision redacted(Revision revision) {
    if (!"posted".equals(revision.kind())
        && !"edited".equals(revision.kind())
        && !"corrected".equals(revision.kind())) {
      return revision;
    }
    JsonNode redacted = news.ticker.timeline.changes.PublicText.redacted();
    return new Revision(
        revision.version(),
        revision.kind(),
        revision.headline() == null || revision.headline().isNull()
            ? revision.headline()
            : redacted,
        revision.body() == null || revision.body().isNull() ? revision.body() : redacted,
        revision.authors(),
        revision.note() == null || revision.note().isNull() ? revision.note() : redacted,
        revision.recordedAt());
  }

  private static String text(ObjectNode data, String field) {
    JsonNode value = data.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static JsonNode node(ObjectNode data, String field) {
    JsonNode value = data.get(field);
    return value == null ? NullNode.getInstance() : value;
  }

  private static UUID uuid(ObjectNode data, String field) {
    return UUID.fromString(data.path(field).asText());
  }

  private static Instant instant(ObjectNode data, String field) {
    String value = text(data, field);
    return value == null ? null : Instant.parse(value);
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(v -> values.add(v.asText()));
    }
    return List.copyOf(values);
  }

  private static final class UpdateState {
    UUID id;
    JsonNode headline;
    JsonNode body;
    List<String> authors;
    boolean keyEvent;
    boolean retracted;
    Instant publishedAt;
    Instant updatedAt;
    PublicUpdate.Correction correction;
    PublicUpdate.Redaction redaction;
    final List<Revision> revisions = new ArrayList<>();
  }

  private static final class AnalysisState {
    final long attachedVersion;
    StoryHeader.AnalysisItem item;

    AnalysisState(long attachedVersion) {
      this.attachedVersion = attachedVersion;
    }
  }
}
