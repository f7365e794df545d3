package io.learnhook.spring;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database of its own per test class on H2, or on the PostgreSQL or MariaDB server named by
 * {@code LEARNHOOK_TEST_POSTGRES_URL} / {@code LEARNHOOK_TEST_MARIADB_URL} (skipped without).
 */
enum TestDatabases {
  H2(null),
  POSTGRESQL("LEARNHOOK_TEST_POSTGRES_URL"),
  MARIADB("LEARNHOOK_TEST_MARIADB_URL");

  private final String variable;

  TestDatabases(String variable) {
    this.variable = variable;
  }

  /** Why the backend's tests are skipped, or null when it is configured. */
  String unavailable() {
    if (variable == null) {
      return null;
    }
    String url = System.getenv(variable);
    return url == null || url.isBlank()
        ? name() + " tests skipped: set " + variable + " (.ci/run sets it)"
        : null;
  }

  /** A fresh database (schema) and a DataSource on it; {@link #drop} removes it. */
  String create() throws SQLException {
    String name =
        "lh_spring_"
            + UUID.randomUUID()
                .toString()
                .replace("-", "")
                .substring(0, 10)
                .toLowerCase(Locale.ROOT);
    if (this == H2) {
      return name;
    }
    try (Connection admin = DriverManager.getConnection(System.getenv(variable));
        Statement statement = admin.createStatement()) {
      statement.execute(
          this == POSTGRESQL
              ? "CREATE SCHEMA " + name
              : "CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
    }
    return name;
  }

  DataSource dataSource(String name) {
    return new DriverManagerDataSource(url(name));
  }

  String url(String name) {
    switch (this) {
      case H2:
        return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
      case POSTGRESQL:
        {
          String server = System.getenv(variable);
          return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + name;
        }
      default:
        {
          String server = System.getenv(variable);
          int query = server.indexOf('?');
          String base = query < 0 ? server : server.substring(0, query);
          String parameters = query < 0 ? "" : server.substring(query);
          int path = base.indexOf('/', base.indexOf("//") + 2);
          return (path < 0 ? base : base.substring(0, path)) + "/" + name + parameters;
        }
    }
  }

  void drop(String name) throws SQLException {
    if (this == H2) {
      try (Connection connection = DriverManager.getConnection(url(name));
          Statement statement = connection.createStatement()) {
        statement.execute("SHUTDOWN");
      }
      return;
    }
    try (Connection admin = DriverManager.getConnection(System.getenv(variable));
        Statement statement = admin.createStatement()) {
      statement.execute(
          this == POSTGRESQL
              ? "DROP SCHEMA IF EXISTS " + name + " CASCADE"
              : "DROP DATABASE IF EXISTS " + name);
    }
  }
}
