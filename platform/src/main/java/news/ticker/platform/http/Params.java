package news.ticker.platform.http;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import news.ticker.platform.problem.ProblemException;

/**
 * Parsing of path and query parameters (and headers that carry one value). Every failure is a 400
 * problem of type {@code invalid-parameter} whose {@code errors[0].field} names the parameter
 * ({@link ProblemException#invalidParameter}), the same in every service.
 */
public final class Params {

  private Params() {}

  /** A UUID in its canonical form (36 characters, any case); absent is invalid too. */
  public static UUID uuid(String name, String value) {
    try {
      UUID id = UUID.fromString(value);
      if (!id.toString().equalsIgnoreCase(value)) {
        throw new IllegalArgumentException("not canonical");
      }
      return id;
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ProblemException.invalidParameter(name, "must be a UUID");
    }
  }

  /**
   * A page size: a whole number from 1 to {@code maxLimit}, surrounding blanks ignored; {@code
   * defaultLimit} when absent.
   */
  public static int limit(String name, String value, int defaultLimit, int maxLimit) {
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

  /** A stream version: a whole number, at least 0. Null when absent. */
  public static Long version(String name, String value) {
    if (value == null) {
      return null;
    }
    long version;
    try {
      version = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw ProblemException.invalidParameter(name, "must be a version (whole number)");
    }
    if (version < 0) {
      throw ProblemException.invalidParameter(name, "must not be negative");
    }
    return version;
  }

  /** An RFC 3339 date-time with offset. Null when absent. */
  public static Instant instant(String name, String value) {
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
}
