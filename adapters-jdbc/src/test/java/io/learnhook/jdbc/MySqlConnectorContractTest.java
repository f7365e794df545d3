package io.learnhook.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every port's contract through MySQL Connector/J ({@code jdbc:mysql:}), the driver of MySQL 8 and
 * of the app's {@code serve --db jdbc:mysql://…}, on the MariaDB server of {@code
 * LEARNHOOK_TEST_MARIADB_URL}. It caught instants losing their microseconds: Connector/J drops the
 * fraction of a {@code LocalDateTime} for MariaDB, whose version reads as 5.5.5.
 */
class MySqlConnectorContractTest extends JdbcContractSuite {
  @RegisterExtension static final MariaDbDatabase DATABASE = new MariaDbDatabase(true);

  @Override
  TestDatabase database() {
    return DATABASE;
  }

  @Test
  void connectsThroughMySqlConnectorJ() throws SQLException {
    try (Connection connection = DATABASE.dataSource().getConnection()) {
      assertThat(connection.getMetaData().getDriverName()).startsWith("MySQL Connector/J");
      assertThat(Dialect.detect(DATABASE.dataSource())).isEqualTo(Dialect.MYSQL);
    }
  }
}
