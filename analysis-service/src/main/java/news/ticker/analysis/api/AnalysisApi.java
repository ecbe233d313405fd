package news.ticker.analysis.api;

import jakarta.ws.rs.core.Application;
import news.ticker.platform.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The OpenAPI description of the service (served at {@code /q/openapi}): its title and the problem
 * responses the endpoints refer to, each with an example. Endpoint-specific problems (409, 422) are
 * described on the endpoints themselves; the problem+json of every error response, 503 on every
 * operation and 409 and 415 on writes come from platform's {@code ProblemResponses}.
 */
@OpenAPIDefinition(
    info =
        @Info(
            title = "Ticker analysis service",
            version = "1",
            description =
                "Long-form analyses attached to live stories. Errors are RFC 9457"
                    + " application/problem+json naming the fields at fault; writes accept an"
                    + " Idempotency-Key; versions travel as ETag / If-Match."),
    components =
        @Components(
            responses = {
              @APIResponse(
                  name = "badRequest",
                  description =
                      "Malformed JSON, a field of the wrong type or unknown, a bad parameter.",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(ref = "Problem"),
                          examples =
                              @ExampleObject(
                                  name = "wrongType",
                                  value = ProblemExamples.BAD_REQUEST))),
              @APIResponse(
                  name = "unauthenticated",
                  description = "No valid bearer token.",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(ref = "Problem"),
                          examples =
                              @ExampleObject(
                                  name = "unauthenticated",
                                  value = ProblemExamples.UNAUTHENTICATED))),
              @APIResponse(
                  name = "forbidden",
                  description =
                      "The token's role does not allow this (e.g. an analyst publishing).",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(ref = "Problem"),
                          examples =
                              @ExampleObject(
                                  name = "forbidden",
                                  value = ProblemExamples.FORBIDDEN))),
              @APIResponse(
                  name = "notFound",
                  description = "No such analysis or story, or a draft the caller may not see.",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(ref = "Problem"),
                          examples =
                              @ExampleObject(
                                  name = "notFound",
                                  value = ProblemExamples.NOT_FOUND))),
              @APIResponse(
                  name = "stale",
                  description = "If-Match names an older version; the ETag header has the current.",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(ref = "Problem"),
                          examples =
                              @ExampleObject(name = "stale", value = ProblemExamples.STALE))),
              @APIResponse(
                  name = "tooLarge",
                  description = "The body is over the configured limit (1 MiB by default).",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(ref = "Problem"),
                          examples =
                              @ExampleObject(
                                  name = "tooLarge",
                                  value = ProblemExamples.TOO_LARGE))),
              @APIResponse(
                  name = "keyReused",
                  description = "The Idempotency-Key was already used for another request.",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(ref = "Problem"),
                          examples =
                              @ExampleObject(
                                  name = "keyReused",
                                  value = ProblemExamples.KEY_REUSED)))
            }))
public class AnalysisApi extends Application {}
