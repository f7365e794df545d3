package io.learnhook.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A database server named by an environment variable: a uniquely named schema (PostgreSQL) or
 * database (MariaDB) is created for the test class and dropped after it. Without the variable the
 * tests are skipped, with a message that says how to run them.
 */
abstract class ServerDatabase extends TestDatabase {
  private final String variable;
  private final String example;
  private String serverUrl;
  private String name;
  private HikariDataSource pool;

  ServerDatabase(String variable, String example) {
    this.variable = variable;
    this.example = example;
  }

  private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

  @Override
  final void start(String name) throws SQLException {
    String url = System.getenv(variable);
    if (url == null || url.isBlank()) {
      String reason =
          (dialect() == Dialect.POSTGRESQL ? "PostgreSQL" : "MariaDB")
              + " tests skipped: set "
              + variable
              + " to a JDBC URL of a server they may create and drop "
              + (dialect() == Dialect.POSTGRESQL ? "schemas" : "databases")
              + " on, e.g. "
              + variable
              + "='"
              + example
              + "' (.ci/run sets it)";
      if (ANNOUNCED.add(variable)) {
        // Once per run on the console, where a reader of the build sees it; each test says it too.
        System.err.println(reason);
      }
      unavailable(reason);
      return;
    }
    this.serverUrl = url;
    try (Connection admin = DriverManager.getConnection(serverUrl);
        Statement statement = admin.createStatement()) {
      statement.execute(createSql(name));
    }
    this.name = name;
    this.pool = newPool("test-" + name, 10);
  }

  @Override
  final void stop() throws SQLException {
    if (pool != null) {
      pool.close();
    }
    if (name != null) {
      try (Connection admin = DriverManager.getConnection(serverUrl);
          Statement statement = admin.createStatement()) {
        dropContents(admin, name);
        statement.execute(dropSql(name));
      }
    }
  }

  @Override
  final DataSource dataSource() {
    return pool;
  }

  @Override
  final String jdbcUrl() {
    return urlFor(serverUrl, name);
  }

  /** The URL of the test's database, through {@code host:port} instead of the server's own. */
  final String jdbcUrlVia(String host, int port) {
    URI server = URI.create(serverUrl.substring("jdbc:".length()));
    return jdbcUrl()
        .replaceFirst(
            "//" + Pattern.quote(server.getHost() + ":" + server.getPort()),
            "//" + host + ":" + port);
  }

  /** The host and port the server listens on. */
  final InetSocketAddress serverAddress() {
    URI server = URI.create(serverUrl.substring("jdbc:".length()));
    return new InetSocketAddress(server.getHost(), server.getPort());
  }

  /** The name of the test's schema or database. */
  final String name() {
    return name;
  }

  abstract String createSql(String name);

  abstract String dropSql(String name);

  /**
   * Empties the schema or database before {@link #dropSql} where dropping it whole would take too
   * many locks in one transaction. Does nothing unless overridden.
   */
  void dropContents(Connection admin, String name) throws SQLException {}

  /** The server URL pointed at the test's schema or database. */
  abstract String urlFor(String serverUrl, String name);

  static String withParameter(String url, String parameter) {
    return url + (url.contains("?") ? "&" : "?") + parameter;
  }
}
