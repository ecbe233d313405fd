package news.ticker.timeline.api;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import news.ticker.platform.problem.ProblemException;
import news.ticker.platform.problem.ProblemMappers;
import news.ticker.timeline.rebuild.Generations;
import news.ticker.timeline.story.StoryReader;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Request checks that must answer before a resource method starts. */
public class StoryFilters {

  @Inject StoryReader stories;
  @Inject Generations generations;

  /** 404 problem for an unknown story, 400 for a malformed id; nothing otherwise. */
  @ServerRequestFilter
  @ExistingStory
  public Uni<Response> storyMustExist(ContainerRequestContext request) {
    String id = request.getUriInfo().getPathParameters().getFirst("storyId");
    UUID storyId;
    try {
      storyId = Params.uuid("storyId", id);
    } catch (ProblemException e) {
      return Uni.createFrom().item(ProblemMappers.respond(e, request.getUriInfo()));
    }
    int generation = generations.active();
    return Panache.withSession(
        () ->
            Panache.getSession()
                .chain(session -> stories.view(session, generation, storyId))
                .map(
                    view ->
                        view != null
                            ? null
                            : ProblemMappers.respond(
                                ProblemException.notFound("story", storyId),
                                request.getUriInfo())));
  }
}
