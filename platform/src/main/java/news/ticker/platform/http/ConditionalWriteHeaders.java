package news.ticker.platform.http;

import jakarta.ws.rs.HeaderParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The request parts of a write to an existing, versioned resource, with its precondition. */
public class ConditionalWriteHeaders extends WriteHeaders {

  @HeaderParam(IfMatch.HEADER)
  @Parameter(
      description =
          "The version (ETag) the client last saw; the write is refused with 412 if the resource"
              + " changed since. Compared strongly (RFC 9110): a weak tag W/\"7\" never matches.",
      example = "\"7\"")
  public String ifMatch;

  @Override
  public String ifMatch() {
    return ifMatch;
  }
}
