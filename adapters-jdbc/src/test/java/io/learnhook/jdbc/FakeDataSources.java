package io.learnhook.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * DataSources that misbehave the way real pools and networks do, built as JDK proxies over a real
 * H2 DataSource (fakes rather than a mocking library: they behave like a database, not like a
 * script).
 */
final class FakeDataSources {
  private FakeDataSources() {}

  /** Every getConnection throws {@code failure}, like an exhausted pool or a refused connection. */
  static DataSource failing(SQLException failure) {
    return proxy(
        DataSource.class,
        (proxy, method, args) -> {
          if (method.getName().equals("getConnection")) {
            throw failure;
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }

  /** Connections whose metadata names another database product. */
  static DataSource reportingProduct(DataSource real, String productName) {
    return wrapConnections(
        real,
        connection ->
            proxy(
                Connection.class,
                (proxy, method, args) -> {
                  if (method.getName().equals("getMetaData")) {
                    DatabaseMetaData metaData = connection.getMetaData();
                    return proxy(
                        DatabaseMetaData.class,
                        (p, m, a) ->
                            m.getName().equals("getDatabaseProductName")
                                ? productName
                                : invoke(metaData, m, a));
                  }
                  return invoke(connection, method, args);
                }));
  }

  /** Connections that fail every statement as a dropped network connection does. */
  static DataSource losingConnections(DataSource real, SQLException failure) {
    return wrapConnections(
        real,
        connection ->
            proxy(
                Connection.class,
                (proxy, method, args) -> {
                  if (method.getName().startsWith("prepare")
                      || method.getName().equals("createStatement")) {
                    throw failure;
                  }
                  return invoke(connection, method, args);
                }));
  }

  /** Connections handed out with auto-commit off, as some pools are configured. */
  static DataSource withoutAutoCommit(DataSource real) {
    return wrapConnections(
        real,
        connection -> {
          connection.setAutoCommit(false);
          return connection;
        });
  }

  /** Counts the connections borrowed and not yet closed. */
  static final class Counting {
    final AtomicInteger borrowed = new AtomicInteger();
    final AtomicInteger open = new AtomicInteger();
    final DataSource dataSource;

    Counting(DataSource real) {
      this.dataSource =
          wrapConnections(
              real,
              connection -> {
                borrowed.incrementAndGet();
                open.incrementAndGet();
                return proxy(
                    Connection.class,
                    (proxy, method, args) -> {
                      if (method.getName().equals("close") && !connection.isClosed()) {
                        open.decrementAndGet();
                      }
                      return invoke(connection, method, args);
                    });
              });
    }
  }

  @FunctionalInterface
  private interface ConnectionWrapper {
    Connection wrap(Connection connection) throws SQLException;
  }

  private static DataSource wrapConnections(DataSource real, ConnectionWrapper wrapper) {
    return proxy(
        DataSource.class,
        (proxy, method, args) -> {
          Object result = invoke(real, method, args);
          return result instanceof Connection connection ? wrapper.wrap(connection) : result;
        });
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return type.cast(
        Proxy.newProxyInstance(
            FakeDataSources.class.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
