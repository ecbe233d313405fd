package news.ticker.timeline.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import news.ticker.platform.http.Params;
import news.ticker.platform.problem.ProblemException;
import news.ticker.timeline.Json;
import news.ticker.timeline.TimelineConfig;
import news.ticker.timeline.changes.ChangeLog;
import news.ticker.timeline.changes.ChangesPage;
import news.ticker.timeline.feed.FeedCursor;
import news.ticker.timeline.feed.FeedPage;
import news.ticker.timeline.feed.FeedReader;
import news.ticker.timeline.feed.PublicUpdate;
import news.ticker.timeline.feed.UpdateWithHistory;
import news.ticker.timeline.jsonld.LiveBlogPosting;
import news.ticker.timeline.readcache.ReadCache;
import news.ticker.timeline.readcache.Validator;
import news.ticker.timeline.readcache.Validators;
import news.ticker.timeline.readmodel.Generations;
import news.ticker.timeline.readmodel.StoryView;
import news.ticker.timeline.story.StatusNames;
import news.ticker.timeline.story.StoryCursor;
import news.ticker.timeline.story.StoryFold;
import news.ticker.timeline.story.StoryHeader;
import news.ticker.timeline.story.StoryHistory;
import news.ticker.timeline.story.StoryReader;
import news.ticker.timeline.story.VersionWait;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The public read API front-ends are written against. Every method is non-blocking: it runs on the
 * event loop and returns a {@link Uni} or a stream.
 */
@Tag(name = "Stories", description = "The public read API of live stories: no token needed")
@Path("/api/v1/stories")
public class StoriesResource {

  private static final String STORY = "story";

  @Inject StoryReader stories;
  @Inject FeedReader feed;
  @Inject StoryHistory history;
  @Inject ChangeLog changeLog;
  @Inject VersionWait versionWait;
  @Inject Generations generations;
  @Inject CachedResponses responses;
  @Inject TimelineConfig config;
  @Inject Validators validators;

