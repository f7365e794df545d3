-- LearnHook's tables for H2 2.x: Flyway migration 4. Subscriptions managed over HTTP: when each was
-- created (existing rows get the time of the upgrade), why LearnHook disabled it (a 410 Gone), and
-- the signing secret before the last rotation while it still signs, until previous_secret_until.
-- Every name starts with the Flyway placeholder prefix (configure placeholders prefix=lh_).

ALTER TABLE ${prefix}report_subscriptions ADD COLUMN created_at TIMESTAMP(6) WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL;
ALTER TABLE ${prefix}report_subscriptions ADD COLUMN disabled_reason VARCHAR(1000);
ALTER TABLE ${prefix}report_subscriptions ADD COLUMN previous_signing_secret VARCHAR(200);
ALTER TABLE ${prefix}report_subscriptions ADD COLUMN previous_secret_until TIMESTAMP(6) WITH TIME ZONE;
