package news.ticker.platform.idempotency;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** A write's response as stored with its idempotency key and replayed to a retry. */
public record StoredResponse(int status, Map<String, String> headers, String body) {

  public Response toResponse() {
    Response.ResponseBuilder builder = Response.status(status);
    headers.forEach(builder::header);
    if (body != null) {
      builder.entity(body).type(MediaType.APPLICATION_JSON_TYPE);
    }
    return builder.build();
  }

  /** The same response marked as a replay, so clients and logs can tell. */
  public Response toReplayedResponse() {
    Response.ResponseBuilder builder = Response.fromResponse(toResponse());
    return builder.header("Idempotent-Replayed", "true").build();
  }
}
