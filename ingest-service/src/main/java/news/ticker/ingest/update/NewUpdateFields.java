package news.ticker.ingest.update;

import java.util.List;

/**
 * The fields of a new update as a client sends them: posted on its own ({@link PostUpdateRequest})
 * or as a line of an import. Both are checked alike, by {@link CheckedUpdate#check}.
 */
public interface NewUpdateFields {

  String body();

  String headline();

  List<String> authors();

  String publishedAt();

  Boolean keyEvent();

  Boolean pinned();
}
