package news.ticker.timeline.changes;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import news.ticker.timeline.Json;

/**
 * The public {@code data} of a change, one record per change type. {@link Json#MAPPER} writes each
 * record exactly as {@code /changes} and SSE show it (the golden files of {@code ChangeGoldenTest}
 * pin that JSON). Components are written in declaration order, nulls included; texts that a
 * redaction can remove are {@link Text}s.
 */
public sealed interface PublicChange {

  /** The bare event name, e.g. {@code update-posted}. */
  @JsonIgnore
  String type();

  /** The update the change is about, or null. */
  @JsonIgnore
  default UUID updateId() {
    return null;
  }

  /** The JSON of this data, as stored in the change log. */
  default ObjectNode toJson() {
    return Json.MAPPER.valueToTree(this);
  }

  /**
   * A text that a redaction can remove: the text (or null when absent), or {@code {"redacted":
   * true}} once its key was destroyed. See {@link PublicText}.
   */
  record Text(String text, boolean redacted) {

    public static final Text ABSENT = new Text(null, false);
    public static final Text REDACTED = new Text(null, true);

    public Text {
      if (redacted) {
        text = null;
      }
    }

    public static Text of(String text) {
      return new Text(text, false);
    }

    /** A text as the change log stores it: a string, null, or {@code {"redacted": true}}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Text of(JsonNode stored) {
      if (PublicText.isRedacted(stored)) {
        return REDACTED;
      }
      return stored == null || !stored.isTextual() ? ABSENT : of(stored.asText());
    }

    /** Null (as a stored JSON null reads) means absent. */
    static Text orAbsent(Text text) {
      return text == null ? ABSENT : text;
    }

    @JsonValue
    public JsonNode json() {
      return PublicText.of(text, redacted);
    }
  }

  /** The public note of a redaction; the reason and actors of retractions are never shown. */
  record RedactionNote(String reason, Instant at) {}

  /** A story began: its header, and status {@code live}. */
  record StoryOpened(
      String title,
      String slug,
      String section,
      String language,
      String summary,
      List<String> tags,
      String canonicalUrl,
      Instant coverageStartTime)
      implements PublicChange {

    public StoryOpened {
      tags = tags == null ? List.of() : List.copyOf(tags);
    }

    @JsonProperty("status")
    public String status() {
      return "live";
    }

    @Override
    public String type() {
      return "story-opened";
    }
  }

  /** The header's editable fields changed. */
  record StoryChanged(
      String title, String section, String summary, List<String> tags, String canonicalUrl)
      implements PublicChange {

    public StoryChanged {
      tags = tags == null ? List.of() : List.copyOf(tags);
    }

    @Override
    public String type() {
      return "story-changed";
    }
  }

  /** Coverage ended: status {@code closed}. */
  record StoryClosed(Instant coverageEndTime) implements PublicChange {

    @JsonProperty("status")
    public String status() {
      return "closed";
    }

    @Override
    public String type() {
      return "story-closed";
    }
  }

  /** A new update: the full public update. */
  record UpdatePosted(
      UUID id,
      Text headline,
      Text body,
      List<String> authors,
      boolean keyEvent,
      boolean pinned,
      Instant publishedAt)
      implements PublicChange {

    public UpdatePosted {
      Objects.requireNonNull(id, "id");
      authors = authors == null ? List.of() : List.copyOf(authors);
      headline = Text.orAbsent(headline);
      body = Text.orAbsent(body);
    }

    @Override
    public String type() {
      return "update-posted";
    }

    @Override
    public UUID updateId() {
      return id;
    }
  }

  /** An update's texts and authors changed. */
  record UpdateEdited(UUID id, Text headline, Text body, List<String> authors)
      implements PublicChange {

    public UpdateEdited {
      Objects.requireNonNull(id, "id");
      authors = authors == null ? List.of() : List.copyOf(authors);
      headline = Text.orAbsent(headline);
      body = Text.orAbsent(body);
    }

    @Override
    public String type() {
      return "update-edited";
    }

    @Override
    public UUID updateId() {
      return id;
    }
  }

  /** An update was corrected, with a public note. */
  record UpdateCorrected(UUID id, Text headline, Text body, List<String> authors, Text note)
      implements PublicChange {

    public UpdateCorrected {
      Objects.requireNonNull(id, "id");
      authors = authors == null ? List.of() : List.copyOf(authors);
      headline = Text.orAbsent(headline);
      body = Text.orAbsent(body);
      note = Text.orAbsent(note);
    }

    @Override
    public String type() {
      return "update-corrected";
    }

    @Override
    public UUID updateId() {
      return id;
    }
  }

