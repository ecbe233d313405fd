-- The timeline read model. Every view table carries a "generation": a rebuild writes a new generation next to the
-- active one and switches timeline_generation.active_generation in one transaction, so readers never see a half
-- built model. Content keys are not a view (they are the key store of the removable texts) and have no generation.

-- The generation every replica reads and the projection writes; exactly one row.
create table timeline_generation (
  id                smallint    primary key default 1 check (id = 1),
  active_generation int         not null,
  switched_at       timestamptz not null default now()
);
insert into timeline_generation (id, active_generation) values (1, 1);

-- Per story: the last applied version (effectively-once: written in the same transaction as the views) and,
-- while the story is held at a gap, why and since when. A story may have progress before it has a view.
create table story_progress (
  generation       int         not null,
  story_id         uuid        not null,
  applied_version  bigint      not null default 0,
  held_since       timestamptz,          -- not null: held (degraded), later events wait in held_event
  hold_reason      text,                 -- version-gap | missing-content-key
  waiting_key_id   text,                 -- the content key a missing-content-key hold waits for
  skipped_versions bigint      not null default 0,
  primary key (generation, story_id)
);
create index story_progress_held on story_progress (generation) where held_since is not null;
create index story_progress_waiting_key on story_progress (waiting_key_id) where waiting_key_id is not null;

-- An admin's decision to let a held story continue, kept outside the generations so that every replay (rebuild)
-- takes the same decision at the same place: versions from_version..to_version are skipped (version-gap), or
-- version from_version is applied with its unavailable texts redacted (missing-content-key, to_version = from_version).
create table story_skip (
  story_id     uuid        not null,
  from_version bigint      not null,
  to_version   bigint      not null,
  kind         text        not null,
  skipped_at   timestamptz not null default now(),
  primary key (story_id, from_version)
);

-- Events of a held story, parked in version order until the gap is filled, retried or skipped.
create table held_event (
  generation int         not null,
  story_id   uuid        not null,
  version    bigint      not null,
  headers    jsonb       not null,       -- the CloudEvents headers of the record
  payload    text        not null,       -- the record value (event JSON)
  held_at    timestamptz not null default now(),
  primary key (generation, story_id, version)
);

create table story_view (
  generation          int         not null,
  story_id            uuid        not null,
  title               text        not null,
  slug                text        not null,
  section             text,
  language            text,
  summary             text,
  tags                jsonb       not null default '[]',
  canonical_url       text,
  status              text        not null,  -- live | closed
  coverage_start_time timestamptz,
  coverage_end_time   timestamptz,
  pinned_update_id    uuid,
  update_count        int         not null default 0,  -- updates that are not retracted
  version             bigint      not null,
  opened_at           timestamptz not null,
  updated_at          timestamptz not null,          -- recorded time of the last applied event
  primary key (generation, story_id)
);
-- Listing order: live first, then most recently updated.
create index story_view_listing on story_view (generation, (case when status = 'live' then 0 else 1 end), updated_at desc, story_id desc);
create index story_view_slug on story_view (generation, slug);

create table update_view (
  generation        int         not null,
  story_id          uuid        not null,
  update_id         uuid        not null,
  headline          text,
  body              text,
  authors           jsonb       not null default '[]',
  key_event         boolean     not null default false,
  pinned            boolean     not null default false,
  retracted         boolean     not null default false,
  corrected         boolean     not null default false,
  correction_note   text,                   -- of the latest correction
  corrected_at      timestamptz,
  redacted          boolean     not null default false,  -- its content key was destroyed
  key_id            text,
  published_at      timestamptz not null,
  first_recorded_at timestamptz not null,
  last_recorded_at  timestamptz not null,   -- last change of its content (dateModified)
  posted_version    bigint      not null,
  primary key (generation, story_id, update_id)
);
create index update_view_feed on update_view (generation, story_id, published_at desc, update_id desc) where not retracted;
create index update_view_key on update_view (key_id) where key_id is not null;

