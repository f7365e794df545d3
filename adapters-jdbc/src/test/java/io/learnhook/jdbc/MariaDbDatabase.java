package io.learnhook.jdbc;

/**
 * A database of its own on the MariaDB (or MySQL) server named by {@code
 * LEARNHOOK_TEST_MARIADB_URL}, created with the server's default collation as an LMS's would be.
 */
final class MariaDbDatabase extends ServerDatabase {
  static final String VARIABLE = "LEARNHOOK_TEST_MARIADB_URL";

  /** Whether the tests reach the server through MySQL Connector/J, as a MySQL 8 server is. */
  private final boolean connectorJ;

  MariaDbDatabase() {
    this(false);
  }

  /**
   * With {@code connectorJ}, the tests' connections go through MySQL Connector/J ({@code
   * jdbc:mysql:}), as the app's {@code serve --db jdbc:mysql://…} makes them.
   */
  MariaDbDatabase(boolean connectorJ) {
    super(VARIABLE, "jdbc:mariadb://127.0.0.1:3306/?user=root");
    this.connectorJ = connectorJ;
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
    String url = hostPort + "/" + name + parameters;
    return connectorJ ? "jdbc:mysql:" + url.substring(url.indexOf("//")) : url;
  }
}
