-- Platform tables, shared by every service in its own database. Applied at startup by PlatformSchema;
-- every statement is idempotent, so changes are appended as further idempotent statements.

-- Transactional outbox: rows are written in the same transaction as the state change they announce, and
-- published to Kafka by the one active relay (pg advisory lock) in id order, which is per-stream order.
create table if not exists ticker_outbox (
  id             bigserial primary key,
  event_id       uuid        not null,
  topic          text        not null,
  message_key    text        not null,
  headers        text        not null,          -- JSON object of header name to value
  payload        text,                          -- JSON data; null is a tombstone
  stream_id      text        not null,
  stream_version bigint,
  created_at     timestamptz not null default now(),
  published_at   timestamptz
);
create index if not exists ticker_outbox_unpublished on ticker_outbox (id) where published_at is null;
create index if not exists ticker_outbox_published_at on ticker_outbox (published_at) where published_at is not null;

-- Idempotency keys: claimed in the same transaction as the write they protect, completed with its response.
create table if not exists ticker_idempotency (
  scope            text        not null,        -- the caller (token subject)
  idem_key         text        not null,
  request_hash     text        not null,
  response_status  int,
  response_headers text,
  response_body    text,
  created_at       timestamptz not null default now(),
  primary key (scope, idem_key)
);
create index if not exists ticker_idempotency_created_at on ticker_idempotency (created_at);
