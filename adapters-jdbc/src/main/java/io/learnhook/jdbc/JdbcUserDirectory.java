package io.learnhook.jdbc;

import io.learnhook.directory.CompanyId;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.spi.UserDirectory;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Users from the {@code users} table. Emails are matched on {@code email_normalized}, the email
 * lower-cased in Java with {@link Locale#ROOT} when written, so that the comparison is the one the
 * caller made and an index serves it (a {@code LOWER(email)} in SQL would follow the database's
 * rules and defeat the index).
 */
final class JdbcUserDirectory implements UserDirectory {
  static final String COLUMNS = "company_id, id, email, name, active, ext_uid, custom_fields";

  private final Database db;
  private final String findByEmail;
  private final String findById;

  JdbcUserDirectory(Database db) {
    this.db = db;
    this.findByEmail =
        db.sql(
            "SELECT "
                + COLUMNS
                + " FROM ${prefix}users WHERE company_id = ? AND email_normalized = ? ORDER BY id");
    this.findById =
        db.sql("SELECT " + COLUMNS + " FROM ${prefix}users WHERE company_id = ? AND id = ?");
  }

  @Override
  public Optional<User> findById(CompanyId company, UserId id) {
    return db
        .query(
            "finding a user by id",
            findById,
            p -> p.string(company.value()).string(id.value()),
            JdbcUserDirectory::user)
        .stream()
        .filter(user -> user.company().equals(company) && user.id().equals(id))
        .findFirst();
  }

  @Override
  public List<User> findByEmail(CompanyId company, String email) {
    if (!Params.searchable(company.value(), email)) {
      return List.of();
    }
    String normalized = normalize(email);
    return db
        .query(
            "finding users by email",
            findByEmail,
            p -> p.string(company.value()).string(normalized),
            JdbcUserDirectory::user)
        .stream()
        // Exact again in Java: MySQL's utf8mb4_bin ignores trailing spaces.
        .filter(
            user -> normalize(user.email()).equals(normalized) && user.company().equals(company))
        .toList();
  }

  /** The form emails are stored and looked up in. */
  static String normalize(String email) {
    return email.toLowerCase(Locale.ROOT);
  }

  private static User user(Row row) throws SQLException {
    return new User(
        UserId.of(row.string("id")),
        CompanyId.of(row.string("company_id")),
        row.string("email"),
        row.string("name"),
        row.bool("active"),
        row.optionalString("ext_uid"),
        CustomFields.fromJson(row.string("custom_fields")));
  }
}
