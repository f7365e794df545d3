package io.learnhook.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class H2SchemaTest extends SchemaBehaviour {
  @RegisterExtension static final H2Database DATABASE = new H2Database();

  @Override
  TestDatabase database() {
    return DATABASE;
  }
}
