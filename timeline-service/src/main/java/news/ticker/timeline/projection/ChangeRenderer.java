package news.ticker.timeline.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import news.ticker.events.ContentCipher;
import news.ticker.events.EventDecodingException;
import news.ticker.events.EventEnvelope;
import news.ticker.events.SealedText;
import news.ticker.events.StoryEvent;
import news.ticker.events.StoryEvent.AnalysisAttached;
import news.ticker.events.StoryEvent.AnalysisAttachmentRedacted;
import news.ticker.events.StoryEvent.AnalysisDetached;
import news.ticker.events.StoryEvent.KeyEventMarked;
import news.ticker.events.StoryEvent.KeyEventUnmarked;
import news.ticker.events.StoryEvent.RelatedArticleLinked;
import news.ticker.events.StoryEvent.RelatedArticleUnlinked;
import news.ticker.events.StoryEvent.StoryChanged;
import news.ticker.events.StoryEvent.StoryClosed;
import news.ticker.events.StoryEvent.StoryOpened;
import news.ticker.events.StoryEvent.UpdateCorrected;
import news.ticker.events.StoryEvent.UpdateEdited;
import news.ticker.events.StoryEvent.UpdatePinned;
import news.ticker.events.StoryEvent.UpdatePosted;
import news.ticker.events.StoryEvent.UpdateRedacted;
import news.ticker.events.StoryEvent.UpdateRetracted;
import news.ticker.events.StoryEvent.UpdateUnpinned;
import news.ticker.platform.html.HtmlSanitizer;
import news.ticker.timeline.Json;
import news.ticker.timeline.changes.Change;
import news.ticker.timeline.changes.PublicText;
import news.ticker.timeline.contentkey.KeyRing;
import news.ticker.timeline.contentkey.MissingContentKeyException;

/**
 * The public rendering of a story event: a pure function of the event and its content key. The
 * projection stores its result in the change log and applies it to the views; {@code /changes}, SSE
 * and {@code ?asOf=} all read that one rendering, so every path shows readers the same thing.
 *
 * <p>The {@code data} of each type (texts are strings, or {@code {"redacted": true}}):
 *
 * <ul>
 *   <li>{@code story-opened}: title, slug, section, language, summary, tags, canonicalUrl,
 *       coverageStartTime, status {@code live}
 *   <li>{@code story-changed}: title, section, summary, tags, canonicalUrl
 *   <li>{@code story-closed}: coverageEndTime, status {@code closed}
 *   <li>{@code update-posted}: the public update: id, headline, body, authors, keyEvent, pinned,
 *       publishedAt
 *   <li>{@code update-edited}: id, headline, body, authors
 *   <li>{@code update-corrected}: id, headline, body, authors, note
 *   <li>{@code update-retracted}: id
 *   <li>{@code update-redacted}: id, redacted {@code {"reason", "at"}} (the public note; the texts
 *       went with the destroyed key)
 *   <li>{@code update-pinned}, {@code update-unpinned}: id, pinned
 *   <li>{@code key-event-marked}, {@code key-event-unmarked}: id, keyEvent
 *   <li>{@code related-article-linked}: articleId, headline, url, standfirst; {@code -unlinked}:
 *       articleId
 *   <li>{@code analysis-attached}: analysisId, title, standfirst, readingTimeMinutes, link,
 *       anchorUpdateId (title and standfirst {@code {"redacted": true}} once the analysis was
 *       redacted); {@code analysis-detached}: analysisId; {@code analysis-attachment-redacted}:
 *       analysisId, redacted {@code {"reason", "at"}}
 * </ul>
 *
 * Retraction reasons and actors are newsroom-internal and never rendered.
 */
public final class ChangeRenderer {

  private ChangeRenderer() {}

