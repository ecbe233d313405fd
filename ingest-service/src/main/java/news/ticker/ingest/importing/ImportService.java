package news.ticker.ingest.importing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;
import news.ticker.events.StoryEvent.UpdatePosted;
import news.ticker.ingest.IngestConfig;
import news.ticker.ingest.story.PreparedCommand;
import news.ticker.ingest.story.StoryCommand;
import news.ticker.ingest.story.StoryWrites;
import news.ticker.ingest.write.Answer;
import news.ticker.ingest.write.Clock;
import news.ticker.platform.http.WriteContext;

/**
 * Bulk imports of updates from another system. The whole import is one command in one transaction:
 * it is all appended or nothing is, and an {@code Idempotency-Key} covers it like any write. Update
 * ids derive from story and {@code sourceId}, so importing again only reports the lines as already
 * present.
 */
@ApplicationScoped
public class ImportService {

  @Inject StoryWrites storyWrites;
  @Inject ObjectMapper mapper;
  @Inject IngestConfig config;

  public Uni<Response> importUpdates(UUID storyId, WriteContext context, String ndjson) {
    Instant now = Clock.now();
    ImportParser parser =
        new ImportParser(mapper, config.maxImportLines(), config.maxUpdateBodyBytes());
    return offEventLoop(() -> parser.parse(storyId, ndjson, now))
        .chain(
            parsed ->
                storyWrites.execute(
                    storyId,
                    context,
                    ndjson,
                    (session, state) ->
                        Uni.createFrom()
                            .item(
                                new PreparedCommand(
                                    new StoryCommand.ImportUpdates(
                                        parsed.updates(), context.actor(), now),
                                    parsed.keys())),
                    change -> {
                      int accepted =
                          (int)
                              change.events().stream()
                                  .filter(UpdatePosted.class::isInstance)
                                  .count();
                      return Answer.ok(
                          new ImportReport(
                              accepted,
                              parsed.updates().size() - accepted,
                              parsed.rejected(),
                              change.after().version()));
                    }));
  }

  /**
   * Runs parsing, sanitising and sealing of a large import on a worker thread, so the event loop
   * keeps serving other requests, and continues on the request's Vert.x context, where the reactive
   * database session lives.
   */
  private static <T> Uni<T> offEventLoop(Callable<T> work) {
    Context context = Vertx.currentContext();
    return Uni.createFrom()
        .emitter(
            emitter ->
                context
                    .executeBlocking(work, false)
                    .onComplete(
                        result -> {
                          if (result.succeeded()) {
                            emitter.complete(result.result());
                          } else {
                            emitter.fail(result.cause());
                          }
                        }));
  }
}
