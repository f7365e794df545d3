package io.learnhook.examples.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code serve --db} on PostgreSQL and MariaDB: the app creates its tables in a schema (database)
 * of its own and records the demo completion. Skipped, saying how to run it, without the servers'
 * URLs in {@code LEARNHOOK_TEST_POSTGRES_URL} / {@code LEARNHOOK_TEST_MARIADB_URL}.
 */
class ServeOnDatabaseServersTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final HttpClient http = HttpClient.newHttpClient();

  private static String serverUrl(String variable, String example) {
    String url = System.getenv(variable);
    Assumptions.assumeTrue(
        url != null && !url.isBlank(),
        () ->
            "skipped: set "
                + variable
                + ", e.g. "
                + variable
                + "='"
                + example
                + "' (.ci/run sets it)");
    return url;
  }

  @Test
  void servesOnPostgresqlAndRecordsTheDemoCompletion() throws Exception {
    String server =
        serverUrl(
            "LEARNHOOK_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    String schema = "lh_serve_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(server, "CREATE SCHEMA " + schema);
    try {
      servesAndRecords(server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    } finally {
      execute(server, "DROP SCHEMA " + schema + " CASCADE");
    }
  }

  @Test
  void servesOnMariadbAndRecordsTheDemoCompletion() throws Exception {
    String server =
        serverUrl("LEARNHOOK_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/?user=root");
    String database = "lh_serve_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(server, "CREATE DATABASE " + database);
    try {
      Matcher url = Pattern.compile("(jdbc:mariadb://[^/?]+)/?[^?]*(\\?.*)?").matcher(server);
      assertThat(url.matches()).as(server).isTrue();
      servesAndRecords(url.group(1) + "/" + database + (url.group(2) == null ? "" : url.group(2)));
    } finally {
      execute(server, "DROP DATABASE " + database);
    }
  }

  /**
   * A {@code jdbc:mysql:} URL goes through MySQL Connector/J, which is how a MySQL 8 server is
   * served; MariaDB answers that driver too, so this machine's MariaDB stands in for MySQL 8.
   */
  @Test
  void servesAJdbcMysqlUrlThroughConnectorJAndRecordsTheDemoCompletion() throws Exception {
    String server =
        serverUrl("LEARNHOOK_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/?user=root");
    String database = "lh_mysql_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(server, "CREATE DATABASE " + database);
    try {
      Matcher url = Pattern.compile("jdbc:mariadb://([^/?]+)/?[^?]*(\\?.*)?").matcher(server);
      assertThat(url.matches()).as(server).isTrue();
      String mysql =
          "jdbc:mysql://"
              + url.group(1)
              + "/"
              + database
              + (url.group(2) == null ? "" : url.group(2));
      assertThat(java.sql.DriverManager.getDriver(mysql).getClass().getName())
          .isEqualTo("com.mysql.cj.jdbc.Driver");

      servesAndRecords(mysql);
    } finally {
      execute(server, "DROP DATABASE " + database);
    }
  }

  private void servesAndRecords(String db) throws Exception {
    ServeCommand command =
        new ServeCommand(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try (ServeCommand.Running app = command.start(List.of("--port", "0", "--db", db))) {
      String printed = out.toString(StandardCharsets.UTF_8);
      Matcher curl =
          Pattern.compile(
                  "curl -i -H 'Authorization: (Bearer [0-9a-f-]{36})' -d '(.*)' (http://\\S+)")
              .matcher(printed);
      assertThat(curl.find()).as(printed).isTrue();

      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(curl.group(3)))
                  .header("Authorization", curl.group(1))
                  .POST(HttpRequest.BodyPublishers.ofString(curl.group(2)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      assertThat(response.body()).contains("\"status\":\"recorded\"");
    }
  }

  private static void execute(String url, String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
