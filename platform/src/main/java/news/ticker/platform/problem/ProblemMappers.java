package news.ticker.platform.problem;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.exc.StreamWriteException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.CharConversionException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import news.ticker.platform.db.DatabaseFailures;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every failure to {@code application/problem+json}: client mistakes to a 4xx naming the field
 * at fault, and anything unexpected to a bare 500 that leaks nothing.
 */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  /** The message of the IOException Quarkus' body reader throws past the body size limit. */
  static final String TOO_LARGE = "Request too large";

  @ServerExceptionMapper
  public Response problem(ProblemException e, UriInfo uri) {
    return respond(e, uri);
  }

  @ServerExceptionMapper({JsonProcessingException.class, CharConversionException.class})
  public Response malformedJson(Exception e, UriInfo uri) {
    return json(e, uri);
  }

  /**
   * Wrong types and unknown fields. Mapped on their own because quarkus-rest-jackson ships a mapper
   * for exactly this type, which would otherwise win over the more general one above and answer
   * with plain JSON instead of problem+json.
   */
  @ServerExceptionMapper
  public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
    return json(e, uri);
  }

  @ServerExceptionMapper
  public Response unauthorized(UnauthorizedException e, UriInfo uri) {
    return unauthenticated(uri);
  }

  @ServerExceptionMapper
  public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
    return unauthenticated(uri);
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, UriInfo uri) {
    return respond(
        new ProblemException(
            ProblemType.FORBIDDEN, "this operation needs another role", List.of(), Map.of()),
        uri);
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e, UriInfo uri) {
    int status = e.getResponse().getStatus();
    if (status >= 500) {
      LOG.error("server error", e);
    }
    Map<String, String> headers =
        e instanceof NotAllowedException
            ? Map.of(HttpHeaders.ALLOW, String.join(", ", e.getResponse().getAllowedMethods()))
            : Map.of();
    ProblemType type =
        switch (status) {
          case 404 -> ProblemType.NOT_FOUND;
          case 405 -> ProblemType.METHOD_NOT_ALLOWED;
          case 406 -> ProblemType.NOT_ACCEPTABLE;
          case 413 -> ProblemType.TOO_LARGE;
          case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
          default -> status < 500 ? ProblemType.BAD_REQUEST : ProblemType.INTERNAL;
        };
    String detail =
        e instanceof NotSupportedException
            ? "send application/json (or the media type the endpoint documents)"
            : status >= 500 ? "unexpected error" : e.getMessage();
    return respond(new ProblemException(type, status, detail, List.of(), headers), uri);
  }

  @ServerExceptionMapper(priority = 10_000)
  public Response unexpected(Throwable e, UriInfo uri) {
    Throwable cause = unwrap(e);
    if (cause != e && cause instanceof ProblemException p) {
      return respond(p, uri);
    }
    if (cause instanceof JsonProcessingException || cause instanceof CharConversionException) {
      return json((Exception) cause, uri);
    }
    if (cause instanceof IOException io && TOO_LARGE.equals(io.getMessage())) {
      // A streamed body over quarkus.http.limits.max-body-size: Quarkus' body reader has already
      // answered 413 itself. The client's doing, not an error of ours.
      return respond(
          ProblemException.tooLarge(
              "the request body exceeds the limit", new FieldError("body", "too large")),
          uri);
    }
    Throwable database = DatabaseFailures.unreachable(e);
    if (database != null) {
      // PostgreSQL down, restarting or failing over: the client may try again; not a bug here.
      LOG.warnf("database unreachable: %s", database.toString());
      return respond(DATABASE_UNAVAILABLE, uri);
    }
    return internal(e, uri);
  }

  private static Response json(Exception e, UriInfo uri) {
    if (!isClientJson(e)) {
      return internal(e, uri);
    }
    return respond(fromJson(e), uri);
  }

  private static Response internal(Throwable e, UriInfo uri) {
    LOG.error("unexpected failure", e);
    return respond(
        new ProblemException(ProblemType.INTERNAL, "unexpected error", List.of(), Map.of()), uri);
  }

  /**
   * Whether a Jackson failure is the client's: reading (parsing or binding) what was sent. Writing
   * a response ({@link JsonGenerator}) and a type the server cannot (de)serialise at all ({@link
   * InvalidDefinitionException}) are the server's own bugs and answer 500.
   */
  static boolean isClientJson(Exception e) {
    if (e instanceof CharConversionException || e instanceof StreamReadException) {
      return true;
    }
    if (e instanceof InvalidDefinitionException || e instanceof StreamWriteException) {
      return false;
    }
    if (e instanceof JsonProcessingException j && j.getProcessor() != null) {
      return j.getProcessor() instanceof JsonParser;
    }
    // A failure wrapped without its processor: the client's only if what it wraps is.
    return e.getCause() instanceof Exception cause && cause != e && isClientJson(cause);
  }

  /** The answer while the service's database cannot be reached. */
  static final ProblemException DATABASE_UNAVAILABLE =
      ProblemException.unavailable(
          "the service cannot reach its database right now; try again (with the same"
              + " Idempotency-Key, a write that did complete is not applied twice)",
          2);

  static ProblemException fromJson(Exception e) {
    if (e instanceof InvalidFormatException f) {
      String field = path(f);
      return ProblemException.badRequest(
          field + " has the wrong type or format",
          new FieldError(field, "expected " + f.getTargetType().getSimpleName()));
    }
    if (e instanceof UnrecognizedPropertyException u) {
      String field = path(u);
      return ProblemException.badRequest(
          field + " is not a field of this request", new FieldError(field, "unknown field"));
    }
    if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
      String field = path(m);
      return ProblemException.badRequest(
          field + " has the wrong type", new FieldError(field, "wrong type"));
    }
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      String field = path(m);
      return ProblemException.badRequest(
          field + " is invalid", new FieldError(field, m.getOriginalMessage()));
    }
    if (e instanceof JsonParseException p) {
      return ProblemException.badRequest("malformed JSON: " + p.getOriginalMessage());
    }
    return ProblemException.badRequest("malformed JSON");
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static Throwable unwrap(Throwable e) {
    Throwable current = e;
    while (current.getCause() != null && current.getCause() != current) {
      if (current instanceof ProblemException) {
        return current;
      }
      current = current.getCause();
    }
    return current;
  }

  private static Response unauthenticated(UriInfo uri) {
    return respond(
        new ProblemException(
            ProblemType.UNAUTHENTICATED,
            "send Authorization: Bearer <token> issued by the newsroom identity provider",
            List.of(),
            Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer")),
        uri);
  }

  public static Response respond(ProblemException e, UriInfo uri) {
    Response.ResponseBuilder builder =
        Response.status(e.status())
            .type(Problem.MEDIA_TYPE)
            .entity(e.toProblem(uri == null ? null : uri.getPath()));
    e.headers().forEach(builder::header);
    return builder.build();
  }
}
