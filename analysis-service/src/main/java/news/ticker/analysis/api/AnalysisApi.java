package news.ticker.analysis.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/**
 * The OpenAPI description of the service (served at {@code /q/openapi}). Endpoint-specific problems
 * (404, 409, 413, 422) are described on the endpoints themselves; the problem+json of every error
 * response and the problems every service shares (400, 401, 403, 412, 503, and 409 and 415 on
 * writes) come from platform's {@code ProblemResponses}.
 */
@OpenAPIDefinition(
    info =
        @Info(
            title = "Ticker analysis service",
            version = "1",
            description =
                "Long-form analyses attached to live stories. Errors are RFC 9457"
                    + " application/problem+json naming the fields at fault; writes accept an"
                    + " Idempotency-Key; versions travel as ETag / If-Match."))
public class AnalysisApi extends Application {}
