package news.ticker.platform.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import news.ticker.platform.problem.Problem;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * What every service's OpenAPI document says the same way, written once instead of as the same
 * annotations on every method: every error response is {@code application/problem+json} of the
 * {@code Problem} schema, and every API operation can answer 503 while the database is unreachable.
 * An API operation with a parameter or a body can answer 400; one that needs a token (a security
 * requirement, which {@code @RolesAllowed} adds) 401 and 403; one with an {@code If-Match} header
 * 412, and its successes carry the {@code ETag} it compares with. Every write can answer 409 (a
 * contended story, or an idempotency key in flight) and, with a body, 415. A resource documents
 * only what is particular to it (its success, its 404, its 422); where it documents one of these
 * codes itself, its text wins.
 */
public class ProblemResponses implements OASFilter {

  static final String PROBLEM_SCHEMA = "Problem";
  private static final Set<String> QUARKUS_PLACEHOLDERS =
      Set.of("Bad Request", "Not Authorized", "Not Allowed");

  public static final String BAD_REQUEST =
      "Malformed JSON, a field of the wrong type or unknown, or a malformed parameter or header"
          + " (the field is named in errors)";
  public static final String UNAUTHENTICATED = "No bearer token, or an invalid or expired one";
  public static final String FORBIDDEN = "The token's role does not allow this";
  public static final String STALE = "If-Match does not match the current version (sent as ETag)";
  static final String ETAG = "ETag";
  static final String ETAG_TEXT = "The resource's version, to send as If-Match";
  public static final String CONTENDED =
      "The Idempotency-Key is used by a request still in flight, or the story or article stayed"
          + " busy with other writes; retry after Retry-After seconds";
  public static final String UNSUPPORTED = "The body is not application/json";
  public static final String UNAVAILABLE =
      "The service cannot reach its database right now; retry after Retry-After seconds (a write"
          + " retried with the same Idempotency-Key is not applied twice)";

  @Override
  public void filterOpenAPI(OpenAPI api) {
    if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
      return;
    }
    boolean used = false;
    for (Map.Entry<String, PathItem> path : api.getPaths().getPathItems().entrySet()) {
      if (path.getValue().getOperations() == null) {
        continue;
      }
      for (Map.Entry<PathItem.HttpMethod, Operation> operation :
          path.getValue().getOperations().entrySet()) {
        used |=
            complete(
                path.getKey(),
                path.getValue().getParameters(),
                operation.getKey(),
                operation.getValue());
      }
    }
    if (used) {
      addProblemSchema(api);
    }
  }

  /** Adds the common responses; true when the operation refers to the Problem schema. */
  private static boolean complete(
      String path, List<Parameter> shared, PathItem.HttpMethod method, Operation operation) {
    if (operation.getResponses() == null) {
      operation.setResponses(OASFactory.createAPIResponses());
    }
    APIResponses responses = operation.getResponses();
    if (path.startsWith("/api/")) {
      List<Parameter> parameters = new ArrayList<>();
      Stream.of(shared, operation.getParameters())
          .filter(Objects::nonNull)
          .forEach(parameters::addAll);
      if (!parameters.isEmpty() || operation.getRequestBody() != null) {
        addIfMissing(responses, "400", BAD_REQUEST);
      }
      if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
        addIfMissing(responses, "401", UNAUTHENTICATED);
        addIfMissing(responses, "403", FORBIDDEN);
      }
      if (parameters.stream()
          .anyMatch(
              p -> p.getIn() == Parameter.In.HEADER && "If-Match".equalsIgnoreCase(p.getName()))) {
        addIfMissing(responses, "412", STALE);
        addETag(responses);
      }
      addIfMissing(responses, "503", UNAVAILABLE);
      boolean write = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
      if (write) {
        addIfMissing(responses, "409", CONTENDED);
        if (operation.getRequestBody() != null) {
          addIfMissing(responses, "415", UNSUPPORTED);
        }
      }
    }
    boolean refers = false;
    if (responses.getAPIResponses() == null) {
      return false;
    }
    for (Map.Entry<String, APIResponse> response : responses.getAPIResponses().entrySet()) {
      if (!isError(response.getKey())) {
        continue;
      }
      Content content = response.getValue().getContent();
      if (content == null || content.getMediaTypes() == null || content.getMediaTypes().isEmpty()) {
        response.getValue().setContent(problemContent());
        refers = true;
      }
    }
    return refers;
  }

  /**
   * Adds the response unless the resource documented the code itself. Quarkus' own placeholders
   * ("Bad Request" on an operation with input, "Not Authorized" and "Not Allowed" with a security
   * requirement) are no documentation of the resource's, so they get the text here.
   */
  private static void addIfMissing(APIResponses responses, String code, String description) {
    APIResponse present =
        responses.getAPIResponses() == null ? null : responses.getAPIResponses().get(code);
    if (present == null) {
      responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description));
    } else if (QUARKUS_PLACEHOLDERS.contains(present.getDescription())) {
      present.setDescription(description);
    }
  }

  /** A success of an operation that takes If-Match carries the version it compares with. */
  private static void addETag(APIResponses responses) {
    if (responses.getAPIResponses() == null) {
      return;
    }
    responses.getAPIResponses().entrySet().stream()
        .filter(response -> response.getKey().startsWith("2"))
        .map(Map.Entry::getValue)
        .filter(
            response -> response.getHeaders() == null || !response.getHeaders().containsKey(ETAG))
        .forEach(
            response ->
                response.addHeader(
                    ETAG,
                    OASFactory.createHeader()
                        .description(ETAG_TEXT)
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING))));
  }

  private static boolean isError(String code) {
    return code.length() == 3 && (code.charAt(0) == '4' || code.charAt(0) == '5');
  }

  private static Content problemContent() {
    return OASFactory.createContent()
        .addMediaType(
            Problem.MEDIA_TYPE,
            OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/" + PROBLEM_SCHEMA)));
  }

  private static void addProblemSchema(OpenAPI api) {
    if (api.getComponents() == null) {
      api.setComponents(OASFactory.createComponents());
    }
    if (api.getComponents().getSchemas() != null
        && api.getComponents().getSchemas().containsKey(PROBLEM_SCHEMA)) {
      return;
    }
    Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    Schema fieldError =
        OASFactory.createSchema()
            .addType(Schema.SchemaType.OBJECT)
            .description("A field at fault: a body field path, a parameter or a header")
            .addProperty("field", text)
            .addProperty("message", text);
    api.getComponents()
        .addSchema(
            PROBLEM_SCHEMA,
            OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details; errors names the fields at fault")
                .addProperty("type", text)
                .addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", text)
                .addProperty("instance", text)
                .addProperty(
                    "errors",
                    OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError)));
  }
}
