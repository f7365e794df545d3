package io.learnhook.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcSchemaTest {
  @RegisterExtension static final H2Database DATABASE = new H2Database();

  private static JdbcStore store(String prefix) {
    return JdbcStore.builder(DATABASE.dataSource()).tablePrefix(prefix).build();
  }

  @Test
  void createsEveryTableUnderThePrefix() throws SQLException {
    store("created_").createSchema();

    assertThat(tablesStartingWith("CREATED_"))
        .containsExactly(
            "CREATED_COMPANIES",
            "CREATED_COMPLETIONS",
            "CREATED_ITEMS",
            "CREATED_REQUEST_LOG",
            "CREATED_SCHEMA_VERSION",
            "CREATED_USERS",
            "CREATED_WEBHOOKS");
  }

  @Test
  void createsTheSchemaAgainWithoutTouchingTablesOrRows() {
    JdbcStore store = store("twice_");
    store.createSchema();
    store.directory().putCompany(new Company(CompanyId.of("acme"), true));

    store.createSchema();
    store("twice_").createSchema();

    assertThat(store.companies().findById(CompanyId.of("acme")))
        .contains(new Company(CompanyId.of("acme"), true));
  }

  @Test
  void keepsStoresWithDifferentPrefixesApartInOneDatabase() {
    JdbcStore blue = store("blue_");
    JdbcStore green = store("green_");
    blue.createSchema();
    green.createSchema();

    blue.directory().putCompany(new Company(CompanyId.of("acme"), true));

    assertThat(blue.companies().findById(CompanyId.of("acme"))).isPresent();
    assertThat(green.companies().findById(CompanyId.of("acme"))).isEmpty();
  }

  @Test
  void shipsTheDdlAtItsDocumentedPathWithAPrefixPlaceholder() throws IOException {
    assertThat(Dialect.H2.schemaResource()).isEqualTo("io/learnhook/jdbc/schema/h2.sql");
    try (InputStream in =
        JdbcStore.class.getClassLoader().getResourceAsStream("io/learnhook/jdbc/schema/h2.sql")) {
      assertThat(in).isNotNull();
      String ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(ddl).contains("CREATE TABLE IF NOT EXISTS ${prefix}completions (");
    }
  }

  @Test
  void givesTheDdlWithThePrefixFilledInForMigrationTools() {
    String sql = store("mig_").schemaSql();

    assertThat(sql)
        .doesNotContain("${prefix}")
        .contains("CREATE TABLE IF NOT EXISTS mig_webhooks (")
        .contains("CREATE INDEX IF NOT EXISTS mig_users_email_idx ON mig_users");
  }

  @Test
  void keepsInstantsWithTheirZoneScoresAsDecimalsAndTimesAsBigints() throws SQLException {
    store("types_").createSchema();

    assertThat(columnTypes("TYPES_COMPLETIONS"))
        .contains(
            entry("COMPLETED_AT", "TIMESTAMP WITH TIME ZONE(6)"),
            entry("RECORDED_AT", "TIMESTAMP WITH TIME ZONE(6)"),
            entry("SCORE", "NUMERIC(7,4)"),
            entry("TOTAL_TIME_SECONDS", "BIGINT"),
            entry("WEBHOOK_ID", "CHARACTER VARYING(255)"),
            entry("EVENT_ID", "CHARACTER VARYING(255)"));
    assertThat(columnTypes("TYPES_WEBHOOKS"))
        .contains(
            entry("KEY_HASH", "CHARACTER VARYING(64)"),
            entry("MAPPING", "CHARACTER LARGE OBJECT"),
            entry("CREATED_AT", "TIMESTAMP WITH TIME ZONE(6)"));
  }

  private static List<String> tablesStartingWith(String prefix) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection connection = DATABASE.dataSource().getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME LIKE ? ORDER BY TABLE_NAME")) {
      statement.setString(1, prefix + "%");
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
    }
    return tables;
  }

  private static Map<String, String> columnTypes(String table) throws SQLException {
    Map<String, String> types = new LinkedHashMap<>();
    try (Connection connection = DATABASE.dataSource().getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION,"
                    + " NUMERIC_SCALE, DATETIME_PRECISION FROM INFORMATION_SCHEMA.COLUMNS"
                    + " WHERE TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
      statement.setString(1, table);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          types.put(rows.getString(1), describe(rows));
        }
      }
    }
    return types;
  }

  private static String describe(ResultSet column) throws SQLException {
    String type = column.getString("DATA_TYPE");
    return switch (type) {
      case "CHARACTER VARYING" -> type + "(" + column.getLong("CHARACTER_MAXIMUM_LENGTH") + ")";
      case "NUMERIC", "DECIMAL" ->
          "NUMERIC("
              + column.getInt("NUMERIC_PRECISION")
              + ","
              + column.getInt("NUMERIC_SCALE")
              + ")";
      case "TIMESTAMP WITH TIME ZONE" -> type + "(" + column.getInt("DATETIME_PRECISION") + ")";
      default -> type;
    };
  }
}
