package news.ticker.timeline.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import news.ticker.platform.problem.ProblemException;

/** Parsing of request parameters; every failure is a 400 naming the parameter. */
final class Params {

  private Params() {}

  static UUID uuid(String name, String value) {
    try {
      UUID id = UUID.fromString(value);
      if (!id.toString().equalsIgnoreCase(value)) {
        throw new IllegalArgumentException();
      }
      return id;
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ProblemException.invalidParameter(name, "must be a UUID");
    }
  }

  static int limit(String name, String value, int defaultLimit, int maxLimit) {
    if (value == null) {
      return defaultLimit;
    }
    int limit;
    try {
      limit = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw ProblemException.invalidParameter(name, "must be a whole number");
    }
    if (limit < 1 || limit > maxLimit) {
      throw ProblemException.invalidParameter(name, "must be between 1 and " + maxLimit);
    }
    return limit;
  }

  /** A story version: a whole number, at least 0. Null when absent. */
  static Long version(String name, String value) {
    if (value == null) {
      return null;
    }
    long version;
    try {
      version = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw ProblemException.invalidParameter(name, "must be a story version (whole number)");
    }
    if (version < 0) {
      throw ProblemException.invalidParameter(name, "must not be negative");
    }
    return version;
  }

  /** An RFC 3339 date-time with offset. Null when absent. */
  static Instant instant(String name, String value) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant();
    } catch (DateTimeParseException e) {
      throw ProblemException.invalidParameter(
          name, "must be an RFC 3339 date-time with offset, e.g. 2024-05-01T12:00:00Z");
    }
  }

  /**
   * {@code since} resumes a change stream; {@code before} pages a feed and {@code asOf} reads the
   * past. They do not combine.
   */
  static void notCombined(String since, String before, String asOf) {
    if (since != null && before != null) {
      throw ProblemException.invalidParameter("since", "cannot be combined with before");
    }
    if (since != null && asOf != null) {
      throw ProblemException.invalidParameter("since", "cannot be combined with asOf");
    }
  }
}
