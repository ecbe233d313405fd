-- An update redacted by an admin (update-redacted): the public note shown in place of its texts.
alter table update_view add column redaction_reason text;
alter table update_view add column redacted_at timestamptz;

-- An analysis redacted by an admin (analysis-attachment-redacted): its card keeps only the public note.
alter table attached_analysis add column redaction_reason text;
alter table attached_analysis add column redacted_at timestamptz;

-- Analyses known to be redacted (not generational, like destroyed_key): a replay or rebuild renders their
-- analysis-attached events without title and standfirst.
create table redacted_analysis (
  analysis_id text        primary key,
  reason      text,
  redacted_at timestamptz not null
);
