package news.ticker.analysis.api;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.UriInfo;
import news.ticker.analysis.analysis.WriteContext;
import news.ticker.platform.http.IfMatch;
import news.ticker.platform.idempotency.IdempotencyKey;
import news.ticker.platform.security.Actor;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The request parts every write uses: its retry key, method and path. Creating an analysis takes
 * these; writes to an existing analysis take {@link ConditionalWriteHeaders}.
 */
public class WriteHeaders {

  @HeaderParam(IdempotencyKey.HEADER)
  @Parameter(
      description =
          "Makes a retry safe: the same key and request (body, If-Match) get the same answer; the"
              + " same key with another request is a 422.")
  public String idempotencyKey;

  @Context public UriInfo uriInfo;

  @Context public Request request;

  /** The precondition of the request; creating an analysis has none. */
  String ifMatch() {
    return null;
  }

  /**
   * The write of the caller with this request body (null without one).
   *
   * @throws news.ticker.platform.problem.ProblemException 400 naming {@code If-Match} when it is
   *     malformed
   */
  WriteContext of(SecurityIdentity identity, Object body) {
    return new WriteContext(
        Actor.of(identity),
        IfMatch.parse(ifMatch()),
        idempotencyKey,
        request.getMethod(),
        uriInfo.getPath(),
        body);
  }
}
