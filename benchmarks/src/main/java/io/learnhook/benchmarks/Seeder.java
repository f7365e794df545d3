package io.learnhook.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Fills LearnHook's own users and items tables with {@code size} rows each, in one company, unless
 * they already hold exactly that many. Server-side bulk inserts ({@code INSERT … SELECT} over
 * {@code generate_series}, in 100k-row statements): 1M users and 1M items take well under a minute
 * on a 2-core machine.
 */
final class Seeder {
  private static final int CHUNK = 100_000;

  private Seeder() {}

  static void seedIfNeeded(DataSource dataSource, int size) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      if (count(statement, "lh_users") == size && count(statement, "lh_items") == size) {
        return;
      }
      statement.execute("TRUNCATE lh_users, lh_items");
      for (int from = 0; from < size; from += CHUNK) {
        int to = Math.min(size, from + CHUNK) - 1;
        statement.execute(
            "INSERT INTO lh_users (company_id, id, email, email_normalized, name, active, ext_uid,"
                + " custom_fields) SELECT 'acme', 'u-' || n, 'User' || n || '@Acme.test',"
                + " 'user' || n || '@acme.test', 'User ' || n, TRUE, NULL, '{}'"
                + " FROM generate_series("
                + from
                + ", "
                + to
                + ") AS n");
        statement.execute(
            "INSERT INTO lh_items (company_id, id, title, type, slug, source_id, source_type,"
                + " completion_controlled_externally) SELECT 'acme', 'i-' || n, 'Item ' || n,"
                + " 'web_link', 'item-' || n, 'src-' || n, NULL, TRUE"
                + " FROM generate_series("
                + from
                + ", "
                + to
                + ") AS n");
      }
      statement.execute("ANALYZE lh_users");
      statement.execute("ANALYZE lh_items");
    }
  }

  private static long count(Statement statement, String table) throws SQLException {
    try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
