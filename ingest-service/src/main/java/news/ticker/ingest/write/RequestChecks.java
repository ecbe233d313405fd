package news.ticker.ingest.write;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import news.ticker.platform.html.HtmlSanitizer;
import news.ticker.platform.problem.FieldError;
import news.ticker.platform.problem.ProblemException;

/**
 * Validates and cleans the fields of one request, collecting every field at fault so the client
 * learns all of them at once (422 with one {@link FieldError} each). Plain-text fields lose markup
 * and control characters; everything else of Unicode is kept intact.
 */
public final class RequestChecks {

  public static final int MAX_TITLE = 300;
  public static final int MAX_HEADLINE = 300;
  public static final int MAX_SECTION = 100;
  public static final int MAX_SUMMARY = 2_000;
  public static final int MAX_STANDFIRST = 2_000;
  public static final int MAX_TAGS = 20;
  public static final int MAX_TAG = 60;
  public static final int MAX_AUTHORS = 20;
  public static final int MAX_AUTHOR = 100;
  public static final int MAX_REASON = 1_000;
  public static final int MAX_NOTE = 2_000;
  public static final int MAX_URL = 2_000;
  public static final int MAX_SLUG = 120;

  private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
  private static final Pattern RFC_3339 =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:[Zz]|[+-]\\d{2}:\\d{2})");

  private final List<FieldError> errors = new ArrayList<>();

  /** A required single-line text: markup removed, at most {@code maxLength} characters. */
  public String requiredText(String field, String value, int maxLength) {
    String text = optionalText(field, value, maxLength);
    if (text == null && !hasError(field)) {
      reject(field, "is required");
    }
    return text;
  }

  /** An optional single-line text; blank counts as absent (null). */
  public String optionalText(String field, String value, int maxLength) {
    if (value == null) {
      return null;
    }
    String text = HtmlSanitizer.plainText(value);
    if (text.isEmpty()) {
      return null;
    }
    if (text.codePointCount(0, text.length()) > maxLength) {
      reject(field, "at most " + maxLength + " characters");
    }
    return text;
  }

  /**
   * A list of single-line texts (tags, authors): each cleaned and non-blank, duplicates dropped, at
   * most {@code maxItems}. Null is an empty list.
   */
  public List<String> textList(String field, List<String> values, int maxItems, int maxLength) {
    if (values == null) {
      return List.of();
    }
    if (values.size() > maxItems) {
      reject(field, "at most " + maxItems + " entries");
      return List.of();
    }
    Set<String> cleaned = new LinkedHashSet<>();
    for (int i = 0; i < values.size(); i++) {
      String item = optionalText(field + "[" + i + "]", values.get(i), maxLength);
      if (item == null) {
        reject(field + "[" + i + "]", "must not be empty");
      } else {
        cleaned.add(item);
      }
    }
    return List.copyOf(cleaned);
  }

  /** An optional BCP 47 language tag, normalised ({@code nl-nl} becomes {@code nl-NL}). */
  public String language(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String tag = Locale.forLanguageTag(value.strip()).toLanguageTag();
    if (tag.equals("und") || !tag.equalsIgnoreCase(value.strip())) {
      reject(field, "not a BCP 47 language tag (e.g. nl, en-GB, pap-CW)");
      return null;
    }
    return tag;
  }

  /** An absolute http(s) URL. */
  public String httpUrl(String field, String value, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        reject(field, "is required");
      }
      return null;
    }
    String url = value.strip();
    if (url.length() > MAX_URL) {
      reject(field, "at most " + MAX_URL + " characters");
      return null;
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!uri.isAbsolute()
          || !(scheme.equals("http") || scheme.equals("https"))
          || uri.getHost() == null) {
        reject(field, "must be an absolute http or https URL");
        return null;
      }
      return url;
    } catch (URISyntaxException e) {
      reject(field, "must be an absolute http or https URL");
      return null;
    }
  }

  /** An optional RFC 3339 date-time with an offset, e.g. {@code 2025-03-01T14:05:00+01:00}. */
  public Instant timestamp(String field, String value) {
    if (value == null) {
      return null;
    }
    if (!RFC_3339.matcher(value).matches()) {
      reject(field, "must be an RFC 3339 date-time with offset, e.g. 2025-03-01T14:05:00Z");
      return null;
    }
    try {
      return OffsetDateTime.parse(
              value.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant();
    } catch (DateTimeParseException e) {
      reject(field, "not a valid date-time");
      return null;
    }
  }

  /** An optional URL slug: lowercase letters, digits and single hyphens. */
  public String slug(String field, String value) {
    if (value == null) {
      return null;
    }
    if (value.length() > MAX_SLUG || !SLUG.matcher(value).matches()) {
      reject(
          field,
          "lowercase letters, digits and single hyphens, at most " + MAX_SLUG + " characters");
      return null;
    }
    return value;
  }

  /**
   * An update body: sanitised by the one allow-list. Over {@code maxBytes} (UTF-8, as sent) it is
   * refused at once with 413; a body that is empty after sanitising is a 422.
   */
  public String body(String field, String html, int maxBytes) {
    if (html == null) {
      reject(field, "is required");
      return null;
    }
    if (html.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
      throw ProblemException.tooLarge(field, maxBytes);
    }
    HtmlSanitizer.Sanitized sanitized = HtmlSanitizer.clean(html);
    if (!sanitized.hasContent()) {
      reject(field, "has no text or media left after removing what is not allowed");
      return null;
    }
    return sanitized.html();
  }

  public void reject(String field, String message) {
    errors.add(new FieldError(field, message));
  }

  public List<FieldError> errors() {
    return List.copyOf(errors);
  }

  /**
   * @throws ProblemException 422 naming every field at fault, if any
   */
  public void throwIfInvalid() {
    if (!errors.isEmpty()) {
      String fields = String.join(", ", errors.stream().map(FieldError::field).toList());
      throw ProblemException.unprocessable("invalid fields: " + fields, errors);
    }
  }

  private boolean hasError(String field) {
    return errors.stream().anyMatch(e -> e.field().equals(field));
  }
}
