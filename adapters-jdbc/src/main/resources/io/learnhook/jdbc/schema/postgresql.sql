-- LearnHook schema for PostgreSQL 12 or later, schema version 1.
--
-- Stable path: io/learnhook/jdbc/schema/postgresql.sql. Every name starts with a placeholder for the
-- table prefix (default lh_), replaced when the script is loaded (Flyway replaces it too, as a
-- placeholder named prefix). Every statement is idempotent, so the script may run at every start;
-- JdbcStore.createSchema() runs it in one transaction under an advisory lock. Statements end with a
-- semicolon; comments take whole lines. Tables go to the connection's current schema (search_path).
--
-- Instants are timestamptz(6). Text compares exactly (case-sensitively) under any collation for the
-- equality lookups LearnHook makes. There are no foreign keys: an LMS may keep users and items in its
-- own tables, and completions outlive deleted webhooks.

-- Which layout the tables have, so that a later LearnHook can migrate them (docs/STORAGE.md).
CREATE TABLE IF NOT EXISTS ${prefix}schema_version (
  version INTEGER NOT NULL,
  description VARCHAR(255) NOT NULL,
  applied_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT ${prefix}schema_version_pk PRIMARY KEY (version)
);
INSERT INTO ${prefix}schema_version (version, description, applied_at)
  VALUES (1, 'initial layout', CURRENT_TIMESTAMP) ON CONFLICT DO NOTHING;

-- Companies (tenants), as LearnHook's demo and seed files know them.
-- uses_ext_uid: whether the company's reports carry ext_uid.
CREATE TABLE IF NOT EXISTS ${prefix}companies (
  id VARCHAR(255) NOT NULL,
  integration_enabled BOOLEAN NOT NULL,
  uses_ext_uid BOOLEAN DEFAULT FALSE NOT NULL,
  CONSTRAINT ${prefix}companies_pk PRIMARY KEY (id)
);
-- Tables made before outbound reports lack the column.
ALTER TABLE ${prefix}companies ADD COLUMN IF NOT EXISTS uses_ext_uid BOOLEAN DEFAULT FALSE NOT NULL;

-- Users. email_normalized is the email lower-cased (Locale.ROOT) by the adapter: the column lookups
-- use, so that matching ignores case the way Java does and a plain index serves it.
CREATE TABLE IF NOT EXISTS ${prefix}users (
  company_id VARCHAR(255) NOT NULL,
  id VARCHAR(255) NOT NULL,
  email VARCHAR(320) NOT NULL,
  email_normalized VARCHAR(320) NOT NULL,
  name VARCHAR(1000) NOT NULL,
  active BOOLEAN NOT NULL,
  ext_uid VARCHAR(255),
  -- A JSON object, keys in the LMS's order (text, not jsonb, which would reorder them).
  custom_fields TEXT NOT NULL,
  CONSTRAINT ${prefix}users_pk PRIMARY KEY (company_id, id)
);
CREATE INDEX IF NOT EXISTS ${prefix}users_email_idx ON ${prefix}users (company_id, email_normalized);

-- Learning items.
CREATE TABLE IF NOT EXISTS ${prefix}items (
  company_id VARCHAR(255) NOT NULL,
  id VARCHAR(255) NOT NULL,
  title VARCHAR(1000) NOT NULL,
  type VARCHAR(255) NOT NULL,
  slug VARCHAR(255),
  source_id VARCHAR(255),
  source_type VARCHAR(255),
  completion_controlled_externally BOOLEAN NOT NULL,
  CONSTRAINT ${prefix}items_pk PRIMARY KEY (company_id, id)
);
CREATE INDEX IF NOT EXISTS ${prefix}items_source_idx ON ${prefix}items (company_id, source_id);
CREATE INDEX IF NOT EXISTS ${prefix}items_slug_idx ON ${prefix}items (company_id, slug);

