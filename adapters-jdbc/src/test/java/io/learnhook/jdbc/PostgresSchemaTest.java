package io.learnhook.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSchemaTest extends SchemaBehaviour {
  @RegisterExtension static final PostgresDatabase DATABASE = new PostgresDatabase();

  @Override
  TestDatabase database() {
    return DATABASE;
  }
}
