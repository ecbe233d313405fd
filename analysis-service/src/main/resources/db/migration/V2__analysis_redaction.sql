-- An admin's redaction removes title, standfirst and body of an analysis and of every revision for good;
-- the public note and its time stay.
alter table analysis alter column title drop not null;
alter table analysis alter column body drop not null;
alter table analysis add column redaction_reason text;
alter table analysis add column redacted_at timestamptz;
alter table analysis_revision alter column title drop not null;
alter table analysis_revision alter column body drop not null;
