package news.ticker.timeline.api;

import news.ticker.platform.problem.ProblemException;

/**
 * Where a read starts: {@code since} resumes a change stream; {@code before} pages a feed and
 * {@code asOf} reads the past.
 */
final class ReadPositions {

  private ReadPositions() {}

  /** They do not combine: 400 naming {@code since}. */
  static void notCombined(String since, String before, String asOf) {
    if (since != null && before != null) {
      throw ProblemException.invalidParameter("since", "cannot be combined with before");
    }
    if (since != null && asOf != null) {
      throw ProblemException.invalidParameter("since", "cannot be combined with asOf");
    }
  }
}
