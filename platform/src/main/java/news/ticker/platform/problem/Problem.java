package news.ticker.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail as sent with {@code application/problem+json}. {@code errors} names
 * the fields at fault.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** Problem types are documented under this base (docs/errors.md). */
  public static final String TYPE_BASE = "https://ticker.news/problems/";
}
