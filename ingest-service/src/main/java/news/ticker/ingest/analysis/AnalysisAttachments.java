package news.ticker.ingest.analysis;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import news.ticker.events.AnalysisEvent;
import news.ticker.events.AnalysisEvent.AnalysisRedacted;
import news.ticker.events.AnalysisEvent.AnalysisWithdrawn;
import news.ticker.events.EventDecodingException;
import news.ticker.ingest.IngestConfig;
import news.ticker.ingest.story.PreparedCommand;
import news.ticker.ingest.story.StoryChange;
import news.ticker.ingest.story.StoryCommand;
import news.ticker.ingest.story.StoryDecider;
import news.ticker.ingest.story.StoryState.AttachedAnalysis;
import news.ticker.ingest.story.StoryStreams;
import news.ticker.ingest.write.Clock;
import news.ticker.ingest.write.Transactions;
import news.ticker.platform.problem.ProblemException;
import news.ticker.platform.problem.Rejections;
import news.ticker.platform.retry.Backoff;
import news.ticker.platform.retry.Retry;
import news.ticker.platform.retry.TransientFailures;
import org.jboss.logging.Logger;

/**
 * Brings analyses into their story's history: a published or revised analysis is attached (with its
 * current metadata), a withdrawn one detached, a redacted one marked redacted. Attaching exactly
 * what is attached already changes nothing, so a redelivered analysis event appends nothing.
 */
@ApplicationScoped
public class AnalysisAttachments {

  private static final Logger LOG = Logger.getLogger(AnalysisAttachments.class);

  @Inject Transactions transactions;
  @Inject StoryStreams streams;
  @Inject AnalysisWatermarks watermarks;
  @Inject IngestConfig config;

  /**
   * Applies the event to its story. Unexpected failures (the database unreachable) are retried with
   * backoff; what can never succeed (an unknown story) fails at once.
   */
  public Uni<Void> apply(AnalysisEvent event, long analysisVersion) {
    Duration base = config.analysisRetryBackoff();
    return Retry.with(Backoff.exponential(base, base.multipliedBy(10)).withJitter(1))
        .when(
            (failure, retries) ->
                !refused(failure) && retryAgain(failure, retries, config.analysisRetries()))
        .logging(LOG, "applying analysis " + event.analysisId())
        .run(() -> applyOnce(event, analysisVersion));
  }

  private Uni<Void> applyOnce(AnalysisEvent event, long analysisVersion) {
    UUID storyId = event.storyId();
    StoryCommand command = toCommand(event);
    return transactions
        .run(
            session ->
                streams
                    .lockAndLoad(session, storyId)
                    .invoke(state -> Rejections.throwIfAny(StoryDecider.refuseUnlessOpened(state)))
                    .chain(
                        state ->
                            watermarks
                                .advance(session, event.analysisId(), analysisVersion)
                                .chain(
                                    fresh ->
                                        fresh
                                            ? streams.decideAndAppend(
                                                session, state, PreparedCommand.of(command))
                                            : Uni.createFrom()
                                                .item(new StoryChange(state, state, List.of())))))
        .invoke(change -> streams.remember(change.after()))
        .invoke(
            change -> {
              if (change.changed()) {
                LOG.debugf(
                    "analysis %s applied to story %s at version %d",
                    event.analysisId(), storyId, change.after().version());
              }
            })
        .replaceWithVoid();
  }

  private static StoryCommand toCommand(AnalysisEvent event) {
    if (event instanceof AnalysisEvent.Announced e) {
      return new StoryCommand.AttachAnalysis(AttachedAnalysis.of(e), e.actor(), Clock.now());
    } else if (event instanceof AnalysisWithdrawn e) {
      return new StoryCommand.DetachAnalysis(e.analysisId(), e.actor(), Clock.now());
    } else if (event instanceof AnalysisRedacted e) {
      // Its texts are gone at the analysis service: the card keeps only the public note.
      return new StoryCommand.RedactAnalysisAttachment(
          e.analysisId(), e.reason(), e.actor(), Clock.now());
    }
    throw new IllegalArgumentException("unknown analysis event " + event.getClass());
  }

  /**
   * Whether a failure is worth another attempt. A transient one ({@link TransientFailures}: the
   * database unreachable, a deadlock, a lock not had in time) always is: the event would otherwise
   * go to the dead-letter topic during an outage and its analysis would never reach the story.
   * While it retries, the partition waits, which is right: nothing behind it could be applied
   * either. Other unexpected failures get a bounded number of attempts.
   */
  static boolean retryAgain(Throwable failure, int retry, int limit) {
    return TransientFailures.isTransient(failure) || retry < limit;
  }

  /** What never succeeds, however often it is tried: a refused command, an undecodable event. */
  private static boolean refused(Throwable failure) {
    return failure instanceof ProblemException
        || failure instanceof EventDecodingException
        || failure instanceof IllegalArgumentException;
  }
}
