package news.ticker.ingest.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import news.ticker.events.Ids;
import news.ticker.ingest.contentkey.UpdateKey;
import news.ticker.ingest.importing.ImportReport.RejectedLine;
import news.ticker.ingest.story.StoryCommand.ImportedUpdate;
import news.ticker.ingest.update.CheckedUpdate;
import news.ticker.ingest.write.RequestChecks;
import news.ticker.platform.problem.FieldError;
import news.ticker.platform.problem.ProblemException;

/**
 * Reads an NDJSON import: each line is checked like a posted update (plus a required {@code
 * sourceId} and original {@code publishedAt}); a bad line is rejected with its number and reason
 * and does not stop the others.
 */
final class ImportParser {

  static final int MAX_SOURCE_ID = 200;

  private final ObjectMapper mapper;
  private final int maxLines;
  private final int maxBodyBytes;

  ImportParser(ObjectMapper mapper, int maxLines, int maxBodyBytes) {
    this.mapper = mapper;
    this.maxLines = maxLines;
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * @throws ProblemException 413 when the import holds more lines than allowed
   */
  ParsedImport parse(UUID storyId, String ndjson, Instant now) {
    String[] lines = ndjson == null ? new String[0] : ndjson.split("\n", -1);
    long nonBlank = Arrays.stream(lines).filter(l -> !l.isBlank()).count();
    if (nonBlank > maxLines) {
      throw ProblemException.tooLarge(
          "an import holds at most " + maxLines + " lines; split it",
          new FieldError("lines", "at most " + maxLines));
    }
    List<ImportedUpdate> updates = new ArrayList<>();
    List<UpdateKey> keys = new ArrayList<>();
    List<RejectedLine> rejected = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      int number = i + 1;
      try {
        ImportLine parsed = mapper.readValue(line, ImportLine.class);
        if (parsed == null) {
          rejected.add(new RejectedLine(number, "not a JSON object"));
          continue;
        }
        ImportedUpdate update = check(storyId, parsed, now, keys);
        updates.add(update);
      } catch (JsonProcessingException e) {
        rejected.add(new RejectedLine(number, reason(e)));
      } catch (ProblemException e) {
        rejected.add(new RejectedLine(number, reason(e)));
      }
    }
    return new ParsedImport(updates, keys, rejected);
  }

  private ImportedUpdate check(UUID storyId, ImportLine line, Instant now, List<UpdateKey> keys) {
    RequestChecks checks = new RequestChecks();
    String sourceId = checks.requiredText("sourceId", line.sourceId(), MAX_SOURCE_ID);
    CheckedUpdate update = CheckedUpdate.check(checks, line, maxBodyBytes);
    if (line.publishedAt() == null) {
      checks.reject("publishedAt", "is required: an import keeps the original time");
    }
    checks.throwIfInvalid();
    UUID updateId = Ids.importedUpdateId(storyId, sourceId);
    UpdateKey key = UpdateKey.create(storyId, updateId, now);
    keys.add(key);
    return new ImportedUpdate(updateId, sourceId, update.sealedWith(key));
  }

  private static String reason(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      return "unknown field " + unknown.getPropertyName();
    }
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field =
          mapping.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
      return field + ": wrong type";
    }
    return "malformed JSON: " + e.getOriginalMessage();
  }

  private static String reason(ProblemException e) {
    Map<String, String> byField = new LinkedHashMap<>();
    e.toProblem(null).errors().forEach(error -> byField.put(error.field(), error.message()));
    if (byField.isEmpty()) {
      return e.getMessage();
    }
    return byField.entrySet().stream()
        .map(entry -> entry.getKey() + ": " + entry.getValue())
        .collect(Collectors.joining("; "));
  }
}
