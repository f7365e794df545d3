package io.learnhook.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** An in-memory H2 database for one test class, shut down after it. */
final class H2Database extends TestDatabase {
  private JdbcDataSource dataSource;
  private String url;

  @Override
  void start(String name) {
    url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    dataSource = new JdbcDataSource();
    dataSource.setURL(url);
  }

  @Override
  void stop() throws SQLException {
    if (dataSource == null) {
      return;
    }
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("SHUTDOWN");
    }
  }

  @Override
  DataSource dataSource() {
    return dataSource;
  }

  @Override
  Dialect dialect() {
    return Dialect.H2;
  }

  @Override
  String jdbcUrl() {
    return url;
  }
}
