-- LearnHook's tables for PostgreSQL: Flyway migration 3. The request log keeps the body (its first
-- 64 KiB of UTF-8, body_truncated when cut) and, for refused calls, a reason; retention prunes the
-- request log and finished deliveries by age, oldest first (DeliveryWorkers.Retention).
-- Every name starts with the Flyway placeholder prefix (configure placeholders prefix=lh_).

ALTER TABLE ${prefix}request_log ADD COLUMN body TEXT;
ALTER TABLE ${prefix}request_log ADD COLUMN body_truncated BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE ${prefix}request_log ADD COLUMN reason TEXT;
CREATE INDEX ${prefix}request_log_received_idx ON ${prefix}request_log (received_at);
CREATE INDEX ${prefix}deliveries_finished_idx ON ${prefix}deliveries (state, finished_at);
