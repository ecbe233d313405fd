package news.ticker.analysis.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import news.ticker.analysis.AnalysisConfig;
import news.ticker.analysis.analysis.AnalysisDecider.Change;
import news.ticker.analysis.analysis.AnalysisDecider.Context;
import news.ticker.analysis.analysis.AnalysisDecider.Decision;
import news.ticker.analysis.analysis.AnalysisDecider.Rejected;
import news.ticker.analysis.content.AnalysisContent;
import news.ticker.analysis.content.ContentRules;
import news.ticker.analysis.revision.AnalysisRevision;
import news.ticker.analysis.revision.RevisionView;
import news.ticker.analysis.story.Story;
import news.ticker.analysis.story.StoryReferences;
import news.ticker.analysis.story.StoryReferences.Known;
import news.ticker.events.AnalysisEvent;
import news.ticker.events.EventEnvelope;
import news.ticker.events.Ids;
import news.ticker.platform.http.IfMatch;
import news.ticker.platform.http.WriteContext;
import news.ticker.platform.idempotency.IdempotencyKey;
import news.ticker.platform.idempotency.IdempotencyStore;
import news.ticker.platform.idempotency.IdempotentWrites;
import news.ticker.platform.idempotency.StoredResponse;
import news.ticker.platform.outbox.Outbox;
import news.ticker.platform.outbox.OutboxMessage;
import news.ticker.platform.problem.ProblemException;
import news.ticker.platform.problem.Rejections;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The analyses' use cases. A write first derives its {@code Idempotency-Key} from the request
 * ({@link WriteContext}) and has the content accepted by {@link ContentRules}; then it runs in one
 * transaction that locks the analysis row, checks {@code If-Match}, applies {@link
 * AnalysisDecider}'s decision, keeps the revision, appends the event to the outbox and stores the
 * response with the idempotency key: all of it commits or none.
 */
@ApplicationScoped
public class AnalysisService {

  /** {@code ce_source} of the analysis stream. */
  static final String SOURCE = "/ticker/analysis";

  static final String API_PATH = "/api/v1/analyses/";

  @Inject AnalysisConfig config;
  @Inject ContentRules contentRules;
  @Inject StoryReferences references;
  @Inject Outbox outbox;
  @Inject IdempotentWrites idempotentWrites;
  @Inject ObjectMapper json;
  @Inject IdempotencyStore idempotency;

  /** A new draft as sent: its story (required), the optional anchor update, the content. */
  public record Draft(UUID storyId, UUID anchorUpdateId, ContentRules.Submitted content) {}

  /** A new draft, its content accepted by {@link ContentRules}. */
  private record Create(UUID storyId, UUID anchorUpdateId, AnalysisContent content, String actor) {}

  /**
   * Creates a draft. An unknown story or update is waited for (outside any transaction) before it
   * is called unknown, so an analysis created right after its story works.
   *
   * @return 201 with the analysis, {@code Location} and {@code ETag}
   * @throws ProblemException 400 for a malformed {@code Idempotency-Key}, then 422 without a story
   */
  public Uni<Response> create(Draft draft, WriteContext write, Object body) {
    IdempotencyKey key = idempotencyKey(write, body);
    if (draft.storyId() == null) {
      throw ProblemException.unprocessable("storyId", "required");
    }
    return contentRules
        .acceptOffEventLoop(draft.content())
        .chain(
            content ->
                create(
                    new Create(draft.storyId(), draft.anchorUpdateId(), content, write.actor()),
                    key));
  }

  private Uni<Response> create(Create command, IdempotencyKey key) {
    return references
        .await(command.storyId(), command.anchorUpdateId())
        .invoke(known -> requireKnown(known, command))
        .chain(() -> inIdempotentTransaction(key, session -> insert(session, command)));
  }

  private Uni<StoredResponse> insert(Mutiny.Session session, Create command) {
    return references
        .lockForAnchoring(session, command.storyId(), command.anchorUpdateId())
        .chain(
            known -> {
              requireKnown(known, command);
              if (known.update() != null && known.update().retracted) {
                throw ProblemException.conflict(
                    "update " + command.anchorUpdateId() + " was retracted; anchor elsewhere");
              }
              Instant now = now();
              Analysis analysis =
                  Analysis.newDraft(
                      command.storyId(),
                      command.anchorUpdateId(),
                      command.content(),
                      command.actor(),
                      now);
              AnalysisRevision first =
                  AnalysisRevision.of(analysis.id, 1, command.content(), command.actor(), now);
              return session
                  .persist(analysis)
                  .chain(() -> session.persist(first))
                  .map(
                      ignored ->
                          respond(
                              Response.Status.CREATED,
                              analysis,
                              Map.of(HttpHeaders.LOCATION, API_PATH + analysis.id)));
            });
  }

