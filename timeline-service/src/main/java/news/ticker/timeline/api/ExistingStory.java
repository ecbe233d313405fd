package news.ticker.timeline.api;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The story named by the {@code storyId} path parameter must exist, checked before the method runs
 * ({@link StoryFilters}). For streams, whose status line is sent as soon as they start, this is the
 * only place a 404 can still be answered.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ExistingStory {}
