package news.ticker.analysis.api;

import news.ticker.platform.html.HtmlSanitizer;
import news.ticker.platform.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Why an analysis's texts are removed for good: the public note readers see in their place. */
@Schema(name = "RedactAnalysisRequest")
public record RedactAnalysisRequest(
    @Schema(required = true, maxLength = 1000, example = "Removed by court order") String reason) {

  private static final int MAX_REASON_CHARACTERS = 1_000;

  /**
   * The reason as plain text without surrounding blanks.
   *
   * @param request the body as sent, or null without one
   * @throws ProblemException 422 naming {@code reason} when there is none (no body either) or it is
   *     over 1000 characters
   */
  static String checkedReason(RedactAnalysisRequest request) {
    String reason = request == null ? null : HtmlSanitizer.plainText(request.reason());
    if (reason == null || reason.isBlank()) {
      throw ProblemException.unprocessable("reason", "required");
    }
    if (reason.codePointCount(0, reason.length()) > MAX_REASON_CHARACTERS) {
      throw ProblemException.unprocessable(
          "reason", "at most " + MAX_REASON_CHARACTERS + " characters");
    }
    return reason.strip();
  }
}