-- Incoming webhooks. key_hash is the SHA-256 of the key in hex; the key itself is never stored.
-- previous_key_hash is the key before the last rotation while it has a grace period, and
-- previous_key_valid_until when that ends (both NULL when the old key stopped at once); whether it
-- still works is decided in core with its clock. mapping is the field mapping's JSON config.
-- The webhook's own rate limit, set by its administrators: rate_limit_per_second and
-- rate_limit_burst both set, or rate_limit_off TRUE for no limit at all; all three unset (NULL,
-- NULL, FALSE) when the engine's RateLimits decide. Each node applies it (docs/SECURITY.md).
-- A name is unique within its company.
CREATE TABLE IF NOT EXISTS ${prefix}webhooks (
  id VARCHAR(255) NOT NULL,
  company_id VARCHAR(255) NOT NULL,
  name VARCHAR(255) NOT NULL,
  key_hash VARCHAR(64) NOT NULL,
  mapping TEXT NOT NULL,
  source_type VARCHAR(255),
  created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  key_rotated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  previous_key_hash VARCHAR(64),
  previous_key_valid_until TIMESTAMP(6) WITH TIME ZONE,
  rate_limit_per_second DOUBLE PRECISION,
  rate_limit_burst INTEGER,
  rate_limit_off BOOLEAN DEFAULT FALSE NOT NULL,
  CONSTRAINT ${prefix}webhooks_pk PRIMARY KEY (id),
  CONSTRAINT ${prefix}webhooks_key_hash_uk UNIQUE (key_hash)
);
-- Tables made before key rotation with a grace period get its columns.
ALTER TABLE ${prefix}webhooks ADD COLUMN IF NOT EXISTS previous_key_hash VARCHAR(64);
ALTER TABLE ${prefix}webhooks ADD COLUMN IF NOT EXISTS previous_key_valid_until TIMESTAMP(6) WITH TIME ZONE;
-- Tables made before per-webhook rate limits get their columns.
ALTER TABLE ${prefix}webhooks ADD COLUMN IF NOT EXISTS rate_limit_per_second DOUBLE PRECISION;
ALTER TABLE ${prefix}webhooks ADD COLUMN IF NOT EXISTS rate_limit_burst INTEGER;
ALTER TABLE ${prefix}webhooks ADD COLUMN IF NOT EXISTS rate_limit_off BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX IF NOT EXISTS ${prefix}webhooks_previous_key_idx ON ${prefix}webhooks (previous_key_hash);
CREATE UNIQUE INDEX IF NOT EXISTS ${prefix}webhooks_name_uk ON ${prefix}webhooks (company_id, name);

-- Completions. The two unique keys are the two ways a completion is "the same completion": event_key
-- is the SHA-256 (hex) of the webhook id and the event id, NULL when either is absent; facts_key the
-- SHA-256 of company, user, item and completion time (to the microsecond). Digests keep each key one
-- short column on every database and make the comparison byte-exact. Inserts use ON CONFLICT DO
-- NOTHING: the loser of a race waits for the winner's commit, inserts nothing and reads the winner.
CREATE TABLE IF NOT EXISTS ${prefix}completions (
  id VARCHAR(255) NOT NULL,
  company_id VARCHAR(255) NOT NULL,
  user_id VARCHAR(255) NOT NULL,
  item_id VARCHAR(255) NOT NULL,
  webhook_id VARCHAR(255),
  event_id VARCHAR(255),
  completed_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  recorded_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  result VARCHAR(255),
  -- 0 to 100, four decimal places.
  score DECIMAL(7, 4),
  total_time_seconds BIGINT,
  event_key CHAR(64),
  facts_key CHAR(64) NOT NULL,
  CONSTRAINT ${prefix}completions_pk PRIMARY KEY (id),
  CONSTRAINT ${prefix}completions_event_uk UNIQUE (event_key),
  CONSTRAINT ${prefix}completions_facts_uk UNIQUE (facts_key)
);