  /**
   * Renders one story event.
   *
   * @throws MissingContentKeyException when a text is sealed under a key the ring does not know
   * @throws EventDecodingException when the event cannot be rendered (not a story event, texts
   *     under several keys, or a key that does not open its text): a poison event
   */
  public static Change render(EventEnvelope envelope, KeyRing keys) {
    if (!(envelope.data() instanceof StoryEvent event)) {
      throw new EventDecodingException(
          EventDecodingException.Reason.UNKNOWN_TYPE,
          envelope.type().name() + " is not a story event");
    }
    String type = envelope.type().name();
    Texts texts = new Texts(keys);
    ObjectNode data = Json.object();
    UUID updateId = null;
    if (event instanceof StoryOpened e) {
      data.put("title", e.title());
      data.put("slug", e.slug());
      data.put("section", e.section());
      data.put("language", e.language());
      data.put("summary", e.summary());
      data.set("tags", strings(e.tags()));
      data.put("canonicalUrl", e.canonicalUrl());
      data.put("coverageStartTime", instant(e.coverageStartTime()));
      data.put("status", "live");
    } else if (event instanceof StoryChanged e) {
      data.put("title", e.title());
      data.put("section", e.section());
      data.put("summary", e.summary());
      data.set("tags", strings(e.tags()));
      data.put("canonicalUrl", e.canonicalUrl());
    } else if (event instanceof StoryClosed e) {
      data.put("coverageEndTime", instant(e.coverageEndTime()));
      data.put("status", "closed");
    } else if (event instanceof UpdatePosted e) {
      updateId = e.updateId();
      data.put("id", e.updateId().toString());
      data.set("headline", texts.plain(e.headline()));
      data.set("body", texts.html(e.body()));
      data.set("authors", strings(e.authors()));
      data.put("keyEvent", e.keyEvent());
      data.put("pinned", e.pinned());
      data.put("publishedAt", instant(e.publishedAt()));
    } else if (event instanceof UpdateEdited e) {
      updateId = e.updateId();
      data.put("id", e.updateId().toString());
      data.set("headline", texts.plain(e.headline()));
      data.set("body", texts.html(e.body()));
      data.set("authors", strings(e.authors()));
    } else if (event instanceof UpdateCorrected e) {
      updateId = e.updateId();
      data.put("id", e.updateId().toString());
      data.set("headline", texts.plain(e.headline()));
      data.set("body", texts.html(e.body()));
      data.set("authors", strings(e.authors()));
      data.set("note", texts.plain(e.note()));
    } else if (event instanceof UpdateRetracted e) {
      updateId = e.updateId();
      data.put("id", e.updateId().toString());
    } else if (event instanceof UpdateRedacted e) {
      updateId = e.updateId();
      data.put("id", e.updateId().toString());
      data.set("redacted", redaction(e.reason(), envelope.time()));
    } else if (event instanceof UpdatePinned e) {
      updateId = e.updateId();
      data.put("id", e.updateId().toString());
      data.put("pinned", true);
    } else if (event instanceof UpdateUnpinned e) {
      updateId = e.updateId();
      data.put("id", e.updateId().toString());
      data.put("pinned", false);
    } else if (event instanceof KeyEventMarked e) {
      updateId = e.updateId();
      data.put("id", e.updateId().toString());
      data.put("keyEvent", true);
    } else if (event instanceof KeyEventUnmarked e) {
      updateId = e.updateId();
      data.put("id", e.updateId().toString());
      data.put("keyEvent", false);
    } else if (event instanceof RelatedArticleLinked e) {
      data.put("articleId", e.articleId().toString());
      data.put("headline", e.headline());
      data.put("url", e.url());
      data.put("standfirst", e.standfirst());
    } else if (event instanceof RelatedArticleUnlinked e) {
      data.put("articleId", e.articleId().toString());
    } else if (event instanceof AnalysisAttached e) {
      data.put("analysisId", e.analysisId().toString());
      data.put("title", e.title());
      data.put("standfirst", e.standfirst());
      data.put("readingTimeMinutes", e.readingTimeMinutes());
      data.put("link", e.link());
      data.put("anchorUpdateId", e.anchorUpdateId() == null ? null : e.anchorUpdateId().toString());
      updateId = e.anchorUpdateId();
    } else if (event instanceof AnalysisDetached e) {
      data.put("analysisId", e.analysisId().toString());
    } else if (event instanceof AnalysisAttachmentRedacted e) {
      data.put("analysisId", e.analysisId().toString());
      data.set("redacted", redaction(e.reason(), envelope.time()));
    } else {
      throw new EventDecodingException(
          EventDecodingException.Reason.UNKNOWN_TYPE, "no rendering for " + type);
    }
    return new Change(
        event.storyId(),
        envelope.streamVersion(),
        type,
        updateId,
        micros(envelope.time()),
        data,
        texts.keyId);
  }