-- The public revision history of an update: posted, edited, corrected (with the note), retracted.
create table update_revision (
  generation  int         not null,
  story_id    uuid        not null,
  update_id   uuid        not null,
  version     bigint      not null,
  kind        text        not null,  -- posted | edited | corrected | retracted
  headline    text,
  body        text,
  authors     jsonb,
  note        text,
  redacted    boolean     not null default false,
  key_id      text,
  recorded_at timestamptz not null,
  primary key (generation, story_id, update_id, version)
);
create index update_revision_key on update_revision (key_id) where key_id is not null;

-- Related articles as linked (the snapshot of the link); article_snapshot refreshes them when the article changes.
create table related_article (
  generation     int         not null,
  story_id       uuid        not null,
  article_id     uuid        not null,
  headline       text,
  url            text,
  standfirst     text,
  linked_version bigint      not null,
  linked_at      timestamptz not null,
  primary key (generation, story_id, article_id)
);
create index related_article_by_article on related_article (generation, article_id);

-- The latest state of every article from ticker.article-events (highest stream version wins).
create table article_snapshot (
  generation      int         not null,
  article_id      uuid        not null,
  headline        text,
  url             text,
  standfirst      text,
  section         text,
  published_at    timestamptz,
  article_version bigint      not null,
  recorded_at     timestamptz not null,
  primary key (generation, article_id)
);

create table attached_analysis (
  generation           int         not null,
  story_id             uuid        not null,
  analysis_id          uuid        not null,
  title                text,
  standfirst           text,
  reading_time_minutes int         not null,
  link                 text,
  anchor_update_id     uuid,
  attached_version     bigint      not null,
  attached_at          timestamptz not null,
  primary key (generation, story_id, analysis_id)
);
create index attached_analysis_anchor on attached_analysis (generation, story_id, anchor_update_id);

-- Every applied change of a story, by version: the payload of /changes and of SSE frames, and what asOf folds.
create table story_change (
  generation  int         not null,
  story_id    uuid        not null,
  version     bigint      not null,
  type        text        not null,   -- bare event name, e.g. update-posted
  update_id   uuid,
  data        jsonb       not null,   -- public rendering: decrypted texts, no actor
  key_event   boolean     not null default false,  -- concerns an update that is (or just stopped being) a key event
  key_id      text,                   -- content key of the texts in data, for redaction
  recorded_at timestamptz not null,   -- ce_time: when the event was recorded at ingest
  primary key (generation, story_id, version)
);
create index story_change_key on story_change (key_id) where key_id is not null;
create index story_change_recorded on story_change (generation, story_id, recorded_at);

-- Content keys of removable texts (not generational: the key store, not a view).
create table content_key (
  key_id       text        primary key,
  story_id     uuid,
  key_material text        not null,     -- base64 of the AES-256 key
  created_at   timestamptz,
  stored_at    timestamptz not null default now()
);

-- Keys known to be destroyed: a replay meeting a text under such a key renders it redacted instead of waiting.
create table destroyed_key (
  key_id       text        primary key,
  destroyed_at timestamptz not null default now()
);

create table rebuild (
  id             uuid        primary key,
  generation     int         not null unique,
  status         text        not null,   -- running | switched | failed
  requested_by   text        not null,
  replica        text        not null,
  requested_at   timestamptz not null default now(),
  heartbeat_at   timestamptz not null default now(),
  finished_at    timestamptz,
  end_offsets    jsonb,                  -- captured at start: topic -> partition -> end offset
  positions      jsonb,                  -- progress: topic -> partition -> position
  events_applied bigint      not null default 0,
  error          text
);

-- Poison records sent to ticker.timeline.dead-letter, shared by every replica for the wellness check.
create table dead_letter (
  id               bigserial   primary key,
  topic            text        not null,
  partition_no     int         not null,
  record_offset    bigint      not null,
  record_key       text,
  reason           text        not null,
  detail           text,
  dead_lettered_at timestamptz not null default now()
);
create index dead_letter_at on dead_letter (dead_lettered_at);