-- The request log: one row per authenticated call, newest = highest id. body is the request body
-- as received, its first 64 KiB of UTF-8 (body_truncated when cut; NULL when not read); reason
-- says why a refused call was refused, for the company's administrators.
CREATE TABLE IF NOT EXISTS ${prefix}request_log (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY NOT NULL,
  webhook_id VARCHAR(255) NOT NULL,
  received_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  dry_run BOOLEAN NOT NULL,
  outcome VARCHAR(16) NOT NULL,
  status INTEGER NOT NULL,
  mapped_fields TEXT,
  error TEXT,
  body TEXT,
  body_truncated BOOLEAN DEFAULT FALSE NOT NULL,
  reason TEXT,
  CONSTRAINT ${prefix}request_log_pk PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS ${prefix}request_log_webhook_idx ON ${prefix}request_log (webhook_id, id);
-- Tables made before body and reason get their columns.
ALTER TABLE ${prefix}request_log ADD COLUMN IF NOT EXISTS body TEXT;
ALTER TABLE ${prefix}request_log ADD COLUMN IF NOT EXISTS body_truncated BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE ${prefix}request_log ADD COLUMN IF NOT EXISTS reason TEXT;
-- Retention prunes by age across webhooks, oldest first (DeliveryWorkers.Retention).
CREATE INDEX IF NOT EXISTS ${prefix}request_log_received_idx ON ${prefix}request_log (received_at);

-- Report subscriptions (outbound reporting webhooks). authorization_value and signing_secret are kept
-- as given, since each request needs them; retry_policy is the policy's JSON (RetryPolicy.toJson).
-- disabled_reason says why LearnHook disabled it (a 410 Gone); previous_signing_secret is the secret
-- before the last rotation while it still signs, until previous_secret_until (both NULL otherwise).
CREATE TABLE IF NOT EXISTS ${prefix}report_subscriptions (
  id VARCHAR(255) NOT NULL,
  company_id VARCHAR(255) NOT NULL,
  callback_url VARCHAR(2000) NOT NULL,
  authorization_value VARCHAR(4000),
  enabled BOOLEAN NOT NULL,
  retry_policy VARCHAR(1000) NOT NULL,
  signing_secret VARCHAR(200),
  allow_private_network BOOLEAN NOT NULL,
  created_at TIMESTAMP(6) WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
  disabled_reason VARCHAR(1000),
  previous_signing_secret VARCHAR(200),
  previous_secret_until TIMESTAMP(6) WITH TIME ZONE,
  CONSTRAINT ${prefix}report_subscriptions_pk PRIMARY KEY (id)
);
-- Tables made before subscriptions were managed over HTTP get these columns.
ALTER TABLE ${prefix}report_subscriptions ADD COLUMN IF NOT EXISTS created_at TIMESTAMP(6) WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL;
ALTER TABLE ${prefix}report_subscriptions ADD COLUMN IF NOT EXISTS disabled_reason VARCHAR(1000);
ALTER TABLE ${prefix}report_subscriptions ADD COLUMN IF NOT EXISTS previous_signing_secret VARCHAR(200);
ALTER TABLE ${prefix}report_subscriptions ADD COLUMN IF NOT EXISTS previous_secret_until TIMESTAMP(6) WITH TIME ZONE;
CREATE INDEX IF NOT EXISTS ${prefix}subscriptions_company_idx ON ${prefix}report_subscriptions (company_id, id);

-- The outbox: one row per report to one subscriber, written in the transaction of its completion.
-- due_at is when the row may be claimed: next_attempt_at while PENDING, lease_until while IN_FLIGHT,
-- NULL once DELIVERED or FAILED. Workers claim by it, earliest first, with FOR UPDATE SKIP LOCKED.
CREATE TABLE IF NOT EXISTS ${prefix}deliveries (
  id VARCHAR(255) NOT NULL,
  subscription_id VARCHAR(255) NOT NULL,
  company_id VARCHAR(255) NOT NULL,
  completion_id VARCHAR(255) NOT NULL,
  payload TEXT NOT NULL,
  -- PENDING, DELIVERED or FAILED; a PENDING row with a claim_id is in flight under that claim.
  state VARCHAR(16) NOT NULL,
  attempts INTEGER NOT NULL,
  created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  next_attempt_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  due_at TIMESTAMP(6) WITH TIME ZONE,
  claim_id VARCHAR(64),
  lease_until TIMESTAMP(6) WITH TIME ZONE,
  last_attempt_at TIMESTAMP(6) WITH TIME ZONE,
  last_error VARCHAR(1000),
  finished_at TIMESTAMP(6) WITH TIME ZONE,
  CONSTRAINT ${prefix}deliveries_pk PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS ${prefix}deliveries_due_idx ON ${prefix}deliveries (due_at, id);
CREATE INDEX IF NOT EXISTS ${prefix}deliveries_company_idx ON ${prefix}deliveries (company_id, state, created_at);
-- The admin routes list a company's deliveries of every state (or of one of its subscriptions), newest
-- first.
CREATE INDEX IF NOT EXISTS ${prefix}deliveries_created_idx ON ${prefix}deliveries (company_id, created_at, id);
-- Retention deletes finished rows by state and age, oldest first (DeliveryWorkers.Retention).
CREATE INDEX IF NOT EXISTS ${prefix}deliveries_finished_idx ON ${prefix}deliveries (state, finished_at);

-- Every attempt of every delivery, in the order made (highest id = latest).
CREATE TABLE IF NOT EXISTS ${prefix}delivery_attempts (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY NOT NULL,
  delivery_id VARCHAR(255) NOT NULL,
  number INTEGER NOT NULL,
  started_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  latency_micros BIGINT NOT NULL,
  status INTEGER,
  error VARCHAR(1000),
  response TEXT,
  CONSTRAINT ${prefix}delivery_attempts_pk PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS ${prefix}attempts_delivery_idx ON ${prefix}delivery_attempts (delivery_id, id);