  /** An update was withdrawn. */
  record UpdateRetracted(UUID id) implements PublicChange {

    public UpdateRetracted {
      Objects.requireNonNull(id, "id");
    }

    @Override
    public String type() {
      return "update-retracted";
    }

    @Override
    public UUID updateId() {
      return id;
    }
  }

  /** An update's texts were destroyed; it stays as a tombstone with the public note. */
  record UpdateRedacted(UUID id, RedactionNote redacted) implements PublicChange {

    public UpdateRedacted {
      Objects.requireNonNull(id, "id");
    }

    @Override
    public String type() {
      return "update-redacted";
    }

    @Override
    public UUID updateId() {
      return id;
    }
  }

  /** An update was pinned to the top. */
  record UpdatePinned(UUID id) implements PublicChange {

    public UpdatePinned {
      Objects.requireNonNull(id, "id");
    }

    @JsonProperty("pinned")
    public boolean pinned() {
      return true;
    }

    @Override
    public String type() {
      return "update-pinned";
    }

    @Override
    public UUID updateId() {
      return id;
    }
  }

  /** An update is no longer pinned. */
  record UpdateUnpinned(UUID id) implements PublicChange {

    public UpdateUnpinned {
      Objects.requireNonNull(id, "id");
    }

    @JsonProperty("pinned")
    public boolean pinned() {
      return false;
    }

    @Override
    public String type() {
      return "update-unpinned";
    }

    @Override
    public UUID updateId() {
      return id;
    }
  }

  /** An update became a key event. */
  record KeyEventMarked(UUID id) implements PublicChange {

    public KeyEventMarked {
      Objects.requireNonNull(id, "id");
    }

    @JsonProperty("keyEvent")
    public boolean keyEvent() {
      return true;
    }

    @Override
    public String type() {
      return "key-event-marked";
    }

    @Override
    public UUID updateId() {
      return id;
    }
  }

  /** An update is no longer a key event. */
  record KeyEventUnmarked(UUID id) implements PublicChange {

    public KeyEventUnmarked {
      Objects.requireNonNull(id, "id");
    }

    @JsonProperty("keyEvent")
    public boolean keyEvent() {
      return false;
    }

    @Override
    public String type() {
      return "key-event-unmarked";
    }

    @Override
    public UUID updateId() {
      return id;
    }
  }

  /** An article is shown with the story. */
  record RelatedArticleLinked(UUID articleId, String headline, String url, String standfirst)
      implements PublicChange {

    public RelatedArticleLinked {
      Objects.requireNonNull(articleId, "articleId");
    }

    @Override
    public String type() {
      return "related-article-linked";
    }
  }

  /** An article is no longer shown with the story. */
  record RelatedArticleUnlinked(UUID articleId) implements PublicChange {

    public RelatedArticleUnlinked {
      Objects.requireNonNull(articleId, "articleId");
    }

    @Override
    public String type() {
      return "related-article-unlinked";
    }
  }

  /**
   * An analysis is shown with the story, next to an update or on its own; its title and standfirst
   * are redacted once the analysis was.
   */
  record AnalysisAttached(
      UUID analysisId,
      Text title,
      Text standfirst,
      int readingTimeMinutes,
      String link,
      UUID anchorUpdateId)
      implements PublicChange {

    public AnalysisAttached {
      Objects.requireNonNull(analysisId, "analysisId");
      title = title == null ? Text.ABSENT : title;
      standfirst = standfirst == null ? Text.ABSENT : standfirst;
    }

    /** The same attachment with its texts removed (absent texts stay absent). */
    public AnalysisAttached blanked() {
      return new AnalysisAttached(
          analysisId,
          title.text() == null ? title : Text.REDACTED,
          standfirst.text() == null ? standfirst : Text.REDACTED,
          readingTimeMinutes,
          link,
          anchorUpdateId);
    }

    @Override
    public String type() {
      return "analysis-attached";
    }

    @Override
    public UUID updateId() {
      return anchorUpdateId;
    }
  }

  /** An analysis is no longer shown with the story. */
  record AnalysisDetached(UUID analysisId) implements PublicChange {

    public AnalysisDetached {
      Objects.requireNonNull(analysisId, "analysisId");
    }

    @Override
    public String type() {
      return "analysis-detached";
    }
  }

  /** An attached analysis was redacted: its texts are gone, the public note stays. */
  record AnalysisAttachmentRedacted(UUID analysisId, RedactionNote redacted)
      implements PublicChange {

    public AnalysisAttachmentRedacted {
      Objects.requireNonNull(analysisId, "analysisId");
    }

    @Override
    public String type() {
      return "analysis-attachment-redacted";
    }
  }
}
