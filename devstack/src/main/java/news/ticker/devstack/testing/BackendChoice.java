package news.ticker.devstack.testing;

import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Picks the {@link Backend} of a test resource, in this order:
 *
 * <ol>
 *   <li>the resource's own variable is set (e.g. {@code KAFKA_BOOTSTRAP_SERVERS}) → {@link
 *       Backend#EXTERNAL};
 *   <li>{@code TICKER_TEST_BACKEND=embedded} or {@code =testcontainers} forces that backend;
 *   <li>a Docker engine answers → {@link Backend#TESTCONTAINERS};
 *   <li>otherwise → {@link Backend#EMBEDDED}.
 * </ol>
 *
 * A pure function of its inputs; the Docker probe is only called when the answer depends on it.
 */
public final class BackendChoice {

  /**
   * Forces a backend unless the resource's own variable is set: {@code embedded}, {@code
   * testcontainers}.
   */
  public static final String FORCE_VARIABLE = "TICKER_TEST_BACKEND";

  private BackendChoice() {}

  /**
   * @param environment the process environment (or a test's stand-in)
   * @param externalVariable the variable that names an external server, e.g. {@code
   *     KAFKA_BOOTSTRAP_SERVERS}
   * @param dockerAvailable asked at most once, and only if neither variable decides
   * @throws IllegalArgumentException for an unknown value of {@link #FORCE_VARIABLE}
   */
  public static Backend choose(
      Map<String, String> environment, String externalVariable, BooleanSupplier dockerAvailable) {
    if (isSet(environment.get(externalVariable))) {
      return Backend.EXTERNAL;
    }
    String forced = environment.get(FORCE_VARIABLE);
    if (isSet(forced)) {
      switch (forced.trim().toLowerCase(Locale.ROOT)) {
        case "embedded":
          return Backend.EMBEDDED;
        case "testcontainers":
          return Backend.TESTCONTAINERS;
        default:
          throw new IllegalArgumentException(
              FORCE_VARIABLE + " must be 'embedded' or 'testcontainers', not '" + forced + "'");
      }
    }
    return dockerAvailable.getAsBoolean() ? Backend.TESTCONTAINERS : Backend.EMBEDDED;
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }
}
