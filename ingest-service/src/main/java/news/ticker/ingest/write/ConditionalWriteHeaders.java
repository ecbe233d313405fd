package news.ticker.ingest.write;

import jakarta.ws.rs.HeaderParam;
import news.ticker.platform.http.IfMatch;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The request parts of a write to an existing story or article, with its precondition. */
public class ConditionalWriteHeaders extends WriteHeaders {

  @HeaderParam(IfMatch.HEADER)
  @Parameter(
      description =
          "The version (ETag) the client last saw; the write is refused with 412 if the stream"
              + " changed since. Compared strongly (RFC 9110): a weak tag W/\"7\" never matches.",
      example = "\"7\"")
  public String ifMatch;

  @Override
  String ifMatch() {
    return ifMatch;
  }
}