  /**
   * Replaces the content, once {@link ContentRules} accepted it; a revision of a published analysis
   * announces {@code analysis-revised}.
   */
  public Uni<Response> revise(
      UUID id, ContentRules.Submitted submitted, WriteContext write, Object body) {
    IdempotencyKey key = idempotencyKey(write, body);
    return contentRules
        .acceptOffEventLoop(submitted)
        .chain(
            content ->
                decide(
                    id,
                    write,
                    key,
                    (analysis, context) ->
                        AnalysisDecider.revise(analysis.state(), content, context)));
  }

  /** Publishes; announces {@code analysis-published} unless it already is published. */
  public Uni<Response> publish(UUID id, WriteContext write) {
    return decide(
        id,
        write,
        idempotencyKey(write, null),
        (analysis, context) -> AnalysisDecider.publish(analysis.state(), context));
  }

  /** Withdraws; announces {@code analysis-withdrawn} unless it already is withdrawn. */
  public Uni<Response> unpublish(UUID id, WriteContext write) {
    return decide(
        id,
        write,
        idempotencyKey(write, null),
        (analysis, context) -> AnalysisDecider.unpublish(analysis.state(), context));
  }

  /**
   * Redacts for good, in one transaction: title, standfirst and body of the analysis and of every
   * revision are removed, stored idempotent responses that name it are replaced by the redacted
   * analysis (they held the body) and their request hashes forgotten, and {@code analysis-redacted}
   * goes to the outbox when the analysis was ever published. Redacting again changes nothing.
   *
   * @param reason the public note, already checked
   */
  public Uni<Response> redact(UUID id, String reason, WriteContext write, Object body) {
    return onLockedAnalysis(
        id,
        write,
        idempotencyKey(write, body),
        (session, analysis, context) ->
            AnalysisDecider.redact(analysis.state(), reason, context)
                .map(redaction -> carryOutRedaction(session, analysis, reason, redaction, context))
                .orElseGet(() -> Uni.createFrom().item(analysis)));
  }

  private Uni<Analysis> carryOutRedaction(
      Mutiny.Session session,
      Analysis analysis,
      String reason,
      AnalysisDecider.Redaction redaction,
      Context context) {
    analysis.redact(reason, redaction.version(), context.actor(), context.now());
    StoredResponse redacted = respond(Response.Status.OK, analysis, Map.of());
    return session
        .createNativeQuery(
            "update analysis_revision set title = null, standfirst = null, body = null"
                + " where analysis_id = ?1")
        .setParameter(1, analysis.id)
        .executeUpdate()
        .chain(
            () ->
                idempotency.forgetRequestsMentioning(
                    session, analysis.id.toString(), redacted.body()))
        .chain(() -> announce(session, redaction.event(), redaction.version(), context))
        .replaceWith(analysis);
  }

  @WithSession
  public Uni<Analysis> find(UUID id) {
    return Analysis.findById(id);
  }

  /** The analysis as reads and writes answer it. */
  public AnalysisView view(Analysis analysis) {
    return AnalysisView.of(analysis, link(analysis.id));
  }

