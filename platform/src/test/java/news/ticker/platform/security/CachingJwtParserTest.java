package news.ticker.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class CachingJwtParserTest {

  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

  /** A clock the test moves. */
  private static final class TestClock extends Clock {
    Instant now = NOW;

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private static TokenCacheConfig config(int maxEntries, Duration maxAge) {
    return new TokenCacheConfig() {
      @Override
      public int maxEntries() {
        return maxEntries;
      }

      @Override
      public Duration maxAge() {
        return maxAge;
      }
    };
  }

  private static JsonWebToken token(String name, long exp) {
    return new JsonWebToken() {
      @Override
      public String getName() {
        return name;
      }

      @Override
      public Set<String> getClaimNames() {
        return Set.of("exp");
      }

      @Override
      @SuppressWarnings("unchecked")
      public <T> T getClaim(String claimName) {
        return "exp".equals(claimName) ? (T) Long.valueOf(exp) : null;
      }
    };
  }

  /** A parser that counts its calls: "bad" fails, any other token expires at the given time. */
  private static final class CountingParser {
    final List<String> parsed = new ArrayList<>();
    final long exp;

    CountingParser(Instant exp) {
      this.exp = exp.getEpochSecond();
    }

    JWTParser proxy() {
      return (JWTParser)
          Proxy.newProxyInstance(
              JWTParser.class.getClassLoader(),
              new Class<?>[] {JWTParser.class},
              (p, method, args) -> {
                if (!method.getName().equals("parse") || args.length != 1) {
                  throw new UnsupportedOperationException(method.getName());
                }
                String raw = (String) args[0];
                parsed.add(raw);
                if (raw.equals("bad")) {
                  throw new ParseException("signature");
                }
                return token(raw, exp);
              });
    }
  }

  @Test
  void aVerifiedTokenIsTakenAgainWithoutVerifyingItUntilMaxAge() throws Exception {
    TestClock clock = new TestClock();
    CountingParser delegate = new CountingParser(NOW.plus(Duration.ofHours(1)));
    CachingJwtParser parser =
        new CachingJwtParser(delegate.proxy(), config(100, Duration.ofSeconds(60)), clock);

    JsonWebToken first = parser.parse("alice");
    clock.now = NOW.plusSeconds(59);
    assertThat(parser.parse("alice")).isSameAs(first);
    assertThat(delegate.parsed).containsExactly("alice");

    clock.now = NOW.plusSeconds(60);
    assertThat(parser.parse("alice").getName()).isEqualTo("alice");
    assertThat(delegate.parsed).containsExactly("alice", "alice");
  }

  @Test
  void aTokenIsNeverTakenFromTheCachePastItsOwnExpiry() throws Exception {
    TestClock clock = new TestClock();
    CountingParser delegate = new CountingParser(NOW.plusSeconds(10));
    CachingJwtParser parser =
        new CachingJwtParser(delegate.proxy(), config(100, Duration.ofSeconds(60)), clock);

    parser.parse("alice");
    clock.now = NOW.plusSeconds(10);
    parser.parse("alice");
    assertThat(delegate.parsed).containsExactly("alice", "alice");
  }

  @Test
  void aFailedTokenIsCheckedAgainEveryTime() {
    CountingParser delegate = new CountingParser(NOW.plus(Duration.ofHours(1)));
    CachingJwtParser parser =
        new CachingJwtParser(
            delegate.proxy(), config(100, Duration.ofSeconds(60)), new TestClock());

    assertThatThrownBy(() -> parser.parse("bad")).isInstanceOf(ParseException.class);
    assertThatThrownBy(() -> parser.parse("bad")).isInstanceOf(ParseException.class);
    assertThat(delegate.parsed).containsExactly("bad", "bad");
  }

  @Test
  void aFullCacheStoresNothingNewAndZeroEntriesTurnsItOff() throws Exception {
    TestClock clock = new TestClock();
    CountingParser delegate = new CountingParser(NOW.plus(Duration.ofHours(1)));
    CachingJwtParser full =
        new CachingJwtParser(delegate.proxy(), config(1, Duration.ofSeconds(60)), clock);
    full.parse("alice");
    full.parse("bob");
    full.parse("alice");
    full.parse("bob");
    assertThat(delegate.parsed).containsExactly("alice", "bob", "bob");

    delegate.parsed.clear();
    CachingJwtParser off =
        new CachingJwtParser(delegate.proxy(), config(0, Duration.ofSeconds(60)), clock);
    off.parse("alice");
    off.parse("alice");
    assertThat(delegate.parsed).containsExactly("alice", "alice");
  }

  @Test
  void expiredEntriesMakeRoomForNewOnes() throws Exception {
    TestClock clock = new TestClock();
    CountingParser delegate = new CountingParser(NOW.plus(Duration.ofHours(1)));
    CachingJwtParser parser =
        new CachingJwtParser(delegate.proxy(), config(1, Duration.ofSeconds(60)), clock);
    parser.parse("alice");
    clock.now = NOW.plusSeconds(61);
    parser.parse("bob");
    parser.parse("bob");
    assertThat(delegate.parsed).containsExactly("alice", "bob");
  }
}
