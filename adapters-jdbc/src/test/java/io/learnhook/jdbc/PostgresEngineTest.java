package io.learnhook.jdbc;

import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine on PostgreSQL: several nodes, the server going away. */
class PostgresEngineTest extends ServerEngineBehaviour {
  @RegisterExtension static final PostgresDatabase DATABASE = new PostgresDatabase();

  @Override
  ServerDatabase database() {
    return DATABASE;
  }

  @Override
  String slowReadParameters(int seconds) {
    return "socketTimeout=" + seconds + "&sslmode=disable";
  }

  @Override
  AutoCloseable blockInserts(Connection connection, String completionsTable) throws Exception {
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      // SHARE mode lets the request's reads through and makes its INSERT wait.
      statement.execute("LOCK TABLE " + completionsTable + " IN SHARE MODE");
    }
    return () -> {
      connection.rollback();
      connection.setAutoCommit(true);
    };
  }
}
