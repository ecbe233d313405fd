package news.ticker.analysis.analysis;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import news.ticker.analysis.content.AnalysisContent;
import news.ticker.events.AnalysisEvent;
import news.ticker.events.AnalysisEvent.AnalysisPublished;
import news.ticker.events.AnalysisEvent.AnalysisRedacted;
import news.ticker.events.AnalysisEvent.AnalysisRevised;
import news.ticker.events.AnalysisEvent.AnalysisWithdrawn;
import news.ticker.events.AnalysisEvent.Announced;
import news.ticker.platform.decision.Rejection;
import news.ticker.platform.decision.Rejection.Conflict;

/**
 * The rules of an analysis's life, as pure functions from its state and a command to a decision: no
 * I/O and no HTTP, so every rule is testable on its own. A refused command decides {@link Rejected}
 * with a typed {@link Rejection}; the caller maps it to its answer once ({@code
 * problem.Rejections}). {@link #evolve} is what a decided change makes of the state.
 *
 * <ul>
 *   <li>Every change adds exactly 1 to the version; a command that changes nothing (the same
 *       content again, publishing what is published, withdrawing what is withdrawn) decides {@link
 *       Unchanged} and the caller answers with the current version.
 *   <li>Only a published analysis is announced: publishing announces {@link AnalysisPublished},
 *       revising a published one {@link AnalysisRevised}, withdrawing it {@link AnalysisWithdrawn}.
 *       Drafts and withdrawn analyses change silently.
 *   <li>Events carry metadata only, never the body.
 *   <li>A draft that was never published cannot be withdrawn ({@link Conflict}, 409): there is
 *       nothing to take down.
 *   <li>Redaction (admin) is final: it removes the texts of every revision; a redacted analysis
 *       cannot be revised, published or withdrawn any more ({@link Conflict}, 409). It is announced
 *       ({@link AnalysisRedacted}) when the analysis was ever published.
 * </ul>
 */
public final class AnalysisDecider {

  private AnalysisDecider() {}

  /** What the rules look at. */
  public record State(
      UUID id,
      UUID storyId,
      UUID anchorUpdateId,
      AnalysisContent content,
      AnalysisStatus status,
      long version,
      boolean redacted,
      boolean everPublished) {}

  /** Who decides, when, and where readers find the analysis. */
  public record Context(String actor, Instant now, String link) {}

  /** The outcome of a command. */
  public sealed interface Decision permits Unchanged, Change, Rejected {}

  /** Nothing to do: the analysis already is what the command asks for. */
  public record Unchanged() implements Decision {}

  /** The command is refused and changes nothing; the caller answers with the rejection. */
  public record Rejected(Rejection rejection) implements Decision {}

  /**
   * The new state.
   *
   * @param contentRevised whether the content changed, so a revision must be kept
   * @param event what to announce on {@code ticker.analysis-events}, at {@code version}
   */
  public record Change(
      AnalysisStatus status,
      AnalysisContent content,
      long version,
      boolean contentRevised,
      Optional<AnalysisEvent> event)
      implements Decision {}

  /** The outcome of a redaction: the new version and what to announce. */
  public record Redaction(long version, Optional<AnalysisEvent> event) {}

  /**
   * Redacts; empty when the analysis already is redacted (nothing changes, nothing is announced).
   */
  public static Optional<Redaction> redact(State current, String reason, Context context) {
    if (current.redacted()) {
      return Optional.empty();
    }
    Optional<AnalysisEvent> event =
        current.everPublished()
            ? Optional.of(
                new AnalysisRedacted(
                    current.id(), current.storyId(), reason, context.actor(), context.now()))
            : Optional.empty();
    return Optional.of(new Redaction(current.version() + 1, event));
  }

  /**
   * The state after a change: what the analysis row takes over ({@code Analysis.apply}) and the
   * next command is decided on.
   */
  public static State evolve(State current, Change change) {
    return new State(
        current.id(),
        current.storyId(),
        current.anchorUpdateId(),
        change.content(),
        change.status(),
        change.version(),
        current.redacted(),
        current.everPublished() || change.status() == AnalysisStatus.PUBLISHED);
  }

  /**
   * The state after a redaction ({@code Analysis.redact}): title, standfirst and body are gone, the
   * rest of the content stays.
   */
  public static State evolve(State current, Redaction redaction) {
    return new State(
        current.id(),
        current.storyId(),
        current.anchorUpdateId(),
        current.content().redacted(),
        current.status(),
        redaction.version(),
        true,
        current.everPublished());
  }

  public static Decision revise(State current, AnalysisContent content, Context context) {
    if (current.redacted()) {
      return redacted(current);
    }
    if (content.equals(current.content())) {
      return new Unchanged();
    }
    long version = current.version() + 1;
    Optional<AnalysisEvent> event =
        current.status() == AnalysisStatus.PUBLISHED
            ? Optional.of(announce(AnalysisRevised::new, current, content, context))
            : Optional.empty();
    return new Change(current.status(), content, version, true, event);
  }

  public static Decision publish(State current, Context context) {
    if (current.redacted()) {
      return redacted(current);
    }
    if (current.status() == AnalysisStatus.PUBLISHED) {
      return new Unchanged();
    }
    return new Change(
        AnalysisStatus.PUBLISHED,
        current.content(),
        current.version() + 1,
        false,
        Optional.of(announce(AnalysisPublished::new, current, current.content(), context)));
  }

  public static Decision unpublish(State current, Context context) {
    if (current.redacted()) {
      return redacted(current);
    }
    return switch (current.status()) {
      case WITHDRAWN -> new Unchanged();
      case DRAFT ->
          new Rejected(
              new Conflict("analysis " + current.id() + " is a draft that was never published"));
      case PUBLISHED ->
          new Change(
              AnalysisStatus.WITHDRAWN,
              current.content(),
              current.version() + 1,
              false,
              Optional.of(
                  new AnalysisWithdrawn(
                      current.id(), current.storyId(), context.actor(), context.now())));
    };
  }

  private static Rejected redacted(State current) {
    return new Rejected(
        new Conflict(
            "analysis " + current.id() + " was redacted: its texts were removed for good"));
  }

  /**
   * The constructor both announcing events share: {@code AnalysisPublished::new} and {@code
   * AnalysisRevised::new}.
   */
  @FunctionalInterface
  private interface Announcement<E extends Announced> {
    E create(
        UUID analysisId,
        UUID storyId,
        UUID anchorUpdateId,
        String title,
        String standfirst,
        List<String> authors,
        String language,
        int wordCount,
        int readingTimeMinutes,
        String link,
        String actor,
        Instant occurredAt);
  }

  /** The announcement of the analysis with {@code content}: published or revised. */
  private static <E extends Announced> E announce(
      Announcement<E> event, State current, AnalysisContent content, Context context) {
    return event.create(
        current.id(),
        current.storyId(),
        current.anchorUpdateId(),
        content.title(),
        content.standfirst(),
        content.authors(),
        content.language(),
        content.metrics().wordCount(),
        content.metrics().readingTimeMinutes(),
        context.link(),
        context.actor(),
        context.now());
  }
}
