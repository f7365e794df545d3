/**
 * The storage ports of {@code io.learnhook.spi} on plain JDBC: {@link io.learnhook.jdbc.JdbcStore}
 * over the application's {@link javax.sql.DataSource}, one {@link io.learnhook.jdbc.Dialect} per
 * supported database (H2 today), and {@link io.learnhook.jdbc.JdbcDirectory} to fill LearnHook's
 * own directory tables. Everything else in the package is implementation.
 */
package io.learnhook.jdbc;
