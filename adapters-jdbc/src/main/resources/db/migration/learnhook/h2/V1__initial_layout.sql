-- LearnHook's tables for H2 2.x: Flyway migration 1, the layout that
-- learnhook-jdbc's createSchema() made up to commit 2d88f73 (the last state before the request log
-- body, delivery listing/retention indexes and subscription management; docs/STORAGE.md, "Migrations").
--
-- Every name starts with the Flyway placeholder prefix (configure placeholders prefix=lh_). An
-- installation whose tables createSchema() made adopts Flyway with baselineVersion 1 instead of
-- running this script. <prefix>schema_version gets the same row createSchema() writes.

-- Which layout the tables have, so that a later LearnHook can migrate them (docs/STORAGE.md).
CREATE TABLE ${prefix}schema_version (
  version INTEGER NOT NULL,
  description VARCHAR(255) NOT NULL,
  applied_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT ${prefix}schema_version_pk PRIMARY KEY (version)
);
INSERT INTO ${prefix}schema_version (version, description, applied_at)
  VALUES (1, 'initial layout', CURRENT_TIMESTAMP);

-- Companies (tenants), as LearnHook's demo and seed files know them.
-- uses_ext_uid: whether the company's reports carry ext_uid.
CREATE TABLE ${prefix}companies (
  id VARCHAR(255) NOT NULL,
  integration_enabled BOOLEAN NOT NULL,
  uses_ext_uid BOOLEAN DEFAULT FALSE NOT NULL,
  CONSTRAINT ${prefix}companies_pk PRIMARY KEY (id)
);

-- Users. email_normalized is the email lower-cased (Locale.ROOT) by the adapter: the column lookups
-- use, so that matching ignores case and still uses an index.
CREATE TABLE ${prefix}users (
  company_id VARCHAR(255) NOT NULL,
  id VARCHAR(255) NOT NULL,
  email VARCHAR(320) NOT NULL,
  email_normalized VARCHAR(320) NOT NULL,
  name VARCHAR(1000) NOT NULL,
  active BOOLEAN NOT NULL,
  ext_uid VARCHAR(255),
  -- A JSON object, keys in the LMS's order.
  custom_fields CLOB NOT NULL,
  CONSTRAINT ${prefix}users_pk PRIMARY KEY (company_id, id)
);
CREATE INDEX ${prefix}users_email_idx ON ${prefix}users (company_id, email_normalized);

-- Learning items.
CREATE TABLE ${prefix}items (
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
CREATE INDEX ${prefix}items_source_idx ON ${prefix}items (company_id, source_id);
CREATE INDEX ${prefix}items_slug_idx ON ${prefix}items (company_id, slug);

-- Incoming webhooks. key_hash is the SHA-256 of the key in hex; the key itself is never stored.
-- previous_key_hash is the key before the last rotation while it has a grace period, and
-- previous_key_valid_until when that ends (both NULL when the old key stopped at once); whether it
-- still works is decided in core with its clock. mapping is the field mapping's JSON config.
-- The webhook's own rate limit, set by its administrators: rate_limit_per_second and
-- rate_limit_burst both set, or rate_limit_off TRUE for no limit at all; all three unset (NULL,
-- NULL, FALSE) when the engine's RateLimits decide. Each node applies it (docs/SECURITY.md).
-- A name is unique within its company.
CREATE TABLE ${prefix}webhooks (
  id VARCHAR(255) NOT NULL,
  company_id VARCHAR(255) NOT NULL,
  name VARCHAR(255) NOT NULL,
  key_hash VARCHAR(64) NOT NULL,
  mapping CLOB NOT NULL,
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
CREATE INDEX ${prefix}webhooks_previous_key_idx ON ${prefix}webhooks (previous_key_hash);
CREATE UNIQUE INDEX ${prefix}webhooks_name_uk ON ${prefix}webhooks (company_id, name);

-- Completions. The two unique keys are the two ways a completion is "the same completion": event_key
-- is the SHA-256 (hex) of the webhook id and the event id, NULL when either is absent; facts_key the
-- SHA-256 of company, user, item and completion time (to the microsecond). Digests rather than the
-- columns themselves keep each key one short column on every database (MySQL caps an index at 3072
-- bytes) and make the comparison byte-exact. The keys make recording exactly-once across threads and
-- nodes; a NULL event_key never collides.
CREATE TABLE ${prefix}completions (
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

-- The request log: one row per authenticated call, newest = highest id.
CREATE TABLE ${prefix}request_log (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY NOT NULL,
  webhook_id VARCHAR(255) NOT NULL,
  received_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  dry_run BOOLEAN NOT NULL,
  outcome VARCHAR(16) NOT NULL,
  status INTEGER NOT NULL,
  mapped_fields CLOB,
  error CLOB,
  CONSTRAINT ${prefix}request_log_pk PRIMARY KEY (id)
);
CREATE INDEX ${prefix}request_log_webhook_idx ON ${prefix}request_log (webhook_id, id);

-- Report subscriptions (outbound reporting webhooks). authorization_value and signing_secret are kept
-- as given, since each request needs them; retry_policy is the policy's JSON (RetryPolicy.toJson).
CREATE TABLE ${prefix}report_subscriptions (
  id VARCHAR(255) NOT NULL,
  company_id VARCHAR(255) NOT NULL,
  callback_url VARCHAR(2000) NOT NULL,
  authorization_value VARCHAR(4000),
  enabled BOOLEAN NOT NULL,
  retry_policy VARCHAR(1000) NOT NULL,
  signing_secret VARCHAR(200),
  allow_private_network BOOLEAN NOT NULL,
  CONSTRAINT ${prefix}report_subscriptions_pk PRIMARY KEY (id)
);
CREATE INDEX ${prefix}subscriptions_company_idx ON ${prefix}report_subscriptions (company_id, id);

-- The outbox: one row per report to one subscriber, written in the transaction of its completion.
-- due_at is when the row may be claimed: next_attempt_at while PENDING, lease_until while IN_FLIGHT,
-- NULL once DELIVERED or FAILED; workers claim by it, earliest first, reading its index (due_at, id)
-- in order, so that a claim never sorts the backlog.
CREATE TABLE ${prefix}deliveries (
  id VARCHAR(255) NOT NULL,
  subscription_id VARCHAR(255) NOT NULL,
  company_id VARCHAR(255) NOT NULL,
  completion_id VARCHAR(255) NOT NULL,
  -- VARCHAR, not CLOB: H2 keeps a CLOB of more than a few hundred bytes out of the row, which made
  -- every claim read a LOB (Delivery.MAX_PAYLOAD_LENGTH bounds it).
  payload VARCHAR(1000000) NOT NULL,
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
CREATE INDEX ${prefix}deliveries_due_idx ON ${prefix}deliveries (due_at, id);
CREATE INDEX ${prefix}deliveries_company_idx ON ${prefix}deliveries (company_id, state, created_at);

-- Every attempt of every delivery, in the order made (highest id = latest).
CREATE TABLE ${prefix}delivery_attempts (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY NOT NULL,
  delivery_id VARCHAR(255) NOT NULL,
  number INTEGER NOT NULL,
  started_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  latency_micros BIGINT NOT NULL,
  status INTEGER,
  error VARCHAR(1000),
  response VARCHAR(4096),
  CONSTRAINT ${prefix}delivery_attempts_pk PRIMARY KEY (id)
);
CREATE INDEX ${prefix}attempts_delivery_idx ON ${prefix}delivery_attempts (delivery_id, id);
