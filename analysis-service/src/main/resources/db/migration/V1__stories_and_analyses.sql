-- The analysis service's own tables. Platform tables (ticker_outbox, ticker_idempotency) are not here:
-- PlatformSchema creates them outside this history.

-- Projection of ticker.story-events: only what analyses need to check their references.
create table story (
  id          uuid        primary key,
  status      text        not null check (status in ('OPEN', 'CLOSED')),
  -- Version of the last story event applied; events at or below it are duplicates and skipped.
  version     bigint      not null,
  updated_at  timestamptz not null
);

create table story_update (
  id           uuid        primary key,
  story_id     uuid        not null references story (id),
  retracted    boolean     not null default false,
  retracted_at timestamptz
);
create index story_update_story on story_update (story_id);

-- Current state of every analysis; the body is sanitised HTML.
create table analysis (
  id                   uuid        primary key,
  story_id             uuid        not null references story (id),
  anchor_update_id     uuid        references story_update (id),
  title                text        not null,
  standfirst           text,
  body                 text        not null,
  authors              text[]      not null,
  language             text        not null,
  status               text        not null check (status in ('DRAFT', 'PUBLISHED', 'WITHDRAWN')),
  -- 1 at creation, +1 for every change (revision, publish, withdrawal); the ETag and ce_streamversion.
  version              bigint      not null check (version >= 1),
  word_count           int         not null,
  reading_time_minutes int         not null,
  -- Set by the story projection when the anchor update is retracted; the analysis stays on its story.
  anchor_retracted     boolean     not null default false,
  created_at           timestamptz not null,
  created_by           text        not null,
  updated_at           timestamptz not null,
  updated_by           text        not null,
  published_at         timestamptz,
  withdrawn_at         timestamptz
);
create index analysis_story_published on analysis (story_id, published_at desc) where status = 'PUBLISHED';
create index analysis_anchor on analysis (anchor_update_id) where anchor_update_id is not null;

-- Every content revision ever made (creation included), never updated or deleted.
create table analysis_revision (
  id                   uuid        primary key,
  analysis_id          uuid        not null references analysis (id),
  -- The analysis version this content became current at.
  version              bigint      not null,
  title                text        not null,
  standfirst           text,
  body                 text        not null,
  authors              text[]      not null,
  language             text        not null,
  word_count           int         not null,
  reading_time_minutes int         not null,
  actor                text        not null,
  revised_at           timestamptz not null,
  unique (analysis_id, version)
);
