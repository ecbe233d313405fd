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
import java.util.function.Function;
import news.ticker.ingest.eventstore.StreamConflict;
import news.ticker.platform.http.WriteContext;
import news.ticker.platform.idempotency.IdempotencyKey;
import news.ticker.platform.idempotency.IdempotentWrites;
import news.ticker.platform.idempotency.StoredResponse;
import news.ticker.platform.problem.ProblemException;
import news.ticker.platform.problem.ProblemType;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Runs an HTTP write in one transaction, at most once per {@code Idempotency-Key}: platform's
 * {@link IdempotentWrites} claims the key, runs the work and stores its response with the key. A
 * retry with the same key gets the stored response and changes nothing; a concurrent duplicate
 * waits for the first and gets its response. What a fresh write does after its commit runs once the
 * transaction committed, never for a replay.
 */
@ApplicationScoped
public class Writes {

  @Inject Transactions transactions;
  @Inject IdempotentWrites idempotentWrites;
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
    Committed committed = new Committed();
    return transactions
        .run(
            session -> {
              committed.outcome = null;
              return idempotentWrites.run(
                  session, key, () -> work.apply(session).map(committed::ran));
            })
        .onFailure(e -> e instanceof StreamConflict || Transactions.isLockTimeout(e))
        .transform(e -> contended())
        .invoke(() -> committed.afterCommit());
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

  /**
   * The outcome of the one attempt whose transaction committed, when that attempt ran the work
   * rather than replaying an earlier response. Each attempt starts without one: a retried
   * transaction forgets what its rolled-back predecessor did.
   */
  private final class Committed {

    private volatile WriteOutcome outcome;

    StoredResponse ran(WriteOutcome outcome) {
      this.outcome = outcome;
      return toStoredResponse(outcome);
    }

    void afterCommit() {
      WriteOutcome fresh = outcome;
      if (fresh != null) {
        fresh.afterCommit().run();
      }
    }
  }
}
