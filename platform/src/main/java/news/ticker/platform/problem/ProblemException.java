package news.ticker.platform.problem;

import java.util.List;
import java.util.Map;

/**
 * A client-facing failure with a definite status; mapped to {@code application/problem+json}. Throw
 * the factories below rather than building statuses by hand, so every service speaks the same error
 * language.
 */
public class ProblemException extends RuntimeException {

  private final int status;
  private final String slug;
  private final String title;
  private final List<FieldError> errors;
  private final Map<String, String> headers;

  public ProblemException(
      int status,
      String slug,
      String title,
      String detail,
      List<FieldError> errors,
      Map<String, String> headers) {
    super(detail);
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.errors = List.copyOf(errors);
    this.headers = Map.copyOf(headers);
  }

  public static ProblemException badRequest(String detail, FieldError... errors) {
    return new ProblemException(
        400, "bad-request", "The request is malformed", detail, List.of(errors), Map.of());
  }

  public static ProblemException invalidParameter(String parameter, String message) {
    return new ProblemException(
        400,
        "invalid-parameter",
        "A parameter is invalid",
        parameter + ": " + message,
        List.of(new FieldError(parameter, message)),
        Map.of());
  }

  public static ProblemException notFound(String what, Object id) {
    return new ProblemException(
        404, "not-found", "Not found", what + " " + id + " does not exist", List.of(), Map.of());
  }

  public static ProblemException conflict(String detail) {
    return new ProblemException(
        409, "conflict", "The current state forbids this", detail, List.of(), Map.of());
  }

  public static ProblemException inFlight(String detail, int retryAfterSeconds) {
    return new ProblemException(
        409,
        "request-in-flight",
        "The same request is still being processed",
        detail,
        List.of(),
        Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
  }

  public static ProblemException preconditionFailed(long currentVersion) {
    return new ProblemException(
        412,
        "stale-version",
        "The resource changed since you read it",
        "If-Match does not match the current version " + currentVersion,
        List.of(new FieldError("If-Match", "current version is " + currentVersion)),
        Map.of("ETag", "\"" + currentVersion + "\""));
  }

  public static ProblemException tooLarge(String field, long limitBytes) {
    return new ProblemException(
        413,
        "too-large",
        "The content is too large",
        field + " exceeds " + limitBytes + " bytes",
        List.of(new FieldError(field, "at most " + limitBytes + " bytes")),
        Map.of());
  }

  public static ProblemException unprocessable(String detail, List<FieldError> errors) {
    return new ProblemException(
        422, "invalid", "The request is not valid", detail, errors, Map.of());
  }

  public static ProblemException unprocessable(String field, String message) {
    return unprocessable(field + ": " + message, List.of(new FieldError(field, message)));
  }

  /**
   * 503 {@code not-yet}: what was asked for is not there yet (a read model behind the version the
   * client asked to wait for); asking again later will find it.
   */
  public static ProblemException notYet(String detail, int retryAfterSeconds) {
    return new ProblemException(
        503,
        "not-yet",
        "Not available yet",
        detail,
        List.of(),
        Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
  }

  /**
   * 503 {@code unavailable}: the service cannot use its database right now (unreachable, or the
   * connection broke); the one type for database trouble in every service.
   */
  public static ProblemException unavailable(String detail, int retryAfterSeconds) {
    return new ProblemException(
        503,
        "unavailable",
        "Service unavailable",
        detail,
        List.of(),
        Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
  }

  public int status() {
    return status;
  }

  public Problem toProblem(String instance) {
    return new Problem(Problem.TYPE_BASE + slug, title, status, getMessage(), instance, errors);
  }

  public Map<String, String> headers() {
    return headers;
  }
}
