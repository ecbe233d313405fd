package news.ticker.analysis.api;

import jakarta.ws.rs.HeaderParam;
import news.ticker.platform.http.IfMatch;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The request parts of a write to an existing analysis, with its precondition. */
public class ConditionalWriteHeaders extends WriteHeaders {

  @HeaderParam(IfMatch.HEADER)
  @Parameter(description = "The ETag you read, e.g. \"3\"; a stale one is refused (412).")
  public String ifMatch;

  @Override
  String ifMatch() {
    return ifMatch;
  }
}
