/**
 * The storage ports of {@code io.learnhook.spi} on plain JDBC: {@link io.learnhook.jdbc.JdbcStore}
 * over the application's {@link javax.sql.DataSource}, one {@link io.learnhook.jdbc.Dialect} per
 * supported database (H2, PostgreSQL, MySQL/MariaDB), {@link io.learnhook.jdbc.UserTable}, {@link
 * io.learnhook.jdbc.ItemTable} and {@link io.learnhook.jdbc.CompanyTable} to read the LMS's own
 * tables, and {@link io.learnhook.jdbc.JdbcDirectory} to fill LearnHook's own directory tables.
 * Everything else in the package is implementation. docs/STORAGE.md describes the tables.
 */
package io.learnhook.jdbc;
