package news.ticker.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
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
    assertThat(ProblemMappers.databaseUnreachable(constraint)).isNull();
  }
}
