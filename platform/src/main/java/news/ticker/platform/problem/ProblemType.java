package news.ticker.platform.problem;

/**
 * Every problem type the services answer with, each with its one status and its one title, defined
 * here once (docs/errors.md has a section for each; {@code deploy}'s {@code
 * ErrorsDocumentationTest} compares the two). A client decides from the type; the title is the
 * type's short human summary, the same on every answer of the type, whoever answers it.
 */
public enum ProblemType {
  BAD_REQUEST(400, "bad-request", "The request is malformed"),
  INVALID_PARAMETER(400, "invalid-parameter", "A parameter is invalid"),
  UNAUTHENTICATED(401, "unauthenticated", "A valid bearer token is required"),
  FORBIDDEN(403, "forbidden", "Your role does not allow this"),
  ORIGIN_NOT_ALLOWED(403, "origin-not-allowed", "This origin may not write"),
  NOT_FOUND(404, "not-found", "Not found"),
  METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
  NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
  CONFLICT(409, "conflict", "The current state forbids this"),
  SLUG_TAKEN(409, "slug-taken", "The slug is taken"),
  CONTENDED(409, "contended", "Too many concurrent writes"),
  REQUEST_IN_FLIGHT(409, "request-in-flight", "The same request is still being processed"),
  STALE_VERSION(412, "stale-version", "The resource changed since you read it"),
  TOO_LARGE(413, "too-large", "The content is too large"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
  INVALID(422, "invalid", "The request is not valid"),
  TOO_MANY_STREAMS(429, "too-many-streams", "Too many open streams"),
  INTERNAL(500, "internal", "Internal error"),
  UNAVAILABLE(503, "unavailable", "Service unavailable"),
  NOT_YET(503, "not-yet", "Not available yet");

  private final int status;
  private final String slug;
  private final String title;

  ProblemType(int status, String slug, String title) {
    this.status = status;
    this.slug = slug;
    this.title = title;
  }

  /** The status of the type (the REST layer's {@code bad-request} and {@code internal} vary). */
  public int status() {
    return status;
  }

  /** The last segment of the type's URI. */
  public String slug() {
    return slug;
  }

  public String title() {
    return title;
  }

  /** The type's URI, {@code https://ticker.news/problems/<slug>}. */
  public String uri() {
    return Problem.TYPE_BASE + slug;
  }
}
