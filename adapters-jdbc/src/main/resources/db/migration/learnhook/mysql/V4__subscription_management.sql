-- LearnHook's tables for MySQL 8 and MariaDB: Flyway migration 4. Subscriptions managed over HTTP: when each was
-- created (existing rows get the time of the upgrade), why LearnHook disabled it (a 410 Gone), and
-- the signing secret before the last rotation while it still signs, until previous_secret_until.
-- Every name starts with the Flyway placeholder prefix (configure placeholders prefix=lh_).
-- One column per statement, without IF NOT EXISTS, which MySQL 8 lacks: Flyway runs this once.

ALTER TABLE ${prefix}report_subscriptions ADD COLUMN created_at DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6) NOT NULL;
ALTER TABLE ${prefix}report_subscriptions ADD COLUMN disabled_reason VARCHAR(1000);
ALTER TABLE ${prefix}report_subscriptions ADD COLUMN previous_signing_secret VARCHAR(200);
ALTER TABLE ${prefix}report_subscriptions ADD COLUMN previous_secret_until DATETIME(6);
