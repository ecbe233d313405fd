package news.ticker.ingest.write;

/**
 * What a write did: its answer, the version of the stream it wrote (sent as ETag), and what to do
 * once its transaction committed (never run for a rolled-back attempt).
 */
public record WriteOutcome(Answer answer, long version, Runnable afterCommit) {}
