package news.ticker.platform.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The JWT parser Quarkus' bearer-token check uses, with a cache of verified tokens in front of
 * smallrye-jwt's own. Every write carries the author's token, and verifying its RSA signature again
 * on each request was a fifth of ingest's CPU under load (bench, write throughput). A token that
 * passed once is taken again without the signature check until the earlier of its {@code exp} and
 * {@link TokenCacheConfig#maxAge()}; a token that failed is checked again every time. Only {@link
 * #parse(String)}, the call of the request path, is cached; the other methods delegate.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {

  private final JWTParser delegate;
  private final VerifiedTokens<JsonWebToken> verified;
  private final Clock clock;

  @Inject
  public CachingJwtParser(DefaultJWTParser delegate, TokenCacheConfig config) {
    this(delegate, config, Clock.systemUTC());
  }

  CachingJwtParser(JWTParser delegate, TokenCacheConfig config, Clock clock) {
    this.delegate = delegate;
    this.verified = new VerifiedTokens<>(config.maxEntries(), config.maxAge());
    this.clock = clock;
  }

  @Override
  public JsonWebToken parse(String token) throws ParseException {
    Instant now = clock.instant();
    JsonWebToken cached = verified.get(token, now);
    if (cached != null) {
      return cached;
    }
    JsonWebToken parsed = delegate.parse(token);
    long exp = parsed.getExpirationTime();
    verified.put(token, parsed, exp > 0 ? Instant.ofEpochSecond(exp) : null, now);
    return parsed;
  }

  @Override
  public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
    return delegate.parse(token, context);
  }

  @Override
  public JsonWebToken verify(String token, PublicKey key) throws ParseException {
    return delegate.verify(token, key);
  }

  @Override
  public JsonWebToken verify(String token, SecretKey key) throws ParseException {
    return delegate.verify(token, key);
  }

  @Override
  public JsonWebToken verify(String token, String secret) throws ParseException {
    return delegate.verify(token, secret);
  }

  @Override
  public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
    return delegate.decrypt(token, key);
  }

  @Override
  public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
    return delegate.decrypt(token, key);
  }

  @Override
  public JsonWebToken decrypt(String token, String secret) throws ParseException {
    return delegate.decrypt(token, secret);
  }

  @Override
  public JsonWebToken parseOnly(String token) throws ParseException {
    return delegate.parseOnly(token);
  }
}
