package news.ticker.ingest.write;

/** Texts the OpenAPI annotations of the write endpoints share. */
public final class ApiDocs {

  public static final String PROBLEM = "application/problem+json";

  public static final String BAD_REQUEST =
      "Malformed JSON, a field of the wrong type or unknown, or a malformed header (the field is"
          + " named in errors)";
  public static final String UNAUTHENTICATED = "No bearer token, or an invalid or expired one";
  public static final String FORBIDDEN = "The token's role does not allow this";
  public static final String UNSUPPORTED = "The body is not application/json";
  public static final String INVALID = "Semantically invalid fields, each named in errors";
  public static final String STALE = "If-Match does not match the current version (sent as ETag)";
  public static final String CONTENDED =
      "The Idempotency-Key is used by a request still in flight, or the story or article stayed"
          + " busy with other writes; retry after Retry-After seconds";

  private ApiDocs() {}
}
