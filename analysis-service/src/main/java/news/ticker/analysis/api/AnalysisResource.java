package news.ticker.analysis.api;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import news.ticker.analysis.analysis.Analysis;
import news.ticker.analysis.analysis.AnalysisService;
import news.ticker.analysis.analysis.AnalysisStatus;
import news.ticker.analysis.analysis.AnalysisSummary;
import news.ticker.analysis.analysis.AnalysisView;
import news.ticker.analysis.revision.RevisionView;
import news.ticker.platform.http.ConditionalWriteHeaders;
import news.ticker.platform.http.IfMatch;
import news.ticker.platform.http.Params;
import news.ticker.platform.http.WriteContext;
import news.ticker.platform.http.WriteHeaders;
import news.ticker.platform.problem.Problem;
import news.ticker.platform.problem.ProblemException;
import news.ticker.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The analyses API under {@code /api/v1}. Writes need {@code analyst} or {@code editor}; publishing
 * and withdrawing need {@code editor}; published analyses are public, drafts and withdrawn ones are
 * visible to analysts and editors only (404 to everyone else, so their existence does not leak).
 *
 * <p>A thin adapter: parameters are parsed by {@link Params}, request bodies checked by their
 * records and the service ({@link AnalysisService} derives the {@code Idempotency-Key}, has the
 * content checked and owns the transaction). The problem+json of every error, 400, 401 and 403, 412
 * with If-Match, 503 on every operation and 409 and 415 on writes are documented by platform's
 * {@code ProblemResponses}; the annotations here say what is particular to an endpoint.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Analyses", description = "Long-form analyses attached to live stories")
public class AnalysisResource {

  private static final String ANALYSIS_PATH = "/analyses/{analysisId}";
  private static final String NOT_FOUND =
      "No such analysis or story, or a draft the caller may not see.";
  private static final String TOO_LARGE =
      "The body is over the configured limit (1 MiB by default).";
  private static final String KEY_REUSED =
      "The Idempotency-Key was already used for another request.";
  private static final int DEFAULT_LIST_LIMIT = 50;
  private static final int MAX_LIST_LIMIT = 200;

  @Inject AnalysisService service;
  @Inject SecurityIdentity identity;
  @Inject CurrentIdentityAssociation identities;

