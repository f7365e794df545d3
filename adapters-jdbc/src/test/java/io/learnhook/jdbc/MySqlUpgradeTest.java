package io.learnhook.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What createSchema() adds to MySQL/MariaDB tables of an earlier release is what the MySQL Flyway
 * scripts add, so a new migration cannot be forgotten there (the upgrade itself is run by {@link
 * MariaDbMigrationsTest} and {@link MariaDbSchemaTest}).
 */
class MySqlUpgradeTest {
  @Test
  void upgradesWithEveryMySqlMigrationAfterTheFirst() throws Exception {
    URL folder = getClass().getClassLoader().getResource("db/migration/learnhook/mysql");
    List<String> shipped =
        Arrays.stream(new File(folder.toURI()).list())
            .filter(name -> name.matches("V\\d+__.*\\.sql") && !name.startsWith("V1__"))
            .sorted((a, b) -> Integer.compare(version(a), version(b)))
            .map(name -> "db/migration/learnhook/mysql/" + name)
            .toList();

    assertThat(shipped).isNotEmpty();
    assertThat(MySqlUpgrade.SCRIPTS).isEqualTo(shipped);
  }

  @Test
  void everyUpgradeStatementAddsOneColumnOrOneIndex() {
    assertThat(MySqlUpgrade.statements("lh_"))
        .hasSizeGreaterThan(10)
        .allSatisfy(
            statement ->
                assertThat(statement)
                    .matches(
                        "(ALTER TABLE lh_\\w+ ADD COLUMN \\w+ [^,]+"
                            + "|CREATE INDEX lh_\\w+ ON lh_\\w+ \\([\\w, ]+\\))"));
  }

  private static int version(String name) {
    return Integer.parseInt(name.substring(1, name.indexOf("__")));
  }
}
