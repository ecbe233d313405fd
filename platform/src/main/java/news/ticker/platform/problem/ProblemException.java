package news.ticker.platform.problem;

import java.util.List;
import java.util.Map;

/**
 * A client-facing failure with a definite status; mapped to {@code application/problem+json}. Throw
 * the factories below rather than building statuses by hand, so every service speaks the same error
 * language.
 */
public class ProblemException extends RuntimeException {

  private final ProblemType type;
  private final int status;
  private final List<FieldError> errors;
  private final Map<String, String> headers;

  /** A problem of the type, with the type's status and title. */
  public ProblemException(
      ProblemType type, String detail, List<FieldError> errors, Map<String, String> headers) {
    this(type, type.status(), detail, errors, headers);
  }

  /**
   * A problem of the type with another status: only the REST layer's own failures, which keep their
   * status ({@code bad-request} for a 4xx without a type of its own, {@code internal} for a 5xx).
   */
  ProblemException(
      ProblemType type,
      int status,
      String detail,
      List<FieldError> errors,
      Map<String, String> headers) {
    super(detail);
    this.type = type;
    this.status = status;
    this.errors = List.copyOf(errors);
    this.headers = Map.copyOf(headers);
  }

  public static ProblemException badRequest(String detail, FieldError... errors) {
    return new ProblemException(ProblemType.BAD_REQUEST, detail, List.of(errors), Map.of());
  }

  /**
   * The request body, which a write needs: without one (no body, or JSON {@code null}) the answer
   * is a {@code 400} saying what to send.
   */
  public static <T> T requireBody(T body, String detail) {
    if (body == null) {
      throw badRequest(detail);
    }
    return body;
  }

  public static ProblemException invalidParameter(String parameter, String message) {
    return new ProblemException(
        ProblemType.INVALID_PARAMETER,
        parameter + ": " + message,
        List.of(new FieldError(parameter, message)),
        Map.of());
  }

  public static ProblemException notFound(String what, Object id) {
    return new ProblemException(
        ProblemType.NOT_FOUND, what + " " + id + " does not exist", List.of(), Map.of());
  }

  public static ProblemException conflict(String detail) {
    return new ProblemException(ProblemType.CONFLICT, detail, List.of(), Map.of());
  }

  public static ProblemException inFlight(String detail, int retryAfterSeconds) {
    return new ProblemException(
        ProblemType.REQUEST_IN_FLIGHT, detail, List.of(), retryAfter(retryAfterSeconds));
  }

  public static ProblemException preconditionFailed(long currentVersion) {
    return new ProblemException(
        ProblemType.STALE_VERSION,
        "If-Match does not match the current version " + currentVersion,
        List.of(new FieldError("If-Match", "current version is " + currentVersion)),
        Map.of("ETag", "\"" + currentVersion + "\""));
  }

  public static ProblemException tooLarge(String field, long limitBytes) {
    return tooLarge(
        field + " exceeds " + limitBytes + " bytes",
        new FieldError(field, "at most " + limitBytes + " bytes"));
  }

  /** 413 {@code too-large} with the detail and the field at fault. */
  public static ProblemException tooLarge(String detail, FieldError error) {
    return new ProblemException(ProblemType.TOO_LARGE, detail, List.of(error), Map.of());
  }

  public static ProblemException unprocessable(String detail, List<FieldError> errors) {
    return new ProblemException(ProblemType.INVALID, detail, errors, Map.of());
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
        ProblemType.NOT_YET, detail, List.of(), retryAfter(retryAfterSeconds));
  }

  /**
   * 503 {@code unavailable}: the service cannot use its database right now (unreachable, or the
   * connection broke); the one type for database trouble in every service.
   */
  public static ProblemException unavailable(String detail, int retryAfterSeconds) {
    return new ProblemException(
        ProblemType.UNAVAILABLE, detail, List.of(), retryAfter(retryAfterSeconds));
  }

  /** The {@code Retry-After} header of a problem the client may retry after so many seconds. */
  public static Map<String, String> retryAfter(int seconds) {
    return Map.of("Retry-After", Integer.toString(seconds));
  }

  public ProblemType type() {
    return type;
  }

  public int status() {
    return status;
  }

  public Problem toProblem(String instance) {
    return new Problem(type.uri(), type.title(), status, getMessage(), instance, errors);
  }

  public Map<String, String> headers() {
    return headers;
  }
}
