package io.learnhook.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Users, items and companies read from an LMS's own tables on PostgreSQL. */
class PostgresLmsTablesTest extends LmsTablesBehaviour {
  @RegisterExtension static final PostgresDatabase DATABASE = new PostgresDatabase();

  @Override
  TestDatabase database() {
    return DATABASE;
  }

  @Override
  String explain(Connection connection, String lookupSql) throws Exception {
    try (Statement statement = connection.createStatement()) {
      // A handful of rows is cheaper to scan; asking the planner to avoid that shows whether the
      // index can serve the lookup at all.
      statement.execute("SET enable_seqscan = off");
    }
    try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + lookupSql)) {
      return plan(explain);
    } finally {
      try (Statement statement = connection.createStatement()) {
        statement.execute("RESET enable_seqscan");
      }
    }
  }
}
