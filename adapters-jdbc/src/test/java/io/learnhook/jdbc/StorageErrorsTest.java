package io.learnhook.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.spi.StorageException;
import io.learnhook.spi.StorageException.StorageUnavailableException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class StorageErrorsTest {

  @Test
  void treatsConnectionStatesAsUnavailable() {
    assertThat(StorageErrors.isUnavailable(new SQLException("refused", "08001"))).isTrue();
    assertThat(StorageErrors.isUnavailable(new SQLException("link failure", "08S01"))).isTrue();
    assertThat(StorageErrors.isUnavailable(new SQLException("gone", "08006"))).isTrue();
  }

  @Test
  void treatsConnectionAndTimeoutExceptionTypesAsUnavailableWhateverTheirState() {
    assertThat(StorageErrors.isUnavailable(new SQLTransientConnectionException("pool timeout")))
        .isTrue();
    assertThat(StorageErrors.isUnavailable(new SQLNonTransientConnectionException("closed")))
        .isTrue();
    assertThat(StorageErrors.isUnavailable(new SQLTimeoutException("lock timeout", "HYT00")))
        .isTrue();
  }

  @Test
  void treatsATransactionTheDatabaseRolledBackAsUnavailable() {
    assertThat(StorageErrors.isUnavailable(new SQLTransactionRollbackException("deadlock")))
        .isTrue();
    assertThat(StorageErrors.isUnavailable(new SQLException("serialization", "40001"))).isTrue();
  }

  @Test
  void treatsPostgresqlSessionsEndedByTheServerAndTimeoutsAsUnavailable() {
    assertThat(StorageErrors.isUnavailable(new SQLException("terminated by admin", "57P01")))
        .isTrue();
    assertThat(StorageErrors.isUnavailable(new SQLException("crash shutdown", "57P02"))).isTrue();
    assertThat(StorageErrors.isUnavailable(new SQLException("starting up", "57P03"))).isTrue();
    assertThat(StorageErrors.isUnavailable(new SQLException("statement timeout", "57014")))
        .isTrue();
    assertThat(StorageErrors.isUnavailable(new SQLException("lock not available", "55P03")))
        .isTrue();
    assertThat(StorageErrors.isUnavailable(new SQLException("too many clients", "53300"))).isTrue();
  }

  @Test
  void treatsMysqlLockWaitTimeoutsAndKilledConnectionsAsUnavailable() {
    assertThat(StorageErrors.isUnavailable(new SQLException("lock wait", "HY000", 1205))).isTrue();
    assertThat(StorageErrors.isUnavailable(new SQLException("killed", "70100", 1927))).isTrue();
    assertThat(StorageErrors.isUnavailable(new SQLException("shutdown", "HY000", 1053))).isTrue();
    assertThat(StorageErrors.isUnavailable(new SQLException("duplicate", "23000", 1062))).isFalse();
    assertThat(StorageErrors.isUnavailable(new SQLException("bad value", "22001", 1406))).isFalse();
  }

  @Test
  void findsUnavailabilityInTheCauseOrNextException() {
    SQLException wrapped =
        new SQLException("wrapper", "HY000", new SQLTransientConnectionException("pool timeout"));
    SQLException chained = new SQLException("batch", "HY000");
    chained.setNextException(new SQLException("refused", "08001"));

    assertThat(StorageErrors.isUnavailable(wrapped)).isTrue();
    assertThat(StorageErrors.isUnavailable(chained)).isTrue();
  }

  @Test
  void treatsEverythingElseAsAFailureRetryingWillNotFix() {
    assertThat(StorageErrors.isUnavailable(new SQLSyntaxErrorException("no table", "42S02")))
        .isFalse();
    assertThat(StorageErrors.isUnavailable(new SQLException("not null", "23502"))).isFalse();
    assertThat(StorageErrors.isUnavailable(new SQLException("no state"))).isFalse();
  }

  @Test
  void survivesACauseThatPointsBackAtItself() {
    SQLException first = new SQLException("first", "HY000");
    SQLException second = new SQLException("second", "HY000", first);
    first.setNextException(second);

    assertThat(StorageErrors.isUnavailable(first)).isFalse();
  }

  @Test
  void namesTheOperationAndCodesButNotTheDriversMessage() {
    SQLException e = new SQLException("Value too long: 'ann@acme.test'", "22001", 22001);

    StorageException translated = StorageErrors.translate("saving a user", e);

    assertThat(translated)
        .isExactlyInstanceOf(StorageException.class)
        .hasMessage("Storage failed while saving a user (SQLState 22001, vendor code 22001)")
        .hasCause(e);
    assertThat(StorageErrors.translate("finding a webhook", new SQLException("x", "08001")))
        .isExactlyInstanceOf(StorageUnavailableException.class)
        .hasMessage("Storage unavailable while finding a webhook (SQLState 08001, vendor code 0)");
  }
}
