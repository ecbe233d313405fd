package news.ticker.timeline.projection;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
import news.ticker.timeline.changes.Change;
import news.ticker.timeline.changes.PublicChange;
import news.ticker.timeline.changes.PublicChange.Text;
import news.ticker.timeline.contentkey.KeyRing;
import news.ticker.timeline.contentkey.MissingContentKeyException;

/**
 * The public rendering of a story event: a pure function of the event and its content key, typed as
 * a {@link PublicChange} record and written as the change's JSON data. The projection stores its
 * result in the change log and applies it to the views; {@code /changes}, SSE and {@code ?asOf=}
 * all read that one rendering, so every path shows readers the same thing.
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
    Texts texts = new Texts(keys);
    PublicChange data = publicChange(event, envelope.time(), texts);
    return Change.of(
        event.storyId(), envelope.streamVersion(), micros(envelope.time()), data, texts.keyId);
  }

  /** The typed public data of one story event, its texts opened with {@code texts}. */
  private static PublicChange publicChange(StoryEvent event, Instant recordedAt, Texts texts) {
    if (event instanceof StoryOpened e) {
      return new PublicChange.StoryOpened(
          e.title(),
          e.slug(),
          e.section(),
          e.language(),
          e.summary(),
          e.tags(),
          e.canonicalUrl(),
          micros(e.coverageStartTime()));
    } else if (event instanceof StoryChanged e) {
      return new PublicChange.StoryChanged(
          e.title(), e.section(), e.summary(), e.tags(), e.canonicalUrl());
    } else if (event instanceof StoryClosed e) {
      return new PublicChange.StoryClosed(micros(e.coverageEndTime()));
    } else if (event instanceof UpdatePosted e) {
      return new PublicChange.UpdatePosted(
          e.updateId(),
          texts.plain(e.headline()),
          texts.html(e.body()),
          e.authors(),
          e.keyEvent(),
          e.pinned(),
          micros(e.publishedAt()));
    } else if (event instanceof UpdateEdited e) {
      return new PublicChange.UpdateEdited(
          e.updateId(), texts.plain(e.headline()), texts.html(e.body()), e.authors());
    } else if (event instanceof UpdateCorrected e) {
      return new PublicChange.UpdateCorrected(
          e.updateId(),
          texts.plain(e.headline()),
          texts.html(e.body()),
          e.authors(),
          texts.plain(e.note()));
    } else if (event instanceof UpdateRetracted e) {
      return new PublicChange.UpdateRetracted(e.updateId());
    } else if (event instanceof UpdateRedacted e) {
      return new PublicChange.UpdateRedacted(e.updateId(), note(e.reason(), recordedAt));
    } else if (event instanceof UpdatePinned e) {
      return new PublicChange.UpdatePinned(e.updateId());
    } else if (event instanceof UpdateUnpinned e) {
      return new PublicChange.UpdateUnpinned(e.updateId());
    } else if (event instanceof KeyEventMarked e) {
      return new PublicChange.KeyEventMarked(e.updateId());
    } else if (event instanceof KeyEventUnmarked e) {
      return new PublicChange.KeyEventUnmarked(e.updateId());
    } else if (event instanceof RelatedArticleLinked e) {
      return new PublicChange.RelatedArticleLinked(
          e.articleId(), e.headline(), e.url(), e.standfirst());
    } else if (event instanceof RelatedArticleUnlinked e) {
      return new PublicChange.RelatedArticleUnlinked(e.articleId());
    } else if (event instanceof AnalysisAttached e) {
      return new PublicChange.AnalysisAttached(
          e.analysisId(),
          Text.of(e.title()),
          Text.of(e.standfirst()),
          e.readingTimeMinutes(),
          e.link(),
          e.anchorUpdateId());
    } else if (event instanceof AnalysisDetached e) {
      return new PublicChange.AnalysisDetached(e.analysisId());
    } else if (event instanceof AnalysisAttachmentRedacted e) {
      return new PublicChange.AnalysisAttachmentRedacted(
          e.analysisId(), note(e.reason(), recordedAt));
    }
    throw new EventDecodingException(
        EventDecodingException.Reason.UNKNOWN_TYPE,
        "no rendering for " + event.getClass().getSimpleName());
  }

  private static PublicChange.RedactionNote note(String reason, Instant at) {
    return new PublicChange.RedactionNote(reason, micros(at));
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

  /** Instants at the database's precision, so stored and rendered times compare equal. */
  static Instant micros(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }

  /** Opens the sealed texts of one event, which must all share one key. */
  private static final class Texts {
    private final KeyRing keys;
    private String keyId;

    Texts(KeyRing keys) {
      this.keys = keys;
    }

    Text plain(SealedText sealed) {
      Opened opened = open(sealed);
      return new Text(opened.text(), opened.redacted());
    }

    Text html(SealedText sealed) {
      Opened opened = open(sealed);
      return new Text(
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
