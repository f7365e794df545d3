package io.learnhook.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Users, items and companies read from an LMS's own tables on H2. */
class H2LmsTablesTest extends LmsTablesBehaviour {
  @RegisterExtension static final H2Database DATABASE = new H2Database();

  @Override
  TestDatabase database() {
    return DATABASE;
  }

  @Override
  String explain(Connection connection, String lookupSql) throws Exception {
    try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + lookupSql)) {
      return plan(explain);
    }
  }
}
