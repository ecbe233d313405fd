package news.ticker.timeline.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import news.ticker.timeline.Json;
import news.ticker.timeline.changes.Change;
import news.ticker.timeline.changes.PublicText;
import news.ticker.timeline.readmodel.AnalysisKey;
import news.ticker.timeline.readmodel.AttachedAnalysis;
import news.ticker.timeline.readmodel.RelatedArticle;
import news.ticker.timeline.readmodel.RelatedArticleKey;
import news.ticker.timeline.readmodel.StoryChange;
import news.ticker.timeline.readmodel.StoryKey;
import news.ticker.timeline.readmodel.StoryView;
import news.ticker.timeline.readmodel.UpdateKey;
import news.ticker.timeline.readmodel.UpdateRevision;
import news.ticker.timeline.readmodel.UpdateView;
import news.ticker.timeline.story.StatusNames;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Applies one rendered change to the views of a generation, inside the caller's transaction: the
 * story header, the update and its revisions, related articles, analyses, and the change log row.
 * The rules match {@link news.ticker.timeline.story.StoryFold}, which folds the same changes in
 * memory for {@code ?asOf=}.
 */
@ApplicationScoped
public class ViewWriter {

  /** Writes the change. Returns whether it concerns a key event (for {@code ?only=key-events}). */
  public Uni<Void> write(Mutiny.Session session, int generation, Change change) {
    return session
        .find(StoryView.class, new StoryKey(generation, change.storyId()))
        .chain(story -> apply(session, generation, story, change))
        .chain(
            keyEvent -> {
              StoryChange row = new StoryChange();
              row.generation = generation;
              row.storyId = change.storyId();
              row.version = change.version();
              row.type = change.type();
              row.updateId = change.updateId();
              row.data = Json.text(change.data());
              row.keyEvent = keyEvent;
              row.keyId = change.keyId();
              row.recordedAt = change.recordedAt();
              return session.persist(row);
            });
  }

