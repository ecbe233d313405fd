package news.ticker.ingest.write;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import news.ticker.ingest.eventstore.StreamConflict;
import news.ticker.platform.http.WriteContext;
import news.ticker.platform.idempotency.IdempotencyKey;
import news.ticker.platform.idempotency.IdempotencyStore;
import news.ticker.platform.idempotency.StoredResponse;
import news.ticker.platform.problem.ProblemException;
import news.ticker.platform.problem.ProblemType;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Runs an HTTP write: claims its {@code Idempotency-Key}, does the work and stores the response
 * with the key, all in one transaction. A retry with the same key gets the stored response and
 * changes nothing; a concurrent duplicate waits for the first and gets its response.
 */
@ApplicationScoped
public class Writes {

  @Inject Transactions transactions;
  @Inject IdempotencyStore idempotency;
  @Inject ObjectMapper mapper;

  /**
   * @param canonicalBody the request as it identifies the write for its idempotency key (the
   *     request DTO re-serialised; empty for requests without a body)
   */
  public Uni<Response> execute(
      WriteContext context,
      String canonicalBody,
      Function<Mutiny.Session, Uni<WriteOutcome>> work) {
    IdempotencyKey key = context.idempotencyKey(canonicalBody);
    return transactions
        .run(session -> attempt(session, key, work))
        .onFailure(e -> e instanceof StreamConflict || Transactions.isLockTimeout(e))
        .transform(e -> contended())
        .map(
            result -> {
              if (result.replayed().isPresent()) {
                return result.replayed().get().toReplayedResponse();
              }
              result.outcome().afterCommit().run();
              return result.response().toResponse();
            });
  }

  /** The answer to a write that waited too long for its story or article: 409, retry later. */
  public static ProblemException contended() {
    return new ProblemException(
        ProblemType.CONTENDED,
        "the story or article is busy with other writes; try again",
        List.of(),
        ProblemException.retryAfter(1));
  }

  /** The canonical form of a request body for its idempotency key. */
  public String canonical(Object request) {
    if (request == null) {
      return "";
    }
    try {
      return mapper.writeValueAsString(request);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a request", e);
    }
  }

  private Uni<Result> attempt(
      Mutiny.Session session,
      IdempotencyKey key,
      Function<Mutiny.Session, Uni<WriteOutcome>> work) {
    Uni<Optional<StoredResponse>> claim =
        key == null ? Uni.createFrom().item(Optional.empty()) : idempotency.claim(session, key);
    return claim.chain(
        earlier -> {
          if (earlier.isPresent()) {
            return Uni.createFrom().item(new Result(earlier, null, null));
          }
          return work.apply(session)
              .chain(
                  outcome -> {
                    StoredResponse response = toStoredResponse(outcome);
                    Uni<Void> stored =
                        key == null
                            ? Uni.createFrom().voidItem()
                            : idempotency.complete(session, key, response);
                    return stored.replaceWith(new Result(Optional.empty(), outcome, response));
                  });
        });
  }

  /** The response of a write as it is sent, and stored with its idempotency key. */
  public StoredResponse toStoredResponse(WriteOutcome outcome) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(HttpHeaders.ETAG, "\"" + outcome.version() + "\"");
    Answer answer = outcome.answer();
    if (answer.location() != null) {
      headers.put(HttpHeaders.LOCATION, answer.location());
    }
    try {
      return new StoredResponse(answer.status(), headers, mapper.writeValueAsString(answer.body()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the response of a write", e);
    }
  }

  /** Either the replayed response of an earlier identical request, or this request's outcome. */
  private record Result(
      Optional<StoredResponse> replayed, WriteOutcome outcome, StoredResponse response) {}
}