  /** The revisions, oldest first; 404 when the analysis does not exist. */
  @WithSession
  public Uni<List<RevisionView>> revisions(UUID id) {
    return Analysis.<Analysis>findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("analysis", id))
        .chain(
            analysis ->
                AnalysisRevision.<AnalysisRevision>find("analysisId", Sort.by("version"), id)
                    .list())
        .map(revisions -> revisions.stream().map(RevisionView::of).toList());
  }

  /** A story's published analyses, newest first; 404 when the story is unknown. */
  @WithSession
  public Uni<List<AnalysisSummary>> publishedOfStory(UUID storyId, int limit) {
    return Story.<Story>findById(storyId)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("story", storyId))
        .chain(
            story ->
                Analysis.<Analysis>find(
                        "storyId = ?1 and status = ?2",
                        Sort.descending("publishedAt").and("id", Sort.Direction.Descending),
                        storyId,
                        AnalysisStatus.PUBLISHED)
                    .page(0, limit)
                    .list())
        .map(analyses -> analyses.stream().map(a -> AnalysisSummary.of(view(a))).toList());
  }

  /** The public URL of an analysis, also its {@code link} in events. */
  public String link(UUID id) {
    String base = config.publicBaseUrl();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base + API_PATH + id;
  }

  /**
   * The request's {@code Idempotency-Key}, scoped to its actor, or null without the header.
   *
   * @throws ProblemException 400 naming {@code Idempotency-Key} when it is malformed
   */
  private IdempotencyKey idempotencyKey(WriteContext write, Object body) {
    return write.idempotencyKey(canonical(body));
  }

  /** The body as it identifies the request; the key's fingerprint adds method, path, If-Match. */
  private String canonical(Object body) {
    try {
      return body == null ? "" : json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot canonicalise the request", e);
    }
  }

  private Uni<Response> decide(
      UUID id,
      WriteContext write,
      IdempotencyKey key,
      BiFunction<Analysis, Context, Decision> rule) {
    return onLockedAnalysis(
        id,
        write,
        key,
        (session, analysis, context) ->
            carryOut(session, analysis, rule.apply(analysis, context), context));
  }

  /** Work on an analysis row locked for update, after its If-Match check, in the transaction. */
  @FunctionalInterface
  private interface LockedWork {
    Uni<Analysis> apply(Mutiny.Session session, Analysis analysis, Context context);
  }

  /**
   * An idempotent write of one existing analysis: claims the key, locks the row (404 if missing),
   * checks If-Match, runs {@code work} and answers 200 with the analysis as it then is, all in one
   * transaction; once committed, the outbox relay is woken for the event the work may have added.
   */
  private Uni<Response> onLockedAnalysis(
      UUID id, WriteContext write, IdempotencyKey key, LockedWork work) {
    return inIdempotentTransaction(
            key,
            session ->
                Analysis.<Analysis>findById(id, LockModeType.PESSIMISTIC_WRITE)
                    .onItem()
                    .ifNull()
                    .failWith(() -> ProblemException.notFound("analysis", id))
                    .chain(
                        analysis -> {
                          write.ifMatch().check(analysis.version);
                          Context context = new Context(write.actor(), now(), link(analysis.id));
                          return work.apply(session, analysis, context);
                        })
                    .map(analysis -> respond(Response.Status.OK, analysis, Map.of())))
        .invoke(outbox::committed);
  }

  /**
   * Runs a write and its {@code Idempotency-Key} (null without one) in one transaction: the key is
   * claimed first and stored with the write's answer; a key already answered gets that answer again
   * without the write running.
   */
  private Uni<Response> inIdempotentTransaction(
      IdempotencyKey key, Function<Mutiny.Session, Uni<StoredResponse>> write) {
    return Panache.withTransaction(
        () ->
            Panache.getSession()
                .chain(session -> idempotentWrites.run(session, key, () -> write.apply(session))));
  }

  /**
   * Applies a decision: new state, the kept revision and the outbox event, in the caller's tx. A
   * rejected command fails with its answer, which rolls the transaction back.
   */
  private Uni<Analysis> carryOut(
      Mutiny.Session session, Analysis analysis, Decision decision, Context context) {
    if (decision instanceof Rejected rejected) {
      return Uni.createFrom().failure(Rejections.problem(rejected.rejection()));
    }
    if (!(decision instanceof Change change)) {
      return Uni.createFrom().item(analysis);
    }
    analysis.apply(change, context.actor(), context.now());
    Uni<Void> revision =
        change.contentRevised()
            ? session.persist(
                AnalysisRevision.of(
                    analysis.id,
                    change.version(),
                    change.content(),
                    context.actor(),
                    context.now()))
            : Uni.createFrom().voidItem();
    return revision
        .chain(() -> announce(session, change.event(), change.version(), context))
        .replaceWith(analysis);
  }

  /** Appends the event, if the decision announced one, to the outbox of the transaction. */
  private Uni<Void> announce(
      Mutiny.Session session, Optional<AnalysisEvent> event, long version, Context context) {
    return event
        .map(
            announced ->
                outbox.append(
                    session,
                    List.of(
                        OutboxMessage.of(
                            new EventEnvelope(
                                Ids.newId(), SOURCE, context.now(), version, announced)))))
        .orElseGet(() -> Uni.createFrom().voidItem());
  }

  private static void requireKnown(Known known, Create command) {
    if (known.story() == null) {
      throw ProblemException.unprocessable(
          "storyId", "story " + command.storyId() + " is unknown to the analysis service");
    }
    if (command.anchorUpdateId() == null) {
      return;
    }
    if (known.update() == null) {
      throw ProblemException.unprocessable(
          "updateId", "update " + command.anchorUpdateId() + " is unknown to the analysis service");
    }
    if (!known.update().storyId.equals(command.storyId())) {
      throw ProblemException.unprocessable(
          "updateId", "update " + command.anchorUpdateId() + " belongs to another story");
    }
  }

  private StoredResponse respond(
      Response.Status status, Analysis analysis, Map<String, String> extraHeaders) {
    try {
      Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
      headers.put(HttpHeaders.ETAG, IfMatch.etag(analysis.version));
      String body = json.writeValueAsString(view(analysis));
      return new StoredResponse(status.getStatusCode(), headers, body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render analysis " + analysis.id, e);
    }
  }

  /** Microsecond precision: what PostgreSQL keeps, so events and reads agree on the instant. */
  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
