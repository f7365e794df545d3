package io.learnhook.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbSchemaTest extends SchemaBehaviour {
  @RegisterExtension static final MariaDbDatabase DATABASE = new MariaDbDatabase();

  @Override
  TestDatabase database() {
    return DATABASE;
  }
}
