-- LearnHook's tables for H2 2.x: Flyway migration 2. The admin routes list a company's deliveries of
-- every state (or of one of its subscriptions), newest first.
-- Every name starts with the Flyway placeholder prefix (configure placeholders prefix=lh_).

CREATE INDEX ${prefix}deliveries_created_idx ON ${prefix}deliveries (company_id, created_at, id);
