package news.ticker.platform.problem;

import java.util.Optional;
import news.ticker.platform.decision.Rejection;
import news.ticker.platform.decision.Rejection.Conflict;
import news.ticker.platform.decision.Rejection.Invalid;
import news.ticker.platform.decision.Rejection.NotFound;
import news.ticker.platform.decision.Rejection.PreconditionFailed;

/**
 * The one mapping of a decider's {@link Rejection} to its HTTP answer: 404, 409, 412 (with the
 * current {@code ETag}) and 422 naming the field. Deciders never see HTTP; the edge calls this.
 */
public final class Rejections {

  private Rejections() {}

  public static ProblemException problem(Rejection rejection) {
    if (rejection instanceof NotFound r) {
      return ProblemException.notFound(r.what(), r.id());
    } else if (rejection instanceof Conflict r) {
      return ProblemException.conflict(r.detail());
    } else if (rejection instanceof PreconditionFailed r) {
      return ProblemException.preconditionFailed(r.currentVersion());
    } else if (rejection instanceof Invalid r) {
      return ProblemException.unprocessable(r.field(), r.reason());
    }
    throw new IllegalArgumentException("no answer for " + rejection);
  }

  /**
   * @throws ProblemException the answer to the rejection, if there is one
   */
  public static void throwIfAny(Optional<? extends Rejection> rejection) {
    if (rejection.isPresent()) {
      throw problem(rejection.get());
    }
  }
}
