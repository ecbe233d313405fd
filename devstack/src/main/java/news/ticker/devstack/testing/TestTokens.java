package news.ticker.devstack.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import news.ticker.devstack.jwt.DevKeys;
import news.ticker.devstack.jwt.TokenMinter;

/**
 * Tokens for tests of services that use {@link JwtResource}: signed by the test JVM's key, issuer
 * {@value DevKeys#ISSUER}, valid for an hour. Every method returns a complete {@code Authorization}
 * header value ({@code "Bearer <jwt>"}); the negative variants feed the security test matrix.
 *
 * <pre>{@code
 * given().header("Authorization", TestTokens.bearer("editor")).post("/stories")...
 * }</pre>
 */
public final class TestTokens {

  private static final String BEARER = "Bearer ";

  private TestTokens() {}

  /**
   * A valid token whose {@code groups} are {@code roles}; {@code sub} is {@code test-<first role>}.
   */
  public static String bearer(String... roles) {
    return BEARER + token(roles);
  }

  /** The bare JWT of {@link #bearer(String...)}. */
  public static String token(String... roles) {
    return minter().mint(subject(roles), List.of(roles));
  }

  /** A valid token for another subject (e.g. to test "only the author may ..."). */
  public static String bearerFor(String subject, String... roles) {
    return BEARER + minter().mint(subject, List.of(roles));
  }

  /** Correctly signed, but expired an hour ago (well beyond the default clock skew of 60 s). */
  public static String expired(String role) {
    Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
    return BEARER
        + minter()
            .token()
            .subject(subject(role))
            .groups(role)
            .issuedAt(twoHoursAgo)
            .expiresAt(twoHoursAgo.plus(Duration.ofHours(1)))
            .sign();
  }

  /** Well-formed and current, but signed by a key the services do not trust. */
  public static String signedByOtherKey(String role) {
    return BEARER + TestKeys.otherKeys().minter().mint(subject(role), List.of(role));
  }

  /** Signed by the right key, but issued by someone else than {@value DevKeys#ISSUER}. */
  public static String wrongIssuer(String role) {
    return BEARER
        + minter()
            .token()
            .subject(subject(role))
            .groups(role)
            .issuer("urn:ticker:elsewhere")
            .sign();
  }

  /** The minter behind these helpers, for tokens of any other shape. */
  public static TokenMinter minter() {
    return TestKeys.keys().minter();
  }

  private static String subject(String... roles) {
    return roles.length == 0 ? "test-user" : "test-" + roles[0];
  }
}
