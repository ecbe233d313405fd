package news.ticker.platform.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What every service answers at its HTTP edge, before a request reaches a resource ({@code
 * ticker.http.*}, {@code ticker.cors.*}): see {@link HttpEdge}.
 */
public interface HttpEdgeConfig {

  /** Response headers ({@code ticker.http.*}). */
  @ConfigMapping(prefix = "ticker.http")
  interface Http {
    /**
     * The {@code Strict-Transport-Security} value sent on every response, for example {@code
     * max-age=31536000; includeSubDomains} ({@code TICKER_HTTP_STRICT_TRANSPORT_SECURITY}). Unset
     * (the default) sends none: TLS usually ends at the ingress, which knows better.
     */
    Optional<String> strictTransportSecurity();

    /** The {@code Content-Security-Policy} of API responses (JSON, problem+json, SSE). */
    @WithDefault("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
    String contentSecurityPolicy();
  }

  /** Cross-origin requests from browsers ({@code ticker.cors.*}). */
  @ConfigMapping(prefix = "ticker.cors")
  interface Cors {
    /**
     * The origins of the newsroom tools that may write from a browser, comma-separated, exactly as
     * browsers send them ({@code https://cms.example.org}); {@code TICKER_CORS_NEWSROOM_ORIGINS}.
     * Reads (GET, HEAD, SSE) are open to every origin. Unset: no origin may write.
     */
    Optional<List<String>> newsroomOrigins();

    /** How long a browser may cache a preflight answer ({@code Access-Control-Max-Age}). */
    @WithDefault("10m")
    Duration preflightMaxAge();
  }
}
