package io.learnhook.jdbc;

/**
 * A database of its own on the MariaDB (or MySQL) server named by {@code
 * LEARNHOOK_TEST_MARIADB_URL}, created with the server's default collation as an LMS's would be.
 */
final class MariaDbDatabase extends ServerDatabase {
  static final String VARIABLE = "LEARNHOOK_TEST_MARIADB_URL";

  MariaDbDatabase() {
    super(VARIABLE, "jdbc:mariadb://127.0.0.1:3306/?user=root");
  }

  @Override
  Dialect dialect() {
    return Dialect.MYSQL;
  }

  @Override
  String createSql(String name) {
    return "CREATE DATABASE " + name + " CHARACTER SET utf8mb4";
  }

  @Override
  String dropSql(String name) {
    return "DROP DATABASE IF EXISTS " + name;
  }

  @Override
  String urlFor(String serverUrl, String name) {
    // jdbc:mariadb://host:port/[database][?parameters]: put the test's database in the path.
    int query = serverUrl.indexOf('?');
    String base = query < 0 ? serverUrl : serverUrl.substring(0, query);
    String parameters = query < 0 ? "" : serverUrl.substring(query);
    int hostStart = base.indexOf("//") + 2;
    int path = base.indexOf('/', hostStart);
    String hostPort = path < 0 ? base : base.substring(0, path);
    return hostPort + "/" + name + parameters;
  }
}
