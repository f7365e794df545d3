-- LearnHook schema for MySQL 8 and MariaDB 10.6 or later (InnoDB, utf8mb4), schema version 1.
--
-- Stable path: io/learnhook/jdbc/schema/mysql.sql. Every name starts with a placeholder for the table
-- prefix (default lh_), replaced when the script is loaded (Flyway replaces it too, as a placeholder
-- named prefix). Every statement is idempotent, so the script may run at every start; indexes are
-- declared inside CREATE TABLE because MySQL has no CREATE INDEX IF NOT EXISTS. Statements end with a
-- semicolon; comments take whole lines. Tables go to the connection's current database.
-- MySQL 8 has no ADD COLUMN IF NOT EXISTS either: for tables made by an earlier release,
-- JdbcStore.createSchema() adds the columns and indexes that db/migration/learnhook/mysql/V2__... and
-- later add, after checking information_schema for each (MySqlUpgrade).
--
-- Text is utf8mb4 (every Unicode character, emoji included) in the binary collation utf8mb4_bin, so
-- that ids, slugs, source ids, event ids and key hashes compare exactly, case and accents included,
-- as on the other databases (the server default, a _ci collation, would match 'ABC' to 'abc').
-- utf8mb4_bin pads: 'a' and 'a ' are equal to it; the adapter compares lookups' results exactly again.
-- Instants are DATETIME(6) holding UTC wall time (the adapter writes and reads them so), to the
-- microsecond. There are no foreign keys: an LMS may keep users and items in its own tables, and
-- completions outlive deleted webhooks.

