package news.ticker.analysis.content;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import news.ticker.analysis.AnalysisConfig;
import news.ticker.platform.html.HtmlSanitizer;
import news.ticker.platform.problem.FieldError;
import news.ticker.platform.problem.ProblemException;

/**
 * Turns what a client sent into {@link AnalysisContent}: sanitises the body with the platform's one
 * allow-list, reduces the other fields to plain text, and names every field at fault in one 422 (or
 * 413 for a body over the limit, checked first so a huge body is never parsed). Unicode passes
 * through intact; only control characters and markup go.
 */
@ApplicationScoped
public class ContentRules {

  static final int MAX_TITLE_CHARACTERS = 300;
  static final int MAX_STANDFIRST_CHARACTERS = 1_000;
  static final int MAX_AUTHORS = 20;
  static final int MAX_AUTHOR_CHARACTERS = 200;

  @Inject AnalysisConfig config;

  /** The fields as sent; any may be null. */
  public record Submitted(
      String title, String standfirst, String body, List<String> authors, String language) {}

  /**
   * {@link #accept} on a worker thread: parsing and sanitising up to a mebibyte of HTML takes long
   * enough to stall every other request on the event loop. The result arrives back on the caller's
   * Vert.x context, where Hibernate Reactive can go on.
   */
  public Uni<AnalysisContent> acceptOffEventLoop(Submitted submitted) {
    Context context = Vertx.currentContext();
    if (context == null) {
      return Uni.createFrom().item(() -> accept(submitted));
    }
    return Uni.createFrom()
        .completionStage(
            () -> context.executeBlocking(() -> accept(submitted), false).toCompletionStage());
  }

  /**
   * @throws ProblemException 413 when the body is over the limit, 422 naming the fields otherwise
   */
  public AnalysisContent accept(Submitted submitted) {
    int maxBodyBytes = config.maxBodyBytes();
    if (submitted.body() != null && utf8Length(submitted.body()) > maxBodyBytes) {
      throw ProblemException.tooLarge("body", maxBodyBytes);
    }
    List<FieldError> errors = new ArrayList<>();

    String title = HtmlSanitizer.plainText(submitted.title());
    if (title == null || title.isEmpty()) {
      errors.add(new FieldError("title", "required"));
    } else if (title.codePointCount(0, title.length()) > MAX_TITLE_CHARACTERS) {
      errors.add(new FieldError("title", "at most " + MAX_TITLE_CHARACTERS + " characters"));
    }

    String standfirst = HtmlSanitizer.plainText(submitted.standfirst());
    if (standfirst != null && standfirst.isEmpty()) {
      standfirst = null;
    }
    if (standfirst != null
        && standfirst.codePointCount(0, standfirst.length()) > MAX_STANDFIRST_CHARACTERS) {
      errors.add(
          new FieldError("standfirst", "at most " + MAX_STANDFIRST_CHARACTERS + " characters"));
    }

    HtmlSanitizer.Sanitized sanitized =
        submitted.body() == null ? null : HtmlSanitizer.clean(submitted.body());
    String body = sanitized == null ? null : sanitized.html();
    if (sanitized == null) {
      errors.add(new FieldError("body", "required"));
    } else if (!sanitized.hasContent()) {
      errors.add(new FieldError("body", "has no text or media once sanitised"));
    } else if (utf8Length(body) > maxBodyBytes) {
      // Escaping can make the sanitised form a little longer than what was sent.
      throw ProblemException.tooLarge("body", maxBodyBytes);
    }

    List<String> authors = authors(submitted.authors(), errors);
    String language = language(submitted.language(), errors);

    if (!errors.isEmpty()) {
      throw ProblemException.unprocessable(
          errors.size() == 1
              ? errors.get(0).field() + ": " + errors.get(0).message()
              : errors.size() + " fields are invalid",
          errors);
    }
    return new AnalysisContent(
        title,
        standfirst,
        body,
        authors,
        language,
        ReadingMetrics.of(body, language, config.wordsPerMinute()));
  }

  private static List<String> authors(List<String> submitted, List<FieldError> errors) {
    if (submitted == null) {
      return List.of();
    }
    if (submitted.size() > MAX_AUTHORS) {
      errors.add(new FieldError("authors", "at most " + MAX_AUTHORS + " authors"));
      return List.of();
    }
    List<String> authors = new ArrayList<>(submitted.size());
    for (int i = 0; i < submitted.size(); i++) {
      String author = HtmlSanitizer.plainText(submitted.get(i));
      String field = "authors[" + i + "]";
      if (author == null || author.isEmpty()) {
        errors.add(new FieldError(field, "must not be empty"));
      } else if (author.codePointCount(0, author.length()) > MAX_AUTHOR_CHARACTERS) {
        errors.add(new FieldError(field, "at most " + MAX_AUTHOR_CHARACTERS + " characters"));
      } else {
        authors.add(author);
      }
    }
    return authors;
  }

  /**
   * The language as a well-formed BCP 47 tag in canonical case ({@code nl-NL}, {@code zh-Hans}).
   */
  private static String language(String submitted, List<FieldError> errors) {
    if (submitted == null || submitted.isBlank()) {
      errors.add(new FieldError("language", "required (a BCP 47 tag such as nl or zh-Hans)"));
      return null;
    }
    try {
      Locale locale = new Locale.Builder().setLanguageTag(submitted.strip()).build();
      if (locale.getLanguage().isEmpty()) {
        throw new IllformedLocaleException("no language subtag");
      }
      return locale.toLanguageTag();
    } catch (IllformedLocaleException e) {
      errors.add(new FieldError("language", "not a BCP 47 language tag"));
      return null;
    }
  }

  private static int utf8Length(String text) {
    // The exact byte count without allocating a copy of a body of up to a mebibyte.
    int bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
