package news.ticker.timeline.api;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.UUID;
import news.ticker.platform.http.Params;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The request parts every read of one story's current or past state shares ({@code @BeanParam} of
 * the header, the feed and one update): the story of the path, {@code asOf} and {@code minVersion},
 * each with its contract, parsed with a 400 naming the parameter. {@code since} belongs to {@code
 * /changes} and the stream: it is read only to be refused, and is not in the contract.
 */
public class StoryReadRequest {

  @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid"))
  @PathParam("storyId")
  public String storyId;

  @Parameter(
      description = "The story as it stood at this moment (RFC 3339 with offset)",
      schema = @Schema(type = SchemaType.STRING, format = "date-time"))
  @QueryParam("asOf")
  public String asOf;

  @Parameter(
      description = "Wait (briefly) until the story reached this version",
      schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
  @QueryParam("minVersion")
  public String minVersion;

  @Parameter(hidden = true)
  @QueryParam("since")
  public String since;

  /**
   * Refuses the read positions that do not go together (see {@link ReadPositions}); {@code before}
   * is the feed's cursor, or null for reads without one.
   */
  void refuseCombinations(String before) {
    ReadPositions.notCombined(since, before, asOf);
  }

  UUID storyId() {
    return Params.uuid("storyId", storyId);
  }

  Instant asOf() {
    return Params.instant("asOf", asOf);
  }

  Long minVersion() {
    return Params.version("minVersion", minVersion);
  }
}