  /**
   * The content key an event's texts are sealed under, or null; lets the projection wait for it
   * before rendering.
   */
  public static String contentKeyOf(StoryEvent event) {
    List<SealedText> sealed = List.of();
    if (event instanceof UpdatePosted e) {
      sealed = nonNull(e.headline(), e.body());
    } else if (event instanceof UpdateEdited e) {
      sealed = nonNull(e.headline(), e.body());
    } else if (event instanceof UpdateCorrected e) {
      sealed = nonNull(e.headline(), e.body(), e.note());
    }
    return sealed.isEmpty() ? null : sealed.get(0).keyId();
  }

  private static List<SealedText> nonNull(SealedText... texts) {
    return java.util.Arrays.stream(texts).filter(java.util.Objects::nonNull).toList();
  }

  /** The public note of a redaction: {@code {"reason": ..., "at": ...}}. */
  public static ObjectNode redaction(String reason, Instant at) {
    ObjectNode note = Json.object();
    note.put("reason", reason);
    note.put("at", instant(at));
    return note;
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    if (values != null) {
      values.forEach(array::add);
    }
    return array;
  }

  /** Instants at the database's precision, so stored and rendered times compare equal. */
  private static String instant(Instant instant) {
    return instant == null ? null : micros(instant).toString();
  }

  static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  /** Opens the sealed texts of one event, which must all share one key. */
  private static final class Texts {
    private final KeyRing keys;
    private String keyId;

    Texts(KeyRing keys) {
      this.keys = keys;
    }

    JsonNode plain(SealedText sealed) {
      Opened opened = open(sealed);
      return PublicText.of(opened.text(), opened.redacted());
    }

    JsonNode html(SealedText sealed) {
      Opened opened = open(sealed);
      return PublicText.of(
          opened.redacted() ? null : HtmlSanitizer.sanitize(opened.text()), opened.redacted());
    }

    /** A text as opened: its plaintext, or redacted because its key was destroyed. */
    private record Opened(String text, boolean redacted) {}

    private Opened open(SealedText sealed) {
      if (sealed == null) {
        return new Opened(null, false);
      }
      if (keyId == null) {
        keyId = sealed.keyId();
      } else if (!keyId.equals(sealed.keyId())) {
        throw new EventDecodingException(
            EventDecodingException.Reason.MALFORMED_DATA,
            "texts of one event are sealed under different keys: " + keyId + ", " + sealed.keyId());
      }
      KeyRing.Lookup lookup = keys.lookup(sealed.keyId());
      if (lookup instanceof KeyRing.Available available) {
        try {
          return new Opened(ContentCipher.open(sealed, available.key()), false);
        } catch (IllegalArgumentException e) {
          throw new EventDecodingException(
              EventDecodingException.Reason.MALFORMED_DATA,
              "content key " + sealed.keyId() + " does not open the text",
              e);
        }
      }
      if (lookup instanceof KeyRing.Destroyed) {
        return new Opened(null, true);
      }
      throw new MissingContentKeyException(sealed.keyId());
    }
  }
}
