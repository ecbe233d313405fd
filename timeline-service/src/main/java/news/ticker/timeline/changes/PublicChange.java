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
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The public {@code data} of a change, one record per change type. {@link Json#MAPPER} writes each
 * record exactly as {@code /changes} and SSE show it (the golden files of {@code ChangeGoldenTest}
 * pin that JSON). Components are written in declaration order, nulls included; texts that a
 * redaction can remove are {@link Text}s.
 *
 * <p>OpenAPI: each record is the schema of its type's {@code data}, named after the record; the
 * timeline's {@code api.OpenApiContract} turns this {@code oneOf} into the {@code Change} union,
 * discriminated by the {@code type} of each item. Every record is listed here (a build fails
 * otherwise); a component that can be null says so.
 */
@Schema(
    name = "ChangeData",
    description = "The data of a change, one schema per change type",
    oneOf = {
      PublicChange.StoryOpened.class,
      PublicChange.StoryChanged.class,
      PublicChange.StoryClosed.class,
      PublicChange.UpdatePosted.class,
      PublicChange.UpdateEdited.class,
      PublicChange.UpdateCorrected.class,
      PublicChange.UpdateRetracted.class,
      PublicChange.UpdateRedacted.class,
      PublicChange.UpdatePinned.class,
      PublicChange.UpdateUnpinned.class,
      PublicChange.KeyEventMarked.class,
      PublicChange.KeyEventUnmarked.class,
      PublicChange.RelatedArticleLinked.class,
      PublicChange.RelatedArticleUnlinked.class,
      PublicChange.AnalysisAttached.class,
      PublicChange.AnalysisDetached.class,
      PublicChange.AnalysisAttachmentRedacted.class
    })
public sealed interface PublicChange {

  /**
   * The bare event name, e.g. {@code update-posted}: this record's name in {@link StoredChanges}.
   */
  @JsonIgnore
  default String type() {
    return StoredChanges.name(getClass());
  }

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
   * true}} once its key was destroyed. See {@link PublicText}. Its schema ({@code PublicText}: one
   * of a string, null or {@code {"redacted": true}}) is written by {@code api.OpenApiContract}.
   */
  @Schema(name = Text.SCHEMA)
  record Text(String text, boolean redacted) {

    /** The name of its OpenAPI schema. */
    public static final String SCHEMA = "PublicText";

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
  @Schema(description = "The public note of a redaction: why, and when")
  record RedactionNote(@Schema(nullable = true) String reason, Instant at) {}

  /** A story began: its header, and status {@code live}. */
  @Schema(description = "story-opened: a story began, status live")
  record StoryOpened(
      String title,
      String slug,
      @Schema(nullable = true) String section,
      @Schema(nullable = true, description = "BCP 47 language tag") String language,
      @Schema(nullable = true) String summary,
      List<String> tags,
      @Schema(nullable = true) String canonicalUrl,
      Instant coverageStartTime)
      implements PublicChange {

    public StoryOpened {
      tags = tags == null ? List.of() : List.copyOf(tags);
    }

    @JsonProperty("status")
    @Schema(constValue = "live")
    public String status() {
      return "live";
    }
  }

  /** The header's editable fields changed. */
  @Schema(description = "story-changed: the header's editable fields, as they are now")
  record StoryChanged(
      String title,
      @Schema(nullable = true) String section,
      @Schema(nullable = true) String summary,
      List<String> tags,
      @Schema(nullable = true) String canonicalUrl)
      implements PublicChange {

    public StoryChanged {
      tags = tags == null ? List.of() : List.copyOf(tags);
    }
  }

  /** Coverage ended: status {@code closed}. */
  @Schema(description = "story-closed: coverage ended, status closed")
  record StoryClosed(Instant coverageEndTime) implements PublicChange {

    @JsonProperty("status")
    @Schema(constValue = "closed")
    public String status() {
      return "closed";
    }
  }

  /** A new update: the full public update. */
  @Schema(description = "update-posted: a new update, in full")
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
    public UUID updateId() {
      return id;
    }
  }

  /** An update's texts and authors changed. */
  @Schema(description = "update-edited: an update's texts and authors, as they are now")
  record UpdateEdited(UUID id, Text headline, Text body, List<String> authors)
      implements PublicChange {

    public UpdateEdited {
      Objects.requireNonNull(id, "id");
      authors = authors == null ? List.of() : List.copyOf(authors);
      headline = Text.orAbsent(headline);
      body = Text.orAbsent(body);
    }

    @Override
    public UUID updateId() {
      return id;
    }
  }

  /** An update was corrected, with a public note. */
  @Schema(description = "update-corrected: an update's texts and authors, with the public note")
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
    public UUID updateId() {
      return id;
    }
  }

  /** An update was withdrawn. */
  @Schema(description = "update-retracted: the update is withdrawn; remove it from the page")
  record UpdateRetracted(UUID id) implements PublicChange {

    public UpdateRetracted {
      Objects.requireNonNull(id, "id");
    }

    @Override
    public UUID updateId() {
      return id;
    }
  }

  /** An update's texts were destroyed; it stays as a tombstone with the public note. */
  @Schema(
      description =
          "update-redacted: the update's texts are gone for good; show the public note in their"
              + " place")
  record UpdateRedacted(UUID id, RedactionNote redacted) implements PublicChange {

    public UpdateRedacted {
      Objects.requireNonNull(id, "id");
    }

    @Override
    public UUID updateId() {
      return id;
    }
  }

  /** An update was pinned to the top. */
  @Schema(description = "update-pinned: the update is pinned to the top")
  record UpdatePinned(UUID id) implements PublicChange {

    public UpdatePinned {
      Objects.requireNonNull(id, "id");
    }

    @JsonProperty("pinned")
    @Schema(constValue = "true")
    public boolean pinned() {
      return true;
    }

    @Override
    public UUID updateId() {
      return id;
    }
  }

  /** An update is no longer pinned. */
  @Schema(description = "update-unpinned: the update is no longer pinned")
  record UpdateUnpinned(UUID id) implements PublicChange {

    public UpdateUnpinned {
      Objects.requireNonNull(id, "id");
    }

    @JsonProperty("pinned")
    @Schema(constValue = "false")
    public boolean pinned() {
      return false;
    }

    @Override
    public UUID updateId() {
      return id;
    }
  }

  /** An update became a key event. */
  @Schema(description = "key-event-marked: the update is a key event")
  record KeyEventMarked(UUID id) implements PublicChange {

    public KeyEventMarked {
      Objects.requireNonNull(id, "id");
    }

    @JsonProperty("keyEvent")
    @Schema(constValue = "true")
    public boolean keyEvent() {
      return true;
    }

    @Override
    public UUID updateId() {
      return id;
    }
  }

  /** An update is no longer a key event. */
  @Schema(description = "key-event-unmarked: the update is no longer a key event")
  record KeyEventUnmarked(UUID id) implements PublicChange {

    public KeyEventUnmarked {
      Objects.requireNonNull(id, "id");
    }

    @JsonProperty("keyEvent")
    @Schema(constValue = "false")
    public boolean keyEvent() {
      return false;
    }

    @Override
    public UUID updateId() {
      return id;
    }
  }

  /** An article is shown with the story. */
  @Schema(description = "related-article-linked: a \"READ: …\" link is shown with the story")
  record RelatedArticleLinked(
      UUID articleId,
      String headline,
      @Schema(nullable = true) String url,
      @Schema(nullable = true) String standfirst)
      implements PublicChange {

    public RelatedArticleLinked {
      Objects.requireNonNull(articleId, "articleId");
    }
  }

  /** An article is no longer shown with the story. */
  @Schema(description = "related-article-unlinked: the link is no longer shown")
  record RelatedArticleUnlinked(UUID articleId) implements PublicChange {

    public RelatedArticleUnlinked {
      Objects.requireNonNull(articleId, "articleId");
    }
  }

  /**
   * An analysis is shown with the story, next to an update or on its own; its title and standfirst
   * are redacted once the analysis was.
   */
  @Schema(
      description =
          "analysis-attached: \"Read the full analysis\", next to the update anchorUpdateId or on"
              + " its own (null)")
  record AnalysisAttached(
      UUID analysisId,
      Text title,
      Text standfirst,
      int readingTimeMinutes,
      @Schema(nullable = true) String link,
      @Schema(nullable = true) UUID anchorUpdateId)
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
    public UUID updateId() {
      return anchorUpdateId;
    }
  }

  /** An analysis is no longer shown with the story. */
  @Schema(description = "analysis-detached: the analysis is no longer shown")
  record AnalysisDetached(UUID analysisId) implements PublicChange {

    public AnalysisDetached {
      Objects.requireNonNull(analysisId, "analysisId");
    }
  }

  /** An attached analysis was redacted: its texts are gone, the public note stays. */
  @Schema(
      description =
          "analysis-attachment-redacted: the attached analysis's texts are gone; the public note"
              + " stays")
  record AnalysisAttachmentRedacted(UUID analysisId, RedactionNote redacted)
      implements PublicChange {

    public AnalysisAttachmentRedacted {
      Objects.requireNonNull(analysisId, "analysisId");
    }
  }
}
