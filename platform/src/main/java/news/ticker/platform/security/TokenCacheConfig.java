package news.ticker.platform.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How long a service reuses a bearer token it has already verified ({@code
 * ticker.security.token-cache.*}): see {@link CachingJwtParser}.
 */
@ConfigMapping(prefix = "ticker.security.token-cache")
public interface TokenCacheConfig {

  /**
   * The most verified tokens kept at once ({@code TICKER_SECURITY_TOKEN_CACHE_MAX_ENTRIES}). A
   * newsroom has hundreds of people, each with one token at a time. When the cache is full of live
   * tokens a new one is verified on every request, never stored. 0 turns the cache off.
   */
  @WithDefault("10000")
  int maxEntries();

  /**
   * The longest a verification is reused ({@code TICKER_SECURITY_TOKEN_CACHE_MAX_AGE}), and never
   * past the token's own {@code exp}. It bounds how long a token signed by a key that was just
   * taken out of service keeps passing.
   */
  @WithDefault("60s")
  Duration maxAge();
}