  private Uni<Boolean> apply(
      Mutiny.Session session, int generation, StoryView story, Change change) {
    ObjectNode data = change.data();
    Instant at = change.recordedAt();
    if (story != null) {
      story.version = change.version();
      story.updatedAt = at;
    }
    switch (change.type()) {
      case "story-opened" -> {
        if (story != null) {
          return Uni.createFrom().item(false);
        }
        StoryView opened = new StoryView();
        opened.generation = generation;
        opened.storyId = change.storyId();
        opened.title = text(data, "title");
        opened.slug = text(data, "slug");
        opened.section = text(data, "section");
        opened.language = text(data, "language");
        opened.summary = text(data, "summary");
        opened.tags = Json.text(data.path("tags"));
        opened.canonicalUrl = text(data, "canonicalUrl");
        opened.coverageStartTime = instant(data, "coverageStartTime");
        opened.status = StatusNames.LIVE;
        opened.version = change.version();
        opened.openedAt = at;
        opened.updatedAt = at;
        return session.persist(opened).replaceWith(false);
      }
      case "story-changed" -> {
        if (story != null) {
          story.title = text(data, "title");
          story.section = text(data, "section");
          story.summary = text(data, "summary");
          story.tags = Json.text(data.path("tags"));
          story.canonicalUrl = text(data, "canonicalUrl");
        }
        return Uni.createFrom().item(false);
      }
      case "story-closed" -> {
        if (story != null) {
          story.status = StatusNames.CLOSED;
          story.coverageEndTime = instant(data, "coverageEndTime");
        }
        return Uni.createFrom().item(false);
      }
      case "update-posted" -> {
        return posted(session, generation, story, change);
      }
      case "update-edited", "update-corrected" -> {
        return findUpdate(session, generation, change)
            .chain(update -> revised(session, update, change));
      }
      case "update-retracted" -> {
        return findUpdate(session, generation, change)
            .chain(
                update -> {
                  if (update == null || update.retracted) {
                    return Uni.createFrom().item(update != null && update.keyEvent);
                  }
                  update.retracted = true;
                  if (story != null) {
                    story.updateCount = Math.max(0, story.updateCount - 1);
                  }
                  Uni<Void> unpin = Uni.createFrom().voidItem();
                  if (update.pinned) {
                    update.pinned = false;
                    if (story != null) {
                      story.pinnedUpdateId = null;
                    }
                  }
                  UpdateRevision revision = revision(update, change, UpdateRevision.RETRACTED);
                  return unpin.chain(() -> session.persist(revision)).replaceWith(update.keyEvent);
                });
      }
      case "update-redacted" -> {
        return findUpdate(session, generation, change)
            .chain(
                update -> {
                  if (update == null) {
                    return Uni.createFrom().item(false);
                  }
                  JsonNode note = data.path("redacted");
                  update.redacted = true;
                  update.headline = null;
                  update.body = null;
                  update.correctionNote = null;
                  update.redactionReason = text((ObjectNode) note, "reason");
                  update.redactedAt = change.recordedAt();
                  UpdateRevision revision = revision(update, change, UpdateRevision.REDACTED);
                  revision.note = update.redactionReason;
                  return session.persist(revision).replaceWith(update.keyEvent);
                });
      }
      case "update-pinned" -> {
        return findUpdate(session, generation, change)
            .chain(
                update -> {
                  if (update == null || update.retracted || story == null) {
                    return Uni.createFrom().item(false);
                  }
                  return unpinCurrent(session, generation, story, update.updateId)
                      .invoke(
                          () -> {
                            update.pinned = true;
                            story.pinnedUpdateId = update.updateId;
                          })
                      .replaceWith(update.keyEvent);
                });
      }
      case "update-unpinned" -> {
        return findUpdate(session, generation, change)
            .map(
                update -> {
                  if (update == null) {
                    return false;
                  }
                  if (story != null && update.updateId.equals(story.pinnedUpdateId)) {
                    story.pinnedUpdateId = null;
                  }
                  update.pinned = false;
                  return update.keyEvent;
                });
      }
      case "key-event-marked", "key-event-unmarked" -> {
        boolean marked = change.type().equals("key-event-marked");
        return findUpdate(session, generation, change)
            .map(
                update -> {
                  if (update != null) {
                    update.keyEvent = marked;
                  }
                  return true;
                });
      }
      case "related-article-linked" -> {
        UUID articleId = uuid(data, "articleId");
        return session
            .find(
                RelatedArticle.class,
                new RelatedArticleKey(generation, change.storyId(), articleId))
            .chain(
                existing -> {
                  RelatedArticle related = existing;
                  if (related == null) {
                    related = new RelatedArticle();
                    related.generation = generation;
                    related.storyId = change.storyId();
                    related.articleId = articleId;
                    related.linkedVersion = change.version();
                    related.linkedAt = at;
                  }
                  related.headline = text(data, "headline");
                  related.url = text(data, "url");
                  related.standfirst = text(data, "standfirst");
                  return existing == null
                      ? session.persist(related).replaceWith(false)
                      : Uni.createFrom().item(false);
                });
      }
      case "related-article-unlinked" -> {
        return session
            .find(
                RelatedArticle.class,
                new RelatedArticleKey(generation, change.storyId(), uuid(data, "articleId")))
            .chain(
                related ->
                    related == null
                        ? Uni.createFrom().item(false)
                        : session.remove(related).replaceWith(false));
      }
      case "analysis-attached" -> {
        UUID analysisId = uuid(data, "analysisId");
        return session
            .find(AttachedAnalysis.class, new AnalysisKey(generation, change.storyId(), analysisId))
            .chain(
                existing -> {
                  AttachedAnalysis analysis = existing;
                  if (analysis == null) {
                    analysis = new AttachedAnalysis();
                    analysis.generation = generation;
                    analysis.storyId = change.storyId();
                    analysis.analysisId = analysisId;
                    analysis.attachedVersion = change.version();
                    analysis.attachedAt = at;
                  }
                  analysis.title = PublicText.textOf(data.get("title"));
                  analysis.standfirst = PublicText.textOf(data.get("standfirst"));
                  analysis.readingTimeMinutes = data.path("readingTimeMinutes").asInt();
                  analysis.link = text(data, "link");
                  analysis.anchorUpdateId =
                      data.hasNonNull("anchorUpdateId") ? uuid(data, "anchorUpdateId") : null;
                  return existing == null
                      ? session.persist(analysis).replaceWith(false)
                      : Uni.createFrom().item(false);
                });
      }
      case "analysis-detached" -> {
        return session
            .find(
                AttachedAnalysis.class,
                new AnalysisKey(generation, change.storyId(), uuid(data, "analysisId")))
            .chain(
                analysis ->
                    analysis == null
                        ? Uni.createFrom().item(false)
                        : session.remove(analysis).replaceWith(false));
      }
      case "analysis-attachment-redacted" -> {
        return session
            .find(
                AttachedAnalysis.class,
                new AnalysisKey(generation, change.storyId(), uuid(data, "analysisId")))
            .map(
                analysis -> {
                  if (analysis != null) {
                    analysis.title = null;
                    analysis.standfirst = null;
                    analysis.redactionReason = text((ObjectNode) data.path("redacted"), "reason");
                    analysis.redactedAt = change.recordedAt();
                  }
                  return false;
                });
      }
      default -> {
        return Uni.createFrom().item(false);
      }
    }
  }

