package io.learnhook.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Users, items and companies read from an LMS's own tables on MariaDB. */
class MariaDbLmsTablesTest extends LmsTablesBehaviour {
  @RegisterExtension static final MariaDbDatabase DATABASE = new MariaDbDatabase();

  @Override
  TestDatabase database() {
    return DATABASE;
  }

  @Override
  String explain(Connection connection, String lookupSql) throws Exception {
    // possible_keys lists the indexes that can serve the lookup, whatever the table's size.
    try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + lookupSql)) {
      return plan(explain);
    }
  }
}
