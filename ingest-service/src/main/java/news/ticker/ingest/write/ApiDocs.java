package news.ticker.ingest.write;

import news.ticker.platform.openapi.ProblemResponses;

/**
 * Texts the OpenAPI annotations of the write endpoints share. The problem+json content of every
 * error response, and the 409, 415 and 503 every write can answer, come from platform's {@link
 * ProblemResponses}.
 */
public final class ApiDocs {

  public static final String BAD_REQUEST =
      "Malformed JSON, a field of the wrong type or unknown, or a malformed header (the field is"
          + " named in errors)";
  public static final String UNAUTHENTICATED = "No bearer token, or an invalid or expired one";
  public static final String FORBIDDEN = "The token's role does not allow this";
  public static final String INVALID = "Semantically invalid fields, each named in errors";
  public static final String STALE = "If-Match does not match the current version (sent as ETag)";
  public static final String CONTENDED = ProblemResponses.CONTENDED;

  private ApiDocs() {}
}
