package news.ticker.timeline.changes;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A page of {@code /changes}: {@code {"changes": [...], "next": version or null}}.
 *
 * @param changes the changes after {@code since}, in version order
 * @param next the version to pass as {@code since} for the next page, or null at the end
 */
@Schema(name = "ChangesPage", description = "Changes after a version, oldest first")
public record ChangesPage(
    List<ChangeItem> changes,
    @Schema(
            nullable = true,
            minimum = "1",
            description = "The since of the next page, or null when this page reached the end")
        Long next) {}
