package news.ticker.ingest.importing;

import java.util.List;
import news.ticker.ingest.contentkey.UpdateKey;
import news.ticker.ingest.importing.ImportReport.RejectedLine;
import news.ticker.ingest.story.StoryCommand.ImportedUpdate;

/**
 * An import file checked line by line: the valid lines as updates with their texts already sealed
 * under fresh keys, and the rejected lines.
 */
record ParsedImport(
    List<ImportedUpdate> updates, List<UpdateKey> keys, List<RejectedLine> rejected) {}
