package io.learnhook.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnhook.spi.StorageException;
import io.learnhook.spi.StorageException.StorageUnavailableException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JdbcStoreBuilderTest {
  @RegisterExtension static final H2Database DATABASE = new H2Database();

  @Test
  void detectsH2FromTheDatabaseProductName() {
    JdbcStore store = JdbcStore.builder(DATABASE.dataSource()).build();

    assertThat(store.dialect()).isEqualTo(Dialect.H2);
  }

  @Test
  void refusesAnUnsupportedDatabaseNamingTheSupportedOnes() {
    var oracle = FakeDataSources.reportingProduct(DATABASE.dataSource(), "Oracle");

    assertThatThrownBy(() -> JdbcStore.builder(oracle).build())
        .isExactlyInstanceOf(StorageException.class)
        .hasMessage(
            "The database 'Oracle' is not supported by learnhook-jdbc. Supported: H2, PostgreSQL,"
                + " MySQL, MariaDB. Either point the DataSource at a supported database, or"
                + " implement the ports of io.learnhook.spi for yours.");
  }

  @ParameterizedTest
  @CsvSource({"PostgreSQL, POSTGRESQL", "MySQL, MYSQL", "MariaDB, MYSQL", "H2, H2"})
  void detectsTheDialectFromTheProductNameTheDriverReports(String product, Dialect dialect) {
    var reporting = FakeDataSources.reportingProduct(DATABASE.dataSource(), product);

    assertThat(JdbcStore.builder(reporting).build().dialect()).isEqualTo(dialect);
  }

  @Test
  void usesTheGivenDialectWithoutAskingTheDatabase() {
    var unreachable = FakeDataSources.failing(new SQLException("Connection refused", "08001"));

    JdbcStore store = JdbcStore.builder(unreachable).dialect(Dialect.H2).build();

    assertThat(store.dialect()).isEqualTo(Dialect.H2);
  }

  @Test
  void reportsStorageUnavailableWhenDetectionGetsNoConnection() {
    var unreachable = FakeDataSources.failing(new SQLException("Connection refused", "08001"));

    assertThatThrownBy(() -> JdbcStore.builder(unreachable).build())
        .isInstanceOf(StorageUnavailableException.class)
        .hasMessageContaining("detecting the database product");
  }

  @Test
  void namesTablesWithLhUnlessToldOtherwise() {
    JdbcStore store = JdbcStore.builder(DATABASE.dataSource()).build();

    assertThat(store.tablePrefix()).isEqualTo("lh_");
    assertThat(store.schemaSql()).contains("CREATE TABLE IF NOT EXISTS lh_completions (");
  }

  @ParameterizedTest
  @ValueSource(strings = {"lh_", "_", "a", "app1_learnhook_", "abcdefghijklmnopqrstuvwxyz_12345"})
  void acceptsPrefixesThatAreLowercaseIdentifiers(String prefix) {
    JdbcStore store = JdbcStore.builder(DATABASE.dataSource()).tablePrefix(prefix).build();

    assertThat(store.tablePrefix()).isEqualTo(prefix);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "LH_",
        "Lh_",
        "1lh_",
        "lh-",
        "lh_ ",
        " lh_",
        "lh.",
        "lh\"",
        "lh_; DROP TABLE x; --",
        "abcdefghijklmnopqrstuvwxyz_123456",
        "ŀh_"
      })
  void refusesPrefixesThatAreNotLowercaseIdentifiers(String prefix) {
    var builder = JdbcStore.builder(DATABASE.dataSource());

    assertThatThrownBy(() -> builder.tablePrefix(prefix))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "A table prefix is 1 to 32 characters: a lowercase letter or '_', then lowercase"
                + " letters, digits or '_' (like the default 'lh_'); got '"
                + prefix
                + "'");
  }

  @Test
  void refusesANullPrefix() {
    var builder = JdbcStore.builder(DATABASE.dataSource());

    assertThatThrownBy(() -> builder.tablePrefix(null))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("got null");
  }
}
