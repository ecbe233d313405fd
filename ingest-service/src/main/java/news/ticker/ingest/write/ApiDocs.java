package news.ticker.ingest.write;

import news.ticker.platform.openapi.ProblemResponses;

/**
 * Texts the OpenAPI annotations of the write endpoints share. The problem+json content of every
 * error response, the 400, 401, 403 and 412 their parameters, tokens and If-Match bring, and the
 * 409, 415 and 503 every write can answer, come from platform's {@link ProblemResponses}.
 */
public final class ApiDocs {

  public static final String INVALID = "Semantically invalid fields, each named in errors";
  public static final String CONTENDED = ProblemResponses.CONTENDED;

  private ApiDocs() {}
}
