-- An update redacted by an admin (update-redacted): the public note shown in place of its texts.
alter table update_view add column redaction_reason text;
alter table update_view add column redacted_at timestamptz;