  @POST
  @Path("/analyses")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.ANALYST, Roles.EDITOR})
  @Operation(
      summary = "Create a draft analysis",
      description =
          "The story (and the anchor update, when given) must be known to the service's story"
              + " projection; a story opened moments ago is waited for a few seconds before it is"
              + " called unknown. Closed stories accept analyses: depth pieces are often written"
              + " after live coverage ends.")
  @APIResponse(
      responseCode = "201",
      description = "Created as a draft (version 1).",
      headers = {
        @Header(name = HttpHeaders.LOCATION, schema = @Schema(type = SchemaType.STRING)),
        @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING))
      },
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AnalysisView.class)))
  @APIResponse(
      responseCode = "409",
      description = "The anchor update was retracted.",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class),
              examples =
                  @ExampleObject(name = "retracted", value = ProblemExamples.RETRACTED_ANCHOR)))
  @APIResponse(responseCode = "413", description = TOO_LARGE)
  @APIResponse(
      responseCode = "422",
      description =
          "A field is invalid, the story or update is unknown (after waiting), or the"
              + " Idempotency-Key was used for another request.",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class),
              examples = {
                @ExampleObject(name = "unknownStory", value = ProblemExamples.UNKNOWN_STORY),
                @ExampleObject(name = "invalidContent", value = ProblemExamples.INVALID_CONTENT),
                @ExampleObject(name = "keyReused", value = ProblemExamples.KEY_REUSED)
              }))
  public Uni<Response> create(CreateAnalysisRequest request, @BeanParam WriteHeaders headers) {
    return service.create(
        requireBody(request).draft(), WriteContext.of(identity, headers), request);
  }

  @PUT
  @Path(ANALYSIS_PATH)
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.ANALYST, Roles.EDITOR})
  @Operation(
      summary = "Revise an analysis",
      description =
          "Replaces title, standfirst, body, authors and language; every revision is kept. A"
              + " revision of a published analysis announces analysis-revised. The same content"
              + " again changes nothing and answers with the current version.")
  @APIResponseSchema(
      value = AnalysisView.class,
      responseCode = "200",
      responseDescription = "The revised analysis.")
  @APIResponse(responseCode = "404", description = NOT_FOUND)
  @APIResponse(responseCode = "413", description = TOO_LARGE)
  @APIResponse(
      responseCode = "422",
      description = "A field is invalid, or the Idempotency-Key was used for another request.",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class),
              examples = @ExampleObject(name = "invalid", value = ProblemExamples.INVALID_CONTENT)))
  public Uni<Response> revise(
      @PathParam("analysisId") String analysisId,
      ReviseAnalysisRequest request,
      @BeanParam ConditionalWriteHeaders headers) {
    return service.revise(
        analysisId(analysisId),
        requireBody(request).content(),
        WriteContext.of(identity, headers),
        request);
  }

  @POST
  @Path(ANALYSIS_PATH + "/publish")
  @RolesAllowed(Roles.EDITOR)
  @Operation(
      summary = "Publish an analysis",
      description =
          "Makes it public and announces analysis-published (metadata only) on"
              + " ticker.analysis-events. Publishing a published analysis changes nothing.")
  @APIResponseSchema(
      value = AnalysisView.class,
      responseCode = "200",
      responseDescription = "The published analysis.")
  @APIResponse(responseCode = "404", description = NOT_FOUND)
  @APIResponse(responseCode = "422", description = KEY_REUSED)
  public Uni<Response> publish(
      @PathParam("analysisId") String analysisId, @BeanParam ConditionalWriteHeaders headers) {
    return service.publish(analysisId(analysisId), WriteContext.of(identity, headers));
  }

  @POST
  @Path(ANALYSIS_PATH + "/unpublish")
  @RolesAllowed(Roles.EDITOR)
  @Operation(
      summary = "Withdraw a published analysis",
      description =
          "Takes it down and announces analysis-withdrawn. Withdrawing a withdrawn analysis"
              + " changes nothing; a draft that was never published cannot be withdrawn (409).")
  @APIResponseSchema(
      value = AnalysisView.class,
      responseCode = "200",
      responseDescription = "The withdrawn analysis.")
  @APIResponse(responseCode = "404", description = NOT_FOUND)
  @APIResponse(
      responseCode = "409",
      description = "The analysis was never published.",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class),
              examples = @ExampleObject(name = "draft", value = ProblemExamples.NEVER_PUBLISHED)))
  @APIResponse(responseCode = "422", description = KEY_REUSED)
  public Uni<Response> unpublish(
      @PathParam("analysisId") String analysisId, @BeanParam ConditionalWriteHeaders headers) {
    return service.unpublish(analysisId(analysisId), WriteContext.of(identity, headers));
  }

  @POST
  @Path(ANALYSIS_PATH + "/redact")
  @RolesAllowed(Roles.ADMIN)
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Redact an analysis (admin)",
      description =
          "Removes title, standfirst and body of the analysis and of every revision for good (a"
              + " court order, a source's safety); reads show the reason, a public note, instead."
              + " Announces analysis-redacted when the analysis was ever published. A redacted"
              + " analysis cannot be revised, published or withdrawn (409); redacting it again"
              + " changes nothing.")
  @APIResponseSchema(
      value = AnalysisView.class,
      responseCode = "200",
      responseDescription = "The redacted analysis.")
  @APIResponse(responseCode = "404", description = NOT_FOUND)
  @APIResponse(
      responseCode = "422",
      description = "No reason, or one over 1000 characters; errors name reason.")
  public Uni<Response> redact(
      @PathParam("analysisId") String analysisId,
      RedactAnalysisRequest request,
      @BeanParam ConditionalWriteHeaders headers) {
    return service.redact(
        analysisId(analysisId),
        RedactAnalysisRequest.checkedReason(request),
        WriteContext.of(identity, headers),
        request);
  }

  @GET
  @Path(ANALYSIS_PATH)
  @Operation(
      summary = "Read an analysis",
      description =
          "Published analyses are public. Drafts and withdrawn analyses need an analyst or"
              + " editor token; to anyone else they do not exist (404).")
  @APIResponse(
      responseCode = "200",
      description = "The analysis with its version, word count and reading time.",
      headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AnalysisView.class)))
  @APIResponse(responseCode = "404", description = NOT_FOUND)
  public Uni<Response> get(@PathParam("analysisId") String analysisId) {
    UUID id = analysisId(analysisId);
    return service.find(id).chain(analysis -> visible(id, analysis)).map(this::found);
  }

  @GET
  @Path(ANALYSIS_PATH + "/revisions")
  @RolesAllowed({Roles.ANALYST, Roles.EDITOR})
  @Operation(
      summary = "The revision history of an analysis",
      description =
          "Every content revision since creation, oldest first, with who wrote it and when."
              + " Editorial history: analysts and editors only.")
  @APIResponse(
      responseCode = "200",
      description = "The revisions.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = RevisionView.class)))
  @APIResponse(responseCode = "404", description = NOT_FOUND)
  public Uni<List<RevisionView>> revisions(@PathParam("analysisId") String analysisId) {
    return service.revisions(analysisId(analysisId));
  }

  @GET
  @Path("/stories/{storyId}/analyses")
  @Operation(
      summary = "A story's published analyses",
      description = "Newest publication first; without bodies (fetch each analysis for it).")
  @APIResponse(
      responseCode = "200",
      description = "The published analyses of the story.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = AnalysisSummary.class)))
  @APIResponse(responseCode = "404", description = NOT_FOUND)
  public Uni<List<AnalysisSummary>> ofStory(
      @PathParam("storyId") String storyId,
      @Parameter(
              in = ParameterIn.QUERY,
              description = "At most this many (1 to 200).",
              schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50"))
          @QueryParam("limit")
          String limit) {
    return service.publishedOfStory(
        Params.uuid("storyId", storyId),
        Params.limit("limit", limit, DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT));
  }

  /** The analysis when the caller may see it; otherwise 404, as if it did not exist. */
  private Uni<Analysis> visible(UUID id, Analysis analysis) {
    if (analysis == null) {
      return Uni.createFrom().failure(ProblemException.notFound("analysis", id));
    }
    if (analysis.status == AnalysisStatus.PUBLISHED) {
      return Uni.createFrom().item(analysis);
    }
    return mayReadUnpublished()
        .map(
            allowed -> {
              if (!allowed) {
                throw ProblemException.notFound("analysis", id);
              }
              return analysis;
            });
  }

  private Response found(Analysis analysis) {
    Response.ResponseBuilder found =
        Response.ok(service.view(analysis))
            .header(HttpHeaders.ETAG, IfMatch.etag(analysis.version));
    if (analysis.status != AnalysisStatus.PUBLISHED) {
      // Never let a shared cache keep what only the newsroom may see.
      found.header(HttpHeaders.CACHE_CONTROL, "private, no-store");
    }
    return found.build();
  }

  /**
   * Whether the caller may see drafts and withdrawn analyses. Authentication is lazy here (the
   * endpoint is public); a missing, expired or forged token is simply not a newsroom reader, so the
   * answer stays the same 404 as for an analysis that does not exist.
   */
  private Uni<Boolean> mayReadUnpublished() {
    return identities
        .getDeferredIdentity()
        .map(
            caller ->
                !caller.isAnonymous()
                    && (caller.hasRole(Roles.ANALYST) || caller.hasRole(Roles.EDITOR)))
        .onFailure()
        .recoverWithItem(false);
  }

  private static <T> T requireBody(T request) {
    return ProblemException.requireBody(request, "a JSON object is required as the request body");
  }

  private static UUID analysisId(String value) {
    return Params.uuid("analysisId", value);
  }
}
