package io.learnhook.jdbc;

import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine on MariaDB: several nodes, the server going away. */
class MariaDbEngineTest extends ServerEngineBehaviour {
  @RegisterExtension static final MariaDbDatabase DATABASE = new MariaDbDatabase();

  @Override
  ServerDatabase database() {
    return DATABASE;
  }

  @Override
  String slowReadParameters(int seconds) {
    return "socketTimeout=" + seconds * 1000;
  }

  @Override
  AutoCloseable blockInserts(Connection connection, String completionsTable) throws Exception {
    try (Statement statement = connection.createStatement()) {
      // A READ table lock lets the request's reads through and makes its INSERT wait.
      statement.execute("LOCK TABLES " + completionsTable + " READ");
    }
    return () -> {
      try (Statement statement = connection.createStatement()) {
        statement.execute("UNLOCK TABLES");
      }
    };
  }
}
