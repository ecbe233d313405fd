package news.ticker.bench.scenario;

import io.vertx.core.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleConsumer;
import news.ticker.bench.BenchContext;
import news.ticker.bench.http.Http;
import news.ticker.bench.load.OpenLoop;
import news.ticker.bench.load.Schedule;
import news.ticker.bench.measure.LatencySummary;
import news.ticker.bench.report.Format;
import news.ticker.bench.report.Grade;
import news.ticker.bench.report.ScenarioReport;

/**
 * One open-loop cell of single-story writes without readers: a new story, updates posted to it on a
 * schedule at the asked rate whatever is in flight (up to {@value #MAX_IN_FLIGHT} outstanding, the
 * rest counted as deferred), each write's latency from the moment it was due. Writes to one story
 * queue on its lock in ingest, so this is the rate one busy live blog can take.
 */
final class SingleStoryCell {

  /** Outstanding writes at most: a safety valve far above what the asked rates need. */
  static final int MAX_IN_FLIGHT = 2_000;

  /**
   * What one cell measured.
   *
   * @param retries writes answered 409 or 503 and sent again (their latency includes the retry)
   * @param lastVersion the story's last accepted version
   * @param secondsUntilProjected from the last reply until the timeline showed {@code lastVersion};
   *     NaN when it did not in time
   */
  record Result(
      int asked,
      String storyId,
      OpenLoop.Outcome outcome,
      long retries,
      long lastVersion,
      double secondsUntilProjected) {

    double achievedRate() {
      return outcome.achievedRate();
    }

    LatencySummary latency() {
      return LatencySummary.of(outcome.fromIntended().total());
    }

    long notAccepted() {
      return outcome.sent() - outcome.accepted();
    }
  }

  /**
   * The floor issue 15 sets for a single-story cell at an asked rate.
   *
   * @param minAchieved writes per second achieved at least
   * @param maxP99Ms p99 from the intended send at most; NaN when only the rate counts
   */
  record Floor(int asked, double minAchieved, double maxP99Ms, String what, String goal) {

    /**
     * The floor's grade. A floor on latency at a rate is never met below 95 % of the asked rate
     * (Grade.atRate): the latency was not measured at that rate. A floor on the achieved rate alone
     * grades that rate itself: 920/s of 1,000 asked meets "≥ 900/s".
     */
    Grade grade(double achieved, double p99Ms) {
      if (Double.isNaN(achieved)) {
        return Grade.NOT_MEASURED;
      }
      if (Double.isNaN(maxP99Ms)) {
        return Grade.of(achieved >= minAchieved);
      }
      boolean met =
          achieved >= minAchieved && (Double.isNaN(maxP99Ms) || (p99Ms <= maxP99Ms && p99Ms >= 0));
      return Grade.atRate(asked, achieved, met);
    }

    ScenarioReport.Target target(Result r) {
      if (r == null) {
        return new ScenarioReport.Target(what, goal, "not measured", Grade.NOT_MEASURED);
      }
      double p99 = r.latency().p99Ms();
      String measured =
          Format.number(r.achievedRate())
              + "/s of "
              + Format.count(asked)
              + "/s asked"
              + (Double.isNaN(maxP99Ms) ? "" : ", p99 " + Format.ms(p99));
      return new ScenarioReport.Target(what, goal, measured, grade(r.achievedRate(), p99));
    }
  }

  static final List<Floor> FLOORS =
      List.of(
          new Floor(
              100,
              99,
              50,
              "one story, 100 writes/s, no readers (open loop, from the intended send)",
              "achieved ≥ 99/s and p99 ≤ 50 ms"),
          new Floor(
              1_000,
              900,
              Double.NaN,
              "one story, 1,000 writes/s asked, no readers (open loop)",
              "achieved ≥ 900/s"));

  /** The floor for an asked rate, or null when issue 15 sets none. */
  static Floor floor(int asked) {
    return FLOORS.stream().filter(f -> f.asked() == asked).findFirst().orElse(null);
  }

  private SingleStoryCell() {}

  /**
   * Opens a story, posts to it at {@code rate} for {@code window}, then waits (at most {@code
   * projectionTimeout}) until the timeline shows its last version, so that the next phase does not
   * pay for this one's projection.
   */
  static Result run(
      BenchContext ctx,
      HttpClient ingest,
      HttpClient timeline,
      String token,
      List<String> bodies,
      int rate,
      Duration window,
      Duration projectionTimeout,
      DoubleConsumer progress) {
    Api.Opened story =
        Api.openStoryAndWait(
            ingest, token, "Bench: one story at " + rate + "/s", Api.slug("bench-one-story"));
    AtomicLong lastVersion = new AtomicLong(story.version());
    long retries0 = Api.RETRIES.sum();
    long windowMillis = window.toMillis();
    String label = String.format(Locale.ROOT, "one story, %d writes/s", rate);
    Schedule schedule =
        Schedule.forWindow(System.nanoTime() + 20_000_000L, rate, windowMillis / 1e3);
    OpenLoop.Outcome o =
        OpenLoop.run(
            ctx.http().vertx(),
            schedule,
            MAX_IN_FLIGHT,
            i ->
                Api.postUpdate(
                    ingest,
                    token,
                    story.storyId(),
                    bodies.get((int) Math.floorMod(i, (long) bodies.size())),
                    30_000),
            SingleStoryCell::accepted,
            (i, intended, r) -> {
              if (accepted(r)) {
                lastVersion.accumulateAndGet(Api.version(r), Math::max);
              }
            },
            ns -> {
              progress.accept(0.9 * Math.min(1.0, ns / 1e6 / windowMillis));
              ctx.progress()
                  .detail(
                      String.format(
                          Locale.ROOT,
                          "%s  %ds/%ds",
                          label,
                          ns / 1_000_000_000L,
                          windowMillis / 1000));
            });
    long retries = Api.RETRIES.sum() - retries0;
    ctx.progress().detail(label + "  waiting until the story is projected");
    long t0 = System.nanoTime();
    Http.Reply shown =
        Api.awaitProjected(
            timeline, story.storyId(), lastVersion.get(), t0 + projectionTimeout.toNanos());
    double projected =
        shown != null && shown.status() == 200 && Api.version(shown) >= lastVersion.get()
            ? (System.nanoTime() - t0) / 1e9
            : Double.NaN;
    progress.accept(1.0);
    return new Result(rate, story.storyId(), o, retries, lastVersion.get(), projected);
  }

  static boolean accepted(Http.Reply r) {
    return r.status() == 201 || r.status() == 200;
  }
}
