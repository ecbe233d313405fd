-- Every replica keeps the validators (version, representation stamp, degraded) of current reads in memory and
-- answers If-None-Match without a query. What changes them is a write to a story's view row (a projected event, a
-- revised article, a destroyed content key: all bump version or representation) or to its hold (degraded).
-- PostgreSQL delivers a NOTIFY only after its transaction commits, to every listening session, so each replica
-- learns of every such change, whichever replica or service wrote it, and never before the database shows it.
-- Identical notifications of one transaction are folded into one by PostgreSQL.
create or replace function notify_story_changed() returns trigger
language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    perform pg_notify('ticker_story_changed', old.generation || ':' || old.story_id);
  else
    perform pg_notify('ticker_story_changed', new.generation || ':' || new.story_id);
  end if;
  return null;
end
$$;

create trigger story_view_changed
  after insert or update or delete on story_view
  for each row execute function notify_story_changed();

create trigger story_progress_hold_changed
  after update of held_since on story_progress
  for each row when (old.held_since is distinct from new.held_since)
  execute function notify_story_changed();

create trigger story_progress_hold_inserted
  after insert on story_progress
  for each row when (new.held_since is not null)
  execute function notify_story_changed();
