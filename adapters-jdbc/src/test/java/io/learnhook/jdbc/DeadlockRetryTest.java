package io.learnhook.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnhook.spi.StorageException.StorageUnavailableException;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * A transaction the database rolled back to break a deadlock wrote nothing, so claiming runs it
 * again (as when ten workers race for the same due reports on MariaDB); anything else is not
 * retried.
 */
class DeadlockRetryTest {
  private final Database db = new Database(ConnectionSource.of(h2()), Dialect.H2, "lh_");

  private static JdbcDataSource h2() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:deadlock-retry;DB_CLOSE_DELAY=-1");
    return dataSource;
  }

  @Test
  void runsAgainATransactionRolledBackForADeadlockUntilItSucceeds() {
    AtomicInteger runs = new AtomicInteger();

    String result =
        db.inTransactionRetryingDeadlocks(
            "claiming",
            3,
            connection -> {
              if (runs.incrementAndGet() < 3) {
                throw new SQLException("Deadlock found when trying to get lock", "40001", 1213);
              }
              return "claimed";
            });

    assertThat(result).isEqualTo("claimed");
    assertThat(runs).hasValue(3);
  }

  @Test
  void givesUpAfterItsTriesAsStorageUnavailable() {
    AtomicInteger runs = new AtomicInteger();

    assertThatThrownBy(
            () ->
                db.inTransactionRetryingDeadlocks(
                    "claiming",
                    3,
                    connection -> {
                      runs.incrementAndGet();
                      throw new SQLException("deadlock detected", "40P01");
                    }))
        .isInstanceOf(StorageUnavailableException.class);
    assertThat(runs).hasValue(3);
  }

  @Test
  void doesNotRunAgainAFailureThatIsNoDeadlock() {
    AtomicInteger runs = new AtomicInteger();

    assertThatThrownBy(
            () ->
                db.inTransactionRetryingDeadlocks(
                    "claiming",
                    3,
                    connection -> {
                      runs.incrementAndGet();
                      throw new SQLException("connection lost", "08006");
                    }))
        .isInstanceOf(StorageUnavailableException.class);
    assertThat(runs).hasValue(1);
  }

  @Test
  void recognisesADeadlockByStateOrByMysqlsCodeAnywhereInTheCauses() {
    assertThat(StorageErrors.isDeadlock(new SQLException("x", "40001"))).isTrue();
    assertThat(StorageErrors.isDeadlock(new SQLException("x", "40P01"))).isTrue();
    assertThat(StorageErrors.isDeadlock(new SQLException("x", "HY000", 1213))).isTrue();
    assertThat(StorageErrors.isDeadlock(new RuntimeException(new SQLException("x", "40001"))))
        .isTrue();
    assertThat(StorageErrors.isDeadlock(new SQLException("x", "40002"))).isFalse();
    assertThat(StorageErrors.isDeadlock(new SQLException("x", "08006", 1205))).isFalse();
  }
}
