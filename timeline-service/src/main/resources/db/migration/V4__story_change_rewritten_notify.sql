-- Stored changes are appended, and rewritten in place only to blank texts: a destroyed content key
-- (KeyStore.destroy) or a redacted analysis (AnalysisRedactions) sets their text fields to {"redacted": true}.
-- Each replica keeps a story's newest SSE frames in memory for clients that catch up after a reconnect, so it must
-- hear of every such rewrite, whichever replica committed it. The notification goes on the channel of V3 with a
-- third part, the version: generation:story_id:version. A rewrite also bumps the story's view row (V3), so the read
-- cache forgets the story as before. PostgreSQL delivers it after the commit, to every listening session.
create or replace function notify_story_change_rewritten() returns trigger
language plpgsql as $$
begin
  perform pg_notify('ticker_story_changed', new.generation || ':' || new.story_id || ':' || new.version);
  return null;
end
$$;

create trigger story_change_rewritten
  after update on story_change
  for each row when (old.data is distinct from new.data)
  execute function notify_story_change_rewritten();
