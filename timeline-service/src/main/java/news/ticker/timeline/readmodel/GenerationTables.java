package news.ticker.timeline.readmodel;

import java.util.List;

/** The tables that hold one row set per generation of the read model. */
public final class GenerationTables {

  public static final List<String> ALL =
      List.of(
          "story_change",
          "update_revision",
          "update_view",
          "related_article",
          "attached_analysis",
          "article_snapshot",
          "held_event",
          "story_view",
          "story_progress");

  private GenerationTables() {}
}
