package news.ticker.timeline.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import news.ticker.timeline.TimelineConfig;
import news.ticker.timeline.readcache.ReadCache;
import news.ticker.timeline.readcache.Validator;
import news.ticker.timeline.readcache.Validators;
import news.ticker.timeline.readmodel.Generations;

/**
 * The hot reads of a live page answered from this replica's memory, before RESTEasy runs: a
 * revalidation ({@code If-None-Match}) of a story's header or first feed page gets its 304, and an
 * unconditional read of them gets the page rendered under the current validator, when the {@link
 * ReadCache} holds them. Anything else, or anything the cache does not hold, passes on to {@link
 * StoriesResource}, which answers exactly the same way from the database and fills the cache.
 *
 * <p>It runs after the platform's {@code HttpEdge} (the first route of all), so security and CORS
 * headers apply. It never answers a request with a query other than {@code limit} on the feed (so
 * never {@code minVersion}, {@code asOf}, {@code before}, {@code since}), nor one whose {@code
 * Accept} names JSON-LD.
 */
@ApplicationScoped
public class ReadCacheRoute {

  static final String HEADER_PATH = "/api/v1/stories/:storyId";
  static final String FEED_PATH = "/api/v1/stories/:storyId/updates";

  @Inject Validators validators;
  @Inject Generations generations;
  @Inject TimelineConfig config;
  @Inject MeterRegistry registry;

  private Counter notModified;
  private Counter pages;

  void register(@Observes Router router) {
    if (!config.readCache().enabled()) {
      return;
    }
    notModified = registry.counter("ticker.timeline.read.cache.answers", "status", "304");
    pages = registry.counter("ticker.timeline.read.cache.answers", "status", "200");
    registry.gauge("ticker.timeline.read.cache.bytes", validators, v -> v.cache().bytes());
    registry.gauge("ticker.timeline.read.cache.stories", validators, v -> v.cache().stories());
    router.get(HEADER_PATH).handler(ctx -> serve(ctx, headerVariant(ctx.request())));
    router.get(FEED_PATH).handler(ctx -> serve(ctx, feedVariant(ctx.request())));
  }

  /** The header's variant, or null when this route must not answer. */
  private static String headerVariant(HttpServerRequest request) {
    String query = request.query();
    return query == null || query.isEmpty() ? Validator.HEADER : null;
  }

  /**
   * The first feed page's variant ({@code feed-<limit>}), or null when this route must not answer.
   */
  private String feedVariant(HttpServerRequest request) {
    String query = request.query();
    int limit = config.paging().defaultLimit();
    if (query != null && !query.isEmpty()) {
      if (!query.startsWith("limit=") || query.indexOf('&') >= 0) {
        return null;
      }
      String value = query.substring("limit=".length());
      if (value.isEmpty() || value.length() > 4 || !value.chars().allMatch(Character::isDigit)) {
        return null;
      }
      limit = Integer.parseInt(value);
      if (limit < 1 || limit > config.paging().maxLimit()) {
        return null; // the resource answers with the problem
      }
    }
    return "feed-" + limit;
  }

  private void serve(RoutingContext ctx, String variant) {
    HttpServerRequest request = ctx.request();
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    UUID storyId =
        variant == null || mentionsJsonLd(accept) ? null : uuid(ctx.pathParam("storyId"));
    if (storyId == null) {
      ctx.next();
      return;
    }
    ReadCache cache = validators.cache();
    int generation = generations.active();
    Optional<Validator> validator = cache.validator(generation, storyId);
    if (validator.isEmpty()) {
      ctx.next();
      return;
    }
    String tag = validator.get().tag(variant);
    if (CachedResponses.matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), tag)) {
      notModified.increment();
      cacheHeaders(ctx, tag).setStatusCode(304).end();
      return;
    }
    Optional<ReadCache.Page> page = cache.page(generation, storyId, variant);
    if (page.isEmpty() || !page.get().tag().equals(tag)) {
      ctx.next();
      return;
    }
    pages.increment();
    cacheHeaders(ctx, tag)
        .putHeader("Content-Type", page.get().mediaType())
        .end(Buffer.buffer(page.get().body()));
  }

  private io.vertx.core.http.HttpServerResponse cacheHeaders(RoutingContext ctx, String tag) {
    return ctx.response()
        .putHeader("ETag", tag)
        .putHeader("Cache-Control", config.http().cacheControl())
        .putHeader("Vary", "Accept");
  }

  private static boolean mentionsJsonLd(String accept) {
    return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("ld+json");
  }

  private static UUID uuid(String value) {
    try {
      return value == null || value.length() != 36 ? null : UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