  private Uni<Boolean> posted(
      Mutiny.Session session, int generation, StoryView story, Change change) {
    ObjectNode data = change.data();
    return findUpdate(session, generation, change)
        .chain(
            existing -> {
              if (existing != null) {
                // The same update id posted twice is a producer bug; the first one stands.
                return Uni.createFrom().item(existing.keyEvent);
              }
              UpdateView update = new UpdateView();
              update.generation = generation;
              update.storyId = change.storyId();
              update.updateId = change.updateId();
              setContent(update, data);
              update.keyEvent = data.path("keyEvent").asBoolean();
              update.keyId = change.keyId();
              update.publishedAt = instant(data, "publishedAt");
              update.firstRecordedAt = change.recordedAt();
              update.lastRecordedAt = change.recordedAt();
              update.postedVersion = change.version();
              boolean pin = data.path("pinned").asBoolean() && story != null;
              Uni<Void> unpin =
                  pin
                      ? unpinCurrent(session, generation, story, update.updateId)
                      : Uni.createFrom().voidItem();
              if (story != null) {
                story.updateCount++;
              }
              return unpin
                  .invoke(
                      () -> {
                        if (pin) {
                          update.pinned = true;
                          story.pinnedUpdateId = update.updateId;
                        }
                      })
                  .chain(() -> session.persist(update))
                  .chain(() -> session.persist(revision(update, change, UpdateRevision.POSTED)))
                  .replaceWith(update.keyEvent);
            });
  }

  private Uni<Boolean> revised(Mutiny.Session session, UpdateView update, Change change) {
    if (update == null) {
      // An edit of an update this model never saw (e.g. skipped at a gap): logged, nothing to
      // change.
      return Uni.createFrom().item(false);
    }
    ObjectNode data = change.data();
    boolean correction = change.type().equals("update-corrected");
    setContent(update, data);
    update.lastRecordedAt = change.recordedAt();
    if (change.keyId() != null) {
      update.keyId = change.keyId();
    }
    if (correction) {
      update.corrected = true;
      update.correctionNote = PublicText.textOf(data.get("note"));
      update.correctedAt = change.recordedAt();
    }
    UpdateRevision revision =
        revision(update, change, correction ? UpdateRevision.CORRECTED : UpdateRevision.EDITED);
    if (correction) {
      revision.note = PublicText.textOf(data.get("note"));
    }
    return session.persist(revision).replaceWith(update.keyEvent);
  }

  private static void setContent(UpdateView update, ObjectNode data) {
    JsonNode headline = data.get("headline");
    JsonNode body = data.get("body");
    update.redacted = PublicText.isRedacted(headline) || PublicText.isRedacted(body);
    update.headline = PublicText.textOf(headline);
    update.body = PublicText.textOf(body);
    update.authors = Json.text(data.path("authors"));
  }

  private static UpdateRevision revision(UpdateView update, Change change, String kind) {
    UpdateRevision revision = new UpdateRevision();
    revision.generation = update.generation;
    revision.storyId = update.storyId;
    revision.updateId = update.updateId;
    revision.version = change.version();
    revision.kind = kind;
    revision.recordedAt = change.recordedAt();
    if (!kind.equals(UpdateRevision.RETRACTED) && !kind.equals(UpdateRevision.REDACTED)) {
      revision.headline = update.headline;
      revision.body = update.body;
      revision.authors = update.authors;
      revision.redacted = update.redacted;
      revision.keyId = change.keyId();
    }
    return revision;
  }

  private Uni<Void> unpinCurrent(
      Mutiny.Session session, int generation, StoryView story, UUID newlyPinned) {
    UUID current = story.pinnedUpdateId;
    if (current == null || current.equals(newlyPinned)) {
      return Uni.createFrom().voidItem();
    }
    return session
        .find(UpdateView.class, new UpdateKey(generation, story.storyId, current))
        .invoke(
            previous -> {
              if (previous != null) {
                previous.pinned = false;
              }
            })
        .replaceWithVoid();
  }

  private static Uni<UpdateView> findUpdate(Mutiny.Session session, int generation, Change change) {
    if (change.updateId() == null) {
      return Uni.createFrom().nullItem();
    }
    return session.find(
        UpdateView.class, new UpdateKey(generation, change.storyId(), change.updateId()));
  }

  private static String text(ObjectNode data, String field) {
    JsonNode value = data.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static Instant instant(ObjectNode data, String field) {
    String value = text(data, field);
    return value == null ? null : Instant.parse(value);
  }

  private static UUID uuid(ObjectNode data, String field) {
    return UUID.fromString(data.path(field).asText());
  }
}
