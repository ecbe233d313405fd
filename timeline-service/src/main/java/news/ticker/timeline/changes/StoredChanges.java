package news.ticker.timeline.changes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import news.ticker.timeline.Json;

/**
 * Reads a change back from the change log into its typed record, so that {@code ?asOf=} folds the
 * log with the projection's own fold. The stored type name picks the record (the only place that
 * maps names to types); Jackson fills it from the stored JSON, which {@link PublicChange#toJson}
 * wrote. A derived field such as {@code status} or {@code pinned} is not a component and is
 * ignored.
 */
public final class StoredChanges {

  /** Every change type by its name; {@code StoredChangesTest} holds it to the sealed interface. */
  static final Map<String, Class<? extends PublicChange>> TYPES =
      Map.ofEntries(
          Map.entry("story-opened", PublicChange.StoryOpened.class),
          Map.entry("story-changed", PublicChange.StoryChanged.class),
          Map.entry("story-closed", PublicChange.StoryClosed.class),
          Map.entry("update-posted", PublicChange.UpdatePosted.class),
          Map.entry("update-edited", PublicChange.UpdateEdited.class),
          Map.entry("update-corrected", PublicChange.UpdateCorrected.class),
          Map.entry("update-retracted", PublicChange.UpdateRetracted.class),
          Map.entry("update-redacted", PublicChange.UpdateRedacted.class),
          Map.entry("update-pinned", PublicChange.UpdatePinned.class),
          Map.entry("update-unpinned", PublicChange.UpdateUnpinned.class),
          Map.entry("key-event-marked", PublicChange.KeyEventMarked.class),
          Map.entry("key-event-unmarked", PublicChange.KeyEventUnmarked.class),
          Map.entry("related-article-linked", PublicChange.RelatedArticleLinked.class),
          Map.entry("related-article-unlinked", PublicChange.RelatedArticleUnlinked.class),
          Map.entry("analysis-attached", PublicChange.AnalysisAttached.class),
          Map.entry("analysis-detached", PublicChange.AnalysisDetached.class),
          Map.entry("analysis-attachment-redacted", PublicChange.AnalysisAttachmentRedacted.class));

  /** Every change type's name by its record: {@link #TYPES} the other way round. */
  private static final Map<Class<? extends PublicChange>, String> NAMES =
      TYPES.entrySet().stream()
          .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

  private StoredChanges() {}

  /**
   * The name of a change type (the {@code type} of a change), as {@link #TYPES} maps it.
   *
   * @throws IllegalStateException for a record {@link #TYPES} does not name (a bug: {@code
   *     StoredChangesTest} holds it to the sealed interface)
   */
  public static String name(Class<? extends PublicChange> record) {
    String name = NAMES.get(record);
    if (name == null) {
      throw new IllegalStateException("StoredChanges.TYPES has no type name for " + record);
    }
    return name;
  }

  /** Every change type's record by its name (the {@code type} of a change). */
  public static Map<String, Class<? extends PublicChange>> types() {
    return TYPES;
  }

  /**
   * The typed body of a stored change; empty for a type this build does not know (a newer
   * producer's), which moves only the story's version.
   *
   * @throws IllegalStateException when the stored JSON does not fit its type (a bug, not input)
   */
  public static Optional<PublicChange> body(String type, ObjectNode data) {
    Class<? extends PublicChange> record = TYPES.get(type);
    if (record == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          Json.MAPPER
              .readerFor(record)
              .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .treeToValue(data, record));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalStateException("stored " + type + " does not read back: " + e, e);
    }
  }

  /** A change-log entry as the typed change it stores, or empty for an unknown type. */
  public static Optional<Change> change(UUID storyId, ChangeLog.Entry entry) {
    ObjectNode data = entry.data();
    return body(entry.type(), data)
        .map(body -> new Change(storyId, entry.version(), entry.recordedAt(), body, null, data));
  }
}
