-- The event store: every story and article event ingest decided, append-only and kept forever.
-- The primary key (stream_id, version) is the optimistic concurrency check: two writers (requests or
-- replicas) that decided on the same version cannot both commit; the loser reloads and decides again.
create table event_store (
  stream_id   uuid        not null,
  version     bigint      not null check (version > 0),
  stream_type text        not null check (stream_type in ('story', 'article')),
  event_id    uuid        not null unique,   -- ce_id, stable across republishing
  event_type  text        not null,          -- ce_type, e.g. news.ticker.update-posted.v1
  data        text        not null,          -- the event's JSON data exactly as published
  actor       text        not null,
  occurred_at timestamptz not null,
  recorded_at timestamptz not null default now(),
  constraint event_store_pkey primary key (stream_id, version)
);

-- History is never rewritten: texts are removed by destroying their content keys, not by editing events.
create function event_store_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'event_store is append-only (% refused)', tg_op;
end
$$;
create trigger event_store_append_only before update or delete on event_store
  for each row execute function event_store_refuse_change();
create trigger event_store_no_truncate before truncate on event_store
  for each statement execute function event_store_refuse_change();

-- Slugs are unique across stories; claimed in the transaction that opens the story.
create table story_slugs (
  slug     text primary key,
  story_id uuid not null unique
);

-- Per-update content keys (AES-256-GCM) that seal update texts. Destroying a key (key_bytes null,
-- destroyed_at set, plus a tombstone on ticker.content-keys) shreds the texts in every replay.
create table content_keys (
  key_id       uuid        primary key,     -- the update id
  story_id     uuid        not null,
  key_bytes    bytea,
  created_at   timestamptz not null,
  destroyed_at timestamptz,
  check ((key_bytes is null) = (destroyed_at is not null))
);
create index content_keys_story_id on content_keys (story_id);