  @APIResponse(
      responseCode = "200",
      description = "A page of stories, most recently updated first",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = StoryReader.StoryPage.class),
              examples = @ExampleObject(name = "live", ref = "storyList")))
  @APIResponse(
      responseCode = "304",
      description = "The If-None-Match tag is current: the client's copy is up to date")
  @APIResponse(responseCode = "400", description = "A malformed parameter")
  @Operation(operationId = "listStories", summary = "The stories, most recently updated first")
  @GET
  public Uni<Response> list(
      @Parameter(schema = @Schema(enumeration = {StatusNames.LIVE, StatusNames.CLOSED}))
          @QueryParam("status")
          String status,
      @QueryParam("section") String section,
      @QueryParam("slug") String slug,
      @Parameter(
              description = "Page size (default and maximum: ticker.timeline.paging)",
              schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1"))
          @QueryParam("limit")
          String limitParam,
      @Parameter(description = "The next cursor of the previous page") @QueryParam("cursor")
          String cursorParam,
      @Context HttpHeaders headers) {
    if (status != null && !status.equals(StatusNames.LIVE) && !status.equals(StatusNames.CLOSED)) {
      throw ProblemException.invalidParameter("status", "must be live or closed");
    }
    int limit =
        Params.limit(
            "limit", limitParam, config.paging().defaultLimit(), config.paging().maxLimit());
    StoryCursor cursor =
        cursorParam == null
            ? null
            : StoryCursor.decode(cursorParam)
                .orElseThrow(
                    () ->
                        ProblemException.invalidParameter("cursor", "is not a story list cursor"));
    int generation = generations.active();
    return read(session ->
            stories.list(
                session,
                generation,
                new StoryReader.StoryFilter(status, section, slug),
                limit,
                cursor))
        .map(
            page -> {
              long newest = page.items().stream().mapToLong(s -> s.version()).max().orElse(0);
              return responses.ok(page, MediaType.APPLICATION_JSON, newest, "list", headers);
            });
  }

  @APIResponse(
      responseCode = "200",
      description =
          "The story's header; as schema.org JSON-LD when the client's Accept prefers"
              + " application/ld+json",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = StoryHeader.class),
            examples = @ExampleObject(name = "live", ref = "storyHeader")),
        @Content(
            mediaType = LiveBlogPosting.MEDIA_TYPE,
            schema = @Schema(ref = "LiveBlogPosting"),
            examples = @ExampleObject(name = "live", ref = "storyJsonLd"))
      })
  @APIResponse(
      responseCode = "304",
      description = "The If-None-Match tag is current: the client's copy is up to date")
  @APIResponse(responseCode = "400", description = "A malformed parameter")
  @APIResponse(responseCode = "404", description = "No such story (or not yet open at asOf)")
  @Operation(operationId = "getStory", summary = "A story's header (JSON or JSON-LD)")
  @GET
  @Path("{storyId}")
  public Uni<Response> story(@BeanParam StoryReadRequest read, @Context HttpHeaders headers) {
    read.refuseCombinations(null);
    UUID storyId = read.storyId();
    Instant asOf = read.asOf();
    Long minVersion = read.minVersion();
    boolean jsonLd = prefersJsonLd(headers);
    String mediaType = jsonLd ? LiveBlogPosting.MEDIA_TYPE : MediaType.APPLICATION_JSON;
    if (asOf == null) {
      return current(
          new StoryRead(
              storyId, minVersion, jsonLd ? "ld" : Validator.HEADER, mediaType, headers, !jsonLd),
          (session, generation, view) ->
              stories
                  .header(session, generation, view)
                  .chain(
                      header ->
                          jsonLd
                              ? feed.latest(
                                      session, generation, storyId, config.jsonLd().maxUpdates())
                                  .map(updates -> (Object) jsonLd(header, updates))
                              : Uni.createFrom().item(header)));
    }
    return past(
        new StoryRead(
            storyId, minVersion, (jsonLd ? "ld" : "story") + "-asof-" + asOf, mediaType, headers),
        asOf,
        fold -> {
          StoryHeader header = fold.header(false);
          return jsonLd
              ? jsonLd(header, fold.feed().stream().limit(config.jsonLd().maxUpdates()).toList())
              : header;
        });
  }

  /**
   * A read of a story: which story and representation, and for whom; {@code cacheable} when {@link
   * ReadCacheRoute} serves it from memory (the JSON header, a first feed page).
   */
  private record StoryRead(
      UUID storyId,
      Long minVersion,
      String variant,
      String mediaType,
      HttpHeaders headers,
      boolean cacheable) {
    StoryRead(
        UUID storyId, Long minVersion, String variant, String mediaType, HttpHeaders headers) {
      this(storyId, minVersion, variant, mediaType, headers, false);
    }
  }

  /** Renders the body of a current read from the story's view row, in the read's session. */
  @FunctionalInterface
  private interface Render {
    Uni<Object> body(Mutiny.Session session, int generation, StoryView view);
  }

  /**
   * A current read: waits for {@code minVersion}, takes the story's validator (from this replica's
   * memory, else one query), answers 304 when the client holds its tag, else the body {@code
   * render} makes from the view row, tagged by that row. A cacheable read (the header, a first feed
   * page) leaves its page in the read cache for {@link ReadCacheRoute}.
   */
  private Uni<Response> current(StoryRead request, Render render) {
    return versionWait
        .awaitVersion(request.storyId(), request.minVersion())
        .chain(
            () -> {
              int generation = generations.active();
              return validators
                  .current(generation, request.storyId())
                  .chain(
                      read -> {
                        Validator validator =
                            read.validator()
                                .orElseThrow(
                                    () -> ProblemException.notFound(STORY, request.storyId()));
                        String etag = validator.tag(request.variant());
                        if (CachedResponses.holds(request.headers(), etag)) {
                          return Uni.createFrom().item(responses.notModified(etag));
                        }
                        return rendered(request, render, generation, validator);
                      });
            });
  }

  private Uni<Response> rendered(
      StoryRead request, Render render, int generation, Validator known) {
    ReadCache cache = validators.cache();
    long ticket = cache.begin(generation, request.storyId());
    return read(
        session ->
            existing(session, generation, request.storyId())
                .chain(
                    view ->
                        render
                            .body(session, generation, view)
                            .map(
                                body -> {
                                  boolean degraded =
                                      body instanceof StoryHeader header
                                          ? header.degraded()
                                          : known.degraded();
                                  Validator validator =
                                      new Validator(
                                          generation, view.version, view.representation, degraded);
                                  if (!validator.equals(known)) {
                                    // The database is ahead of this replica's memory: a change's
                                    // notification is still on its way. Forget the story now, so
                                    // that no later read here answers from the older validator.
                                    cache.changed(generation, request.storyId());
                                  }
                                  String etag = validator.tag(request.variant());
                                  byte[] bytes = Json.bytes(body);
                                  if (request.cacheable()) {
                                    cache.keep(
                                        request.storyId(),
                                        ticket,
                                        validator,
                                        request.variant(),
                                        new ReadCache.Page(etag, request.mediaType(), bytes));
                                  }
                                  return responses.ok(bytes, request.mediaType(), etag);
                                })));
  }

  /**
   * A read of a story as it stood at {@code asOf}: waits for {@code minVersion}, folds the story's
   * change log up to then and renders from the fold. Tagged by a hash of the body (a past state has
   * no view row to tag it by).
   */
  private Uni<Response> past(StoryRead request, Instant asOf, Function<StoryFold, Object> render) {
    return versionWait
        .awaitVersion(request.storyId(), request.minVersion())
        .chain(() -> past(request.storyId(), asOf))
        .map(
            fold ->
                responses.ok(
                    render.apply(fold),
                    request.mediaType(),
                    fold.version(),
                    request.variant(),
                    request.headers()));
  }

  private ObjectNode jsonLd(StoryHeader header, List<PublicUpdate> updates) {
    return LiveBlogPosting.render(
        header, updates, config.jsonLd().publisherName(), config.jsonLd().publisherUrl());
  }

  @APIResponse(
      responseCode = "200",
      description = "A page of the feed, newest first; retracted updates are left out",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = FeedPage.class),
              examples = @ExampleObject(name = "page", ref = "feedPage")))
  @APIResponse(
      responseCode = "304",
      description = "The If-None-Match tag is current: the client's copy is up to date")
  @APIResponse(responseCode = "400", description = "A malformed parameter or cursor")
  @APIResponse(responseCode = "404", description = "No such story (or not yet open at asOf)")
  @Operation(operationId = "getFeed", summary = "A page of a story's feed, newest first")
  @GET
  @Path("{storyId}/updates")
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Response> updates(
      @BeanParam StoryReadRequest read,
      @Parameter(
              description = "Page size (default and maximum: ticker.timeline.paging)",
              schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1"))
          @QueryParam("limit")
          String limitParam,
      @Parameter(description = "The next cursor of the previous page") @QueryParam("before")
          String beforeParam,
      @Context HttpHeaders headers) {
    read.refuseCombinations(beforeParam);
    UUID storyId = read.storyId();
    int limit =
        Params.limit(
            "limit", limitParam, config.paging().defaultLimit(), config.paging().maxLimit());
    FeedCursor before =
        beforeParam == null
            ? null
            : FeedCursor.decode(beforeParam)
                .orElseThrow(
                    () -> ProblemException.invalidParameter("before", "is not a feed cursor"));
    Instant asOf = read.asOf();
    Long minVersion = read.minVersion();
    String variant =
        "feed-"
            + limit
            + (before == null ? "" : "-" + beforeParam)
            + (asOf == null ? "" : "-" + asOf);
    if (asOf == null) {
      return current(
          new StoryRead(
              storyId, minVersion, variant, MediaType.APPLICATION_JSON, headers, before == null),
          (session, generation, view) ->
              feed.page(session, generation, storyId, limit, before).map(p -> (Object) p));
    }
    return past(
        new StoryRead(storyId, minVersion, variant, MediaType.APPLICATION_JSON, headers),
        asOf,
        fold -> pastPage(fold, limit, before));
  }

  /** A feed page of a past state, paged exactly like the current feed. */
  static FeedPage pastPage(StoryFold fold, int limit, FeedCursor before) {
    List<PublicUpdate> all =
        fold.feed().stream().filter(u -> before == null || before.isBefore(u)).toList();
    List<PublicUpdate> items = all.size() > limit ? all.subList(0, limit) : all;
    String next = null;
    if (all.size() > limit) {
      PublicUpdate last = items.get(items.size() - 1);
      next = new FeedCursor(last.publishedAt(), last.id()).encode();
    }
    return new FeedPage(items, next);
  }

  @APIResponse(
      responseCode = "200",
      description = "One update (retracted or not) with its public history",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = UpdateWithHistory.class),
              examples = @ExampleObject(name = "edited", ref = "updateWithHistory")))
  @APIResponse(
      responseCode = "304",
      description = "The If-None-Match tag is current: the client's copy is up to date")
  @APIResponse(responseCode = "400", description = "A malformed parameter")
  @APIResponse(responseCode = "404", description = "No such story or update")
  @Operation(operationId = "getUpdate", summary = "One update with its public history")
  @GET
  @Path("{storyId}/updates/{updateId}")
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Response> update(
      @BeanParam StoryReadRequest read,
      @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("updateId")
          String updateIdParam,
      @Context HttpHeaders headers) {
    read.refuseCombinations(null);
    UUID storyId = read.storyId();
    UUID updateId = Params.uuid("updateId", updateIdParam);
    Instant asOf = read.asOf();
    Long minVersion = read.minVersion();
    if (asOf == null) {
      return current(
          new StoryRead(
              storyId, minVersion, "update-" + updateId, MediaType.APPLICATION_JSON, headers),
          (session, generation, view) ->
              feed.update(session, generation, storyId, updateId)
                  .map(u -> (Object) orNotFound(u, updateId)));
    }
    return past(
        new StoryRead(storyId, minVersion, "update-" + asOf, MediaType.APPLICATION_JSON, headers),
        asOf,
        fold -> orNotFound(fold.updateWithHistory(updateId), updateId));
  }

  private static UpdateWithHistory orNotFound(Optional<UpdateWithHistory> update, UUID updateId) {
    return update.orElseThrow(() -> ProblemException.notFound("update", updateId));
  }

  @APIResponse(
      responseCode = "200",
      description =
          "The story's changes after a version, oldest first: what a page applies to catch up",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ChangesPage.class),
              examples = @ExampleObject(name = "first", ref = "changes")))
  @APIResponse(
      responseCode = "304",
      description = "The If-None-Match tag is current: the client's copy is up to date")
  @APIResponse(responseCode = "400", description = "A malformed parameter")
  @APIResponse(responseCode = "404", description = "No such story")
  @Operation(operationId = "getChanges", summary = "A story's changes after a version")
  @GET
  @Path("{storyId}/changes")
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Response> changes(
      @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("storyId")
          String storyIdParam,
      @Parameter(
              description = "The changes after this version (default 0: from the start)",
              schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
          @QueryParam("since")
          String sinceParam,
      @Parameter(
              description = "Page size (default and maximum: ticker.timeline.paging)",
              schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1"))
          @QueryParam("limit")
          String limitParam,
      // Refused with 400 (they belong to the feed and the header): read, but not in the contract.
      @Parameter(hidden = true) @QueryParam("before") String before,
      @Parameter(hidden = true) @QueryParam("asOf") String asOf,
      @Parameter(
              description = "Wait (briefly) until the story reached this version",
              schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
          @QueryParam("minVersion")
          String minVersionParam,
      @Context HttpHeaders headers) {
    ReadPositions.notCombined(sinceParam, before, asOf);
    if (before != null) {
      throw ProblemException.invalidParameter("before", "is not a parameter of /changes");
    }
    if (asOf != null) {
      throw ProblemException.invalidParameter("asOf", "is not a parameter of /changes");
    }
    UUID storyId = Params.uuid("storyId", storyIdParam);
    Long sinceVersion = Params.version("since", sinceParam);
    long since = sinceVersion == null ? 0 : sinceVersion;
    int limit =
        Params.limit(
            "limit",
            limitParam,
            config.paging().defaultChangesLimit(),
            config.paging().maxChangesLimit());
    Long minVersion = Params.version("minVersion", minVersionParam);
    return current(
        new StoryRead(
            storyId,
            minVersion,
            "changes-" + since + "-" + limit,
            MediaType.APPLICATION_JSON,
            headers),
        (session, generation, view) ->
            changeLog
                .after(generation, storyId, since, limit + 1, false)
                .map(entries -> changesPage(entries, limit)));
  }

  private static Object changesPage(List<ChangeLog.Entry> entries, int limit) {
    List<ChangeLog.Entry> page = entries.size() > limit ? entries.subList(0, limit) : entries;
    Long next = entries.size() > limit ? page.get(page.size() - 1).version() : null;
    return new ChangesPage(page.stream().map(ChangeLog.Entry::item).toList(), next);
  }

  /** The story's view, or a 404. */
  private Uni<StoryView> existing(Mutiny.Session session, int generation, UUID storyId) {
    return stories
        .view(session, generation, storyId)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound(STORY, storyId));
  }

  private Uni<StoryFold> past(UUID storyId, Instant asOf) {
    return history
        .asOf(generations.active(), storyId, asOf)
        .map(
            fold ->
                fold.orElseThrow(
                    () ->
                        ProblemException.notFound(
                            STORY, storyId + " (not yet open at " + asOf + ")")));
  }

  private static <T> Uni<T> read(Function<Mutiny.Session, Uni<T>> work) {
    return Panache.withSession(() -> Panache.getSession().chain(session -> work.apply(session)));
  }

  /** Whether the client asked for JSON-LD rather than JSON (by the order of its Accept). */
  static boolean prefersJsonLd(HttpHeaders headers) {
    MediaType jsonLd = MediaType.valueOf(LiveBlogPosting.MEDIA_TYPE);
    for (MediaType acceptable : headers.getAcceptableMediaTypes()) {
      if (acceptable.isWildcardType() || acceptable.isWildcardSubtype()) {
        return false;
      }
      if (acceptable.isCompatible(jsonLd)) {
        return true;
      }
      if (acceptable.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
        return false;
      }
    }
    return false;
  }
}
