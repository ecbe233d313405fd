package news.ticker.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import news.ticker.platform.db.DatabaseFailures;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

  record Post(String body, boolean keyEvent, List<String> authors, Instant publishedAt) {}

  private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();

  @Test
  void wrongTypeNamesTheField() {
    ProblemException problem = parse("{\"body\":\"x\",\"keyEvent\":\"yes\"}");
    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.toProblem(null).errors()).extracting("field").containsExactly("keyEvent");
  }

  @Test
  void wrongTypeInsideAListNamesTheElement() {
    ProblemException problem = parse("{\"body\":\"x\",\"authors\":[\"a\",{\"x\":1}]}");
    assertThat(problem.toProblem(null).errors()).extracting("field").containsExactly("authors[1]");
  }

  @Test
  void badTimestampNamesTheField() {
    ProblemException problem = parse("{\"body\":\"x\",\"publishedAt\":\"yesterday\"}");
    assertThat(problem.toProblem(null).errors()).extracting("field").containsExactly("publishedAt");
  }

  @Test
  void unknownFieldIsNamedAsSuch() {
    ProblemException problem =
        ProblemMappers.fromJson(
            catching(
                () ->
                    mapper
                        .copy()
                        .enable(
                            com.fasterxml.jackson.databind.DeserializationFeature
                                .FAIL_ON_UNKNOWN_PROPERTIES)
                        .readValue("{\"body\":\"x\",\"tittle\":\"t\"}", Post.class)));
    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.toProblem(null).errors())
        .containsExactly(new FieldError("tittle", "unknown field"));
  }

  @Test
  void malformedJsonIsABadRequest() {
    ProblemException problem = parse("{\"body\": ");
    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.toProblem("/p").type()).isEqualTo(Problem.TYPE_BASE + "bad-request");
  }

  @Test
  void problemCarriesTypeTitleStatusAndInstance() {
    Problem problem = ProblemException.preconditionFailed(7).toProblem("/api/v1/stories/1");
    assertThat(problem.status()).isEqualTo(412);
    assertThat(problem.type()).endsWith("/stale-version");
    assertThat(problem.instance()).isEqualTo("/api/v1/stories/1");
    assertThat(ProblemException.preconditionFailed(7).headers()).containsEntry("ETag", "\"7\"");
  }

  /** A response body Jackson cannot write: its getter fails. */
  public static final class Unwritable {
    public String getValue() {
      throw new IllegalStateException("broken getter");
    }
  }

  /** A type Jackson cannot write at all: no properties. */
  public static final class NoProperties {}

  @Test
  void failingToWriteAResponseIsAServerError() {
    Exception getter = catching(() -> mapper.writeValueAsString(new Unwritable()));
    Exception definition = catching(() -> mapper.writeValueAsString(new NoProperties()));
    ProblemMappers mappers = new ProblemMappers();

    for (Exception e : List.of(getter, definition)) {
      assertThat(ProblemMappers.isClientJson(e)).as(e.toString()).isFalse();
      assertThat(mappers.unexpected(e, null).getStatus()).isEqualTo(500);
      assertThat(mappers.unexpected(new RuntimeException(e), null).getStatus()).isEqualTo(500);
      assertThat(mappers.malformedJson(e, null).getStatus()).isEqualTo(500);
      Problem body = (Problem) mappers.unexpected(e, null).getEntity();
      assertThat(body.detail()).isEqualTo("unexpected error");
    }
  }

  @Test
  void failingToReadTheRequestStaysAClientError() {
    ProblemMappers mappers = new ProblemMappers();
    for (String json : List.of("{\"body\": ", "{\"keyEvent\":\"yes\"}", "[1]", "\u0000")) {
      Exception e = catching(() -> mapper.readValue(json, Post.class));
      assertThat(ProblemMappers.isClientJson(e)).as(json).isTrue();
      assertThat(mappers.unexpected(new RuntimeException(e), null).getStatus()).isEqualTo(400);
      assertThat(mappers.malformedJson(e, null).getStatus()).isEqualTo(400);
    }
    Exception badBytes =
        catching(
            () -> mapper.readValue(new byte[] {'"', (byte) 0xC3, (byte) 0x28, '"'}, Post.class));
    assertThat(mappers.malformedJson(badBytes, null).getStatus()).isEqualTo(400);
  }

  @Test
  void aStreamedBodyOverTheLimitIsTheClientsDoing() {
    var response =
        new ProblemMappers()
            .unexpected(new RuntimeException(new java.io.IOException("Request too large")), null);
    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(new ProblemMappers().unexpected(new java.io.IOException("disk"), null).getStatus())
        .isEqualTo(500);
  }

  @Test
  void trailingGarbageAfterTheBodyIsMalformed() {
    ObjectMapper strict = new ObjectMapper().findAndRegisterModules();
    new StrictJson().customize(strict);
    Exception e = catching(() -> strict.readValue("{\"body\":\"x\"}}]", Post.class));
    assertThat(ProblemMappers.isClientJson(e)).isTrue();
    assertThat(ProblemMappers.fromJson(e).status()).isEqualTo(400);
  }

  private static Exception catching(java.util.concurrent.Callable<?> parse) {
    try {
      parse.call();
      throw new AssertionError("expected a failure");
    } catch (Exception e) {
      return e;
    }
  }

  private ProblemException parse(String json) {
    try {
      mapper.readValue(json, Post.class);
      throw new AssertionError("expected a failure for " + json);
    } catch (Exception e) {
      return ProblemMappers.fromJson(e);
    }
  }

  @Test
  void anUnreachableDatabaseIsA503ThatSaysToTryAgain() {
    RuntimeException refused =
        new RuntimeException(
            new java.util.concurrent.CompletionException(
                new java.net.ConnectException("Connection refused")));
    RuntimeException shuttingDown =
        new RuntimeException(
            new io.vertx.pgclient.PgException(
                "the database system is shutting down", "FATAL", "57P03", ""));
    RuntimeException lost =
        new io.smallrye.mutiny.CompositeException(
            new IllegalStateException("HR000090: Live transaction detected"),
            io.vertx.sqlclient.ClosedConnectionException.INSTANCE);
    RuntimeException reset = new RuntimeException(new java.net.SocketException("Connection reset"));
    for (RuntimeException failure : List.of(refused, shuttingDown, lost, reset)) {
      try (var response = new ProblemMappers().unexpected(failure, null)) {
        assertThat(response.getStatus()).as(failure.toString()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("2");
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
      }
    }
  }

  @Test
  void otherDatabaseErrorsStayUnexpected() {
    RuntimeException constraint =
        new RuntimeException(
            new io.vertx.pgclient.PgException("duplicate key", "ERROR", "23505", ""));
    assertThat(DatabaseFailures.unreachable(constraint)).isNull();
  }
}
