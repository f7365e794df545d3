-- The LMS's own tables (LearnHook's are created by the starter, learnhook.create-schema).
CREATE TABLE IF NOT EXISTS app_companies (id VARCHAR(64) PRIMARY KEY, lms_integration BOOLEAN NOT NULL);
CREATE TABLE IF NOT EXISTS app_users (
  id VARCHAR(64) PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL, email VARCHAR(320) NOT NULL,
  full_name VARCHAR(200), is_active BOOLEAN NOT NULL);
CREATE TABLE IF NOT EXISTS app_courses (
  id VARCHAR(64) PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL, title VARCHAR(200) NOT NULL,
  kind VARCHAR(32) NOT NULL, external_completion BOOLEAN NOT NULL, source_id VARCHAR(64));
CREATE TABLE IF NOT EXISTS app_progress (user_id VARCHAR(64), course_id VARCHAR(64), score INT);

MERGE INTO app_companies KEY (id) VALUES ('acme', TRUE);
MERGE INTO app_users KEY (id) VALUES ('u1', 'acme', 'ann@acme.test', 'Ann', TRUE);
MERGE INTO app_courses KEY (id) VALUES ('c1', 'acme', 'Phishing 101', 'web_link', TRUE, '1000');
