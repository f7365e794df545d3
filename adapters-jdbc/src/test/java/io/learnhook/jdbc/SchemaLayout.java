package io.learnhook.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The tables of one prefix in a database's current schema as {@link DatabaseMetaData} describes
 * them, normalised so that two layouts made by different means compare equal when their tables do:
 * names lower-cased and without the prefix, column order ignored, names the database makes up for
 * the indexes behind constraints (H2's {@code …_INDEX_8}) reduced to the constraint's name. The
 * tools' own tables (Flyway's history, Liquibase's changelog and lock) are left out.
 */
record SchemaLayout(Map<String, String> lines) {
  private static final Set<String> TOOL_TABLES =
      Set.of("flyway_schema_history", "databasechangelog", "databasechangeloglock");

  /**
   * H2 names the index behind a constraint {@code <constraint>_INDEX_<hex>}, or {@code
   * PRIMARY_KEY_<hex>} when it reuses one for the primary key: the counter depends on what else the
   * database holds.
   */
  private static final Pattern H2_CONSTRAINT_INDEX = Pattern.compile("_index_[0-9a-f]+$");

  private static final Pattern H2_PRIMARY_KEY = Pattern.compile("^primary_key_[0-9a-f]+$");

  static SchemaLayout of(DataSource dataSource, String prefix) throws SQLException {
    Map<String, String> lines = new TreeMap<>();
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      String catalog = connection.getCatalog();
      String schema = connection.getSchema();
      List<String> tables = new ArrayList<>();
      try (ResultSet rows = meta.getTables(catalog, schema, null, new String[] {"TABLE"})) {
        while (rows.next()) {
          String name = rows.getString("TABLE_NAME");
          String lower = name.toLowerCase(Locale.ROOT);
          if (lower.startsWith(prefix) && !TOOL_TABLES.contains(lower)) {
            tables.add(name);
          }
        }
      }
      for (String table : tables) {
        String t = strip(table, prefix);
        lines.put("table " + t, "exists");
        try (ResultSet rows = meta.getColumns(catalog, schema, table, null)) {
          while (rows.next()) {
            lines.put(
                "column " + t + "." + rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
                String.join(
                    " ",
                    rows.getString("TYPE_NAME").toLowerCase(Locale.ROOT),
                    "size=" + rows.getInt("COLUMN_SIZE"),
                    "digits=" + rows.getInt("DECIMAL_DIGITS"),
                    "nullable=" + rows.getString("IS_NULLABLE"),
                    "default=" + normalisedDefault(rows.getString("COLUMN_DEF")),
                    "autoincrement=" + rows.getString("IS_AUTOINCREMENT")));
          }
        }
        Map<String, List<String>> pk = new TreeMap<>();
        try (ResultSet rows = meta.getPrimaryKeys(catalog, schema, table)) {
          while (rows.next()) {
            String name = Objects.toString(rows.getString("PK_NAME"), "");
            pk.computeIfAbsent(constraintName(name, prefix), k -> new ArrayList<>())
                .add(
                    rows.getShort("KEY_SEQ")
                        + ":"
                        + rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
          }
        }
        pk.forEach((name, columns) -> lines.put("primary key " + t, name + " " + sorted(columns)));
        Map<String, List<String>> indexes = new TreeMap<>();
        Map<String, Boolean> unique = new TreeMap<>();
        try (ResultSet rows = meta.getIndexInfo(catalog, schema, table, false, false)) {
          while (rows.next()) {
            String column = rows.getString("COLUMN_NAME");
            String name = rows.getString("INDEX_NAME");
            if (column == null || name == null) {
              continue; // table statistics rows
            }
            String key = constraintName(name, prefix);
            indexes
                .computeIfAbsent(key, k -> new ArrayList<>())
                .add(rows.getShort("ORDINAL_POSITION") + ":" + column.toLowerCase(Locale.ROOT));
            unique.put(key, !rows.getBoolean("NON_UNIQUE"));
          }
        }
        indexes.forEach(
            (name, columns) ->
                lines.put(
                    "index " + t + "." + name,
                    (unique.get(name) ? "unique " : "") + sorted(columns)));
        try (ResultSet rows = meta.getImportedKeys(catalog, schema, table)) {
          while (rows.next()) {
            lines.put(
                "foreign key " + t + "." + rows.getString("FK_NAME"),
                rows.getString("FKCOLUMN_NAME") + " -> " + rows.getString("PKTABLE_NAME"));
          }
        }
      }
      if (lines.containsKey("table schema_version")) {
        try (Statement statement = connection.createStatement();
            ResultSet rows =
                statement.executeQuery(
                    "SELECT version, description FROM "
                        + prefix
                        + "schema_version ORDER BY version")) {
          while (rows.next()) {
            lines.put("schema_version " + rows.getInt(1), rows.getString(2));
          }
        }
      }
    }
    return new SchemaLayout(lines);
  }

  /**
   * The lines in which {@code other} differs from this layout, one per line: {@code -} only here,
   * {@code +} only there, {@code ~} different.
   */
  String diff(SchemaLayout other, String thisName, String otherName) {
    Set<String> keys = new TreeSet<>(lines.keySet());
    keys.addAll(other.lines.keySet());
    StringBuilder out = new StringBuilder();
    for (String key : keys) {
      String mine = lines.get(key);
      String theirs = other.lines.get(key);
      if (Objects.equals(mine, theirs)) {
        continue;
      }
      if (theirs == null) {
        out.append("- ")
            .append(key)
            .append(": ")
            .append(mine)
            .append(" (only in ")
            .append(thisName)
            .append(")\n");
      } else if (mine == null) {
        out.append("+ ")
            .append(key)
            .append(": ")
            .append(theirs)
            .append(" (only in ")
            .append(otherName)
            .append(")\n");
      } else {
        out.append("~ ")
            .append(key)
            .append(": ")
            .append(thisName)
            .append(" '")
            .append(mine)
            .append("' vs ")
            .append(otherName)
            .append(" '")
            .append(theirs)
            .append("'\n");
      }
    }
    return out.toString();
  }

  private static String strip(String name, String prefix) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.startsWith(prefix) ? lower.substring(prefix.length()) : lower;
  }

  private static String constraintName(String name, String prefix) {
    String stripped = H2_CONSTRAINT_INDEX.matcher(strip(name, prefix)).replaceFirst("");
    return H2_PRIMARY_KEY.matcher(stripped).replaceFirst("primary_key");
  }

  private static String normalisedDefault(String value) {
    if (value == null) {
      return "none";
    }
    String v = value.strip().toLowerCase(Locale.ROOT);
    // MariaDB reports a literal default quoted or not depending on the way it was declared.
    return v.startsWith("'") && v.endsWith("'") && v.length() > 1
        ? v.substring(1, v.length() - 1)
        : v;
  }

  private static List<String> sorted(List<String> columns) {
    List<String> copy = new ArrayList<>(columns);
    copy.sort(null);
    return copy;
  }
}
