package news.ticker.platform.http;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.UriInfo;
import news.ticker.platform.idempotency.IdempotencyKey;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The request parts every write of every service uses ({@code @BeanParam}): its retry key, method
 * and path. Writes that create a resource take these; writes to an existing one take {@link
 * ConditionalWriteHeaders}. {@link WriteContext#of} turns them into the write's context.
 */
public class WriteHeaders {

  @HeaderParam(IdempotencyKey.HEADER)
  @Parameter(
      description =
          "Makes a retry safe: the same key with the same request returns the first response"
              + " (header Idempotent-Replayed: true) and changes nothing; with a different request"
              + " (method, path, body or If-Match) it is a 422. Kept at least 24 hours.",
      example = "6f1c0d5e-post-1")
  public String idempotencyKey;

  @Context public UriInfo uriInfo;

  @Context public Request request;

  /** The precondition of the request as sent; writes that create a resource have none. */
  public String ifMatch() {
    return null;
  }
}
