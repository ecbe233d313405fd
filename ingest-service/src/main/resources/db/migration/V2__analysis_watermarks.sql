-- The highest version of each analysis stream ingest has applied to a story. Analysis events arrive
-- at least once and may be redelivered as a sequence (published, revised, ... again): an event at or
-- below the watermark was applied before and is skipped, so a redelivery never appends twice nor
-- rolls a story back to older metadata. Advanced in the transaction that appends to the story.
create table analysis_watermarks (
  analysis_id uuid        primary key,
  version     bigint      not null,
  applied_at  timestamptz not null default now()
);