-- Which layout the tables have, so that a later LearnHook can migrate them (docs/STORAGE.md).
CREATE TABLE IF NOT EXISTS ${prefix}schema_version (
  version INTEGER NOT NULL,
  description VARCHAR(255) NOT NULL,
  applied_at DATETIME(6) NOT NULL,
  CONSTRAINT ${prefix}schema_version_pk PRIMARY KEY (version)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
INSERT IGNORE INTO ${prefix}schema_version (version, description, applied_at)
  VALUES (1, 'initial layout', UTC_TIMESTAMP(6));

-- Companies (tenants), as LearnHook's demo and seed files know them.
-- uses_ext_uid: whether the company's reports carry ext_uid.
CREATE TABLE IF NOT EXISTS ${prefix}companies (
  id VARCHAR(255) NOT NULL,
  integration_enabled BOOLEAN NOT NULL,
  uses_ext_uid BOOLEAN DEFAULT FALSE NOT NULL,
  CONSTRAINT ${prefix}companies_pk PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- Users. email_normalized is the email lower-cased (Locale.ROOT) by the adapter: the column lookups
-- use, so that matching ignores case the way Java does (a _ci collation would also ignore accents)
-- and a plain index serves it. 2 x 255 + 320 characters of 4 bytes fit InnoDB's 3072-byte key limit.
CREATE TABLE IF NOT EXISTS ${prefix}users (
  company_id VARCHAR(255) NOT NULL,
  id VARCHAR(255) NOT NULL,
  email VARCHAR(320) NOT NULL,
  email_normalized VARCHAR(320) NOT NULL,
  name VARCHAR(1000) NOT NULL,
  active BOOLEAN NOT NULL,
  ext_uid VARCHAR(255),
  -- A JSON object, keys in the LMS's order.
  custom_fields MEDIUMTEXT NOT NULL,
  CONSTRAINT ${prefix}users_pk PRIMARY KEY (company_id, id),
  INDEX ${prefix}users_email_idx (company_id, email_normalized)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

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
  CONSTRAINT ${prefix}items_pk PRIMARY KEY (company_id, id),
  INDEX ${prefix}items_source_idx (company_id, source_id),
  INDEX ${prefix}items_slug_idx (company_id, slug)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- Incoming webhooks. key_hash is the SHA-256 of the key in hex; the key itself is never stored.
-- previous_key_hash is the key before the last rotation while it has a grace period, and
-- previous_key_valid_until when that ends (both NULL when the old key stopped at once); whether it
-- still works is decided in core with its clock. mapping is the field mapping's JSON config.
-- The webhook's own rate limit, set by its administrators: rate_limit_per_second and
-- rate_limit_burst both set, or rate_limit_off TRUE for no limit at all; all three unset (NULL,
-- NULL, FALSE) when the engine's RateLimits decide. Each node applies it (docs/SECURITY.md).
-- A name is unique within its company (names are stored trimmed, so PAD SPACE does not matter).
CREATE TABLE IF NOT EXISTS ${prefix}webhooks (
  id VARCHAR(255) NOT NULL,
  company_id VARCHAR(255) NOT NULL,
  name VARCHAR(255) NOT NULL,
  key_hash VARCHAR(64) NOT NULL,
  mapping MEDIUMTEXT NOT NULL,
  source_type VARCHAR(255),
  created_at DATETIME(6) NOT NULL,
  key_rotated_at DATETIME(6) NOT NULL,
  previous_key_hash VARCHAR(64),
  previous_key_valid_until DATETIME(6),
  rate_limit_per_second DOUBLE,
  rate_limit_burst INTEGER,
  rate_limit_off BOOLEAN DEFAULT FALSE NOT NULL,
  CONSTRAINT ${prefix}webhooks_pk PRIMARY KEY (id),
  CONSTRAINT ${prefix}webhooks_key_hash_uk UNIQUE (key_hash),
  CONSTRAINT ${prefix}webhooks_name_uk UNIQUE (company_id, name),
  INDEX ${prefix}webhooks_previous_key_idx (previous_key_hash)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- Completions. The two unique keys are the two ways a completion is "the same completion": event_key
-- is the SHA-256 (hex) of the webhook id and the event id, NULL when either is absent; facts_key the
-- SHA-256 of company, user, item and completion time (to the microsecond). The natural key (three
-- 255-character ids and a time) would not fit InnoDB's 3072-byte index limit in utf8mb4; a digest is
-- 64 bytes and byte-exact, where utf8mb4_bin would pad trailing spaces. A duplicate insert fails with
-- error 1062 after waiting for the winner's commit; the adapter then reads the winner.
CREATE TABLE IF NOT EXISTS ${prefix}completions (
  id VARCHAR(255) NOT NULL,
  company_id VARCHAR(255) NOT NULL,
  user_id VARCHAR(255) NOT NULL,
  item_id VARCHAR(255) NOT NULL,
  webhook_id VARCHAR(255),
  event_id VARCHAR(255),
  completed_at DATETIME(6) NOT NULL,
  recorded_at DATETIME(6) NOT NULL,
  result VARCHAR(255),
  -- 0 to 100, four decimal places.
  score DECIMAL(7, 4),
  total_time_seconds BIGINT,
  event_key CHAR(64) CHARACTER SET ascii COLLATE ascii_bin,
  facts_key CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  CONSTRAINT ${prefix}completions_pk PRIMARY KEY (id),
  CONSTRAINT ${prefix}completions_event_uk UNIQUE (event_key),
  CONSTRAINT ${prefix}completions_facts_uk UNIQUE (facts_key)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- The request log: one row per authenticated call, newest = highest id. body is the request body
-- as received, its first 64 KiB of UTF-8 (body_truncated when cut; NULL when not read); reason
-- says why a refused call was refused, for the company's administrators.
CREATE TABLE IF NOT EXISTS ${prefix}request_log (
  id BIGINT NOT NULL AUTO_INCREMENT,
  webhook_id VARCHAR(255) NOT NULL,
  received_at DATETIME(6) NOT NULL,
  dry_run BOOLEAN NOT NULL,
  outcome VARCHAR(16) NOT NULL,
  status INTEGER NOT NULL,
  mapped_fields MEDIUMTEXT,
  error MEDIUMTEXT,
  body MEDIUMTEXT,
  body_truncated BOOLEAN DEFAULT FALSE NOT NULL,
  reason MEDIUMTEXT,
  CONSTRAINT ${prefix}request_log_pk PRIMARY KEY (id),
  INDEX ${prefix}request_log_webhook_idx (webhook_id, id),
  INDEX ${prefix}request_log_received_idx (received_at)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- Report subscriptions (outbound reporting webhooks). authorization_value and signing_secret are kept
-- as given, since each request needs them; retry_policy is the policy's JSON (RetryPolicy.toJson).
-- disabled_reason says why LearnHook disabled it (a 410 Gone); previous_signing_secret is the secret
-- before the last rotation while it still signs, until previous_secret_until (both NULL otherwise).
-- created_at defaults to the time of insertion, as on H2 and PostgreSQL, for rows an older node writes.
CREATE TABLE IF NOT EXISTS ${prefix}report_subscriptions (
  id VARCHAR(255) NOT NULL,
  company_id VARCHAR(255) NOT NULL,
  callback_url VARCHAR(2000) NOT NULL,
  authorization_value VARCHAR(4000),
  enabled BOOLEAN NOT NULL,
  retry_policy VARCHAR(1000) NOT NULL,
  signing_secret VARCHAR(200),
  allow_private_network BOOLEAN NOT NULL,
  created_at DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6) NOT NULL,
  disabled_reason VARCHAR(1000),
  previous_signing_secret VARCHAR(200),
  previous_secret_until DATETIME(6),
  CONSTRAINT ${prefix}report_subscriptions_pk PRIMARY KEY (id),
  INDEX ${prefix}subscriptions_company_idx (company_id, id)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- The outbox: one row per report to one subscriber, written in the transaction of its completion.
-- due_at is when the row may be claimed: next_attempt_at while PENDING, lease_until while IN_FLIGHT,
-- NULL once DELIVERED or FAILED. Workers claim by it, earliest first, with FOR UPDATE SKIP LOCKED
-- (MySQL 8, MariaDB 10.6).
CREATE TABLE IF NOT EXISTS ${prefix}deliveries (
  id VARCHAR(255) NOT NULL,
  subscription_id VARCHAR(255) NOT NULL,
  company_id VARCHAR(255) NOT NULL,
  completion_id VARCHAR(255) NOT NULL,
  payload MEDIUMTEXT NOT NULL,
  -- PENDING, DELIVERED or FAILED; a PENDING row with a claim_id is in flight under that claim.
  state VARCHAR(16) NOT NULL,
  attempts INTEGER NOT NULL,
  created_at DATETIME(6) NOT NULL,
  next_attempt_at DATETIME(6) NOT NULL,
  due_at DATETIME(6),
  claim_id VARCHAR(64),
  lease_until DATETIME(6),
  last_attempt_at DATETIME(6),
  last_error VARCHAR(1000),
  finished_at DATETIME(6),
  CONSTRAINT ${prefix}deliveries_pk PRIMARY KEY (id),
  INDEX ${prefix}deliveries_due_idx (due_at, id),
  INDEX ${prefix}deliveries_company_idx (company_id, state, created_at),
  -- The admin routes list a company's deliveries of every state (or of one of its subscriptions),
  -- newest first.
  INDEX ${prefix}deliveries_created_idx (company_id, created_at, id),
  INDEX ${prefix}deliveries_finished_idx (state, finished_at)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- Every attempt of every delivery, in the order made (highest id = latest).
CREATE TABLE IF NOT EXISTS ${prefix}delivery_attempts (
  id BIGINT NOT NULL AUTO_INCREMENT,
  delivery_id VARCHAR(255) NOT NULL,
  number INTEGER NOT NULL,
  started_at DATETIME(6) NOT NULL,
  latency_micros BIGINT NOT NULL,
  status INTEGER,
  error VARCHAR(1000),
  response MEDIUMTEXT,
  CONSTRAINT ${prefix}delivery_attempts_pk PRIMARY KEY (id),
  INDEX ${prefix}attempts_delivery_idx (delivery_id, id)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
