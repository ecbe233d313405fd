package news.ticker.timeline.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import news.ticker.timeline.TimelineConfig;
import news.ticker.timeline.feed.FeedReader;
import news.ticker.timeline.feed.PublicUpdate;
import news.ticker.timeline.jsonld.LiveBlogPosting;
import news.ticker.timeline.readmodel.Generations;
import news.ticker.timeline.readmodel.StoryView;
import news.ticker.timeline.story.StoryHeader;
import news.ticker.timeline.story.StoryReader;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Reads what the live page shows from the current read model, with the same readers as the JSON
 * API. All reads run in one read-only {@code REPEATABLE READ} transaction: one snapshot, so the
 * feed is exactly the story at the header's version. The page's stream resumes after that version,
 * and a change the feed already showed is never applied on top of it.
 */
@ApplicationScoped
public class LivePageReader {

  @Inject StoryReader stories;
  @Inject FeedReader feed;
  @Inject Generations generations;
  @Inject TimelineConfig config;

  /** The page of the story with this slug, or empty when there is none. */
  public Uni<Optional<LivePage>> read(String slug) {
    int generation = generations.active();
    return Panache.withTransaction(
        () ->
            Panache.getSession()
                .chain(
                    session ->
                        session
                            // Before any read of the transaction: one snapshot for all of them.
                            .createNativeQuery(
                                "set transaction isolation level repeatable read, read only")
                            .executeUpdate()
                            .chain(() -> bySlug(session, generation, slug))
                            .chain(
                                view ->
                                    view == null
                                        ? Uni.createFrom().item(Optional.<LivePage>empty())
                                        : page(session, generation, view).map(Optional::of))));
  }

  /** The story with this slug (ingest keeps slugs unique), or null. */
  private static Uni<StoryView> bySlug(Mutiny.Session session, int generation, String slug) {
    return session
        .createSelectionQuery(
            "from StoryView where generation = :generation and slug = :slug", StoryView.class)
        .setParameter("generation", generation)
        .setParameter("slug", slug)
        .setMaxResults(1)
        .getSingleResultOrNull();
  }

  /** The header, the first feed page and the JSON-LD of a story, in the caller's snapshot. */
  private Uni<LivePage> page(Mutiny.Session session, int generation, StoryView view) {
    int limit = config.paging().defaultLimit();
    return stories
        .header(session, generation, view)
        .chain(
            header ->
                feed.page(session, generation, header.id(), limit, null)
                    .chain(
                        first ->
                            feed.latest(
                                    session, generation, header.id(), config.jsonLd().maxUpdates())
                                .map(
                                    latest ->
                                        new LivePage(header, first, jsonLd(header, latest)))));
  }

  private ObjectNode jsonLd(StoryHeader header, List<PublicUpdate> latest) {
    return LiveBlogPosting.render(
        header, latest, config.jsonLd().publisherName(), config.jsonLd().publisherUrl());
  }
}
