package io.learnhook.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnhook.LearnHook;
import io.learnhook.completion.NewCompletion;
import io.learnhook.completion.RecordResult;
import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A completion the LMS records inside its own JDBC transaction ({@link ThreadBoundConnections})
 * joins it: it commits, with its report, exactly when the LMS's transaction commits, and the
 * listeners hear of it only then. A subclass per backend.
 */
abstract class JoinedTransactionBehaviour {
  private static final CompanyId ACME = CompanyId.of("acme");
  private static final AtomicInteger PREFIXES = new AtomicInteger();

  private String prefix;
  private ThreadBoundConnections connections;
  private LearnHook learnHook;
  private final List<String> heard = new CopyOnWriteArrayList<>();

  abstract TestDatabase database();

  @BeforeEach
  void engineJoiningTheLmsTransactions() throws SQLException {
    prefix = "j" + PREFIXES.incrementAndGet() + "_";
    connections = new ThreadBoundConnections(database().dataSource());
    JdbcStore store =
        JdbcStore.builder(database().dataSource())
            .dialect(database().dialect())
            .tablePrefix(prefix)
            .connections(connections)
            .build();
    store.createSchema();
    store.directory().putCompany(new Company(ACME, true));
    store
        .directory()
        .putUser(
            new User(
                UserId.of("u1"), ACME, "ann@acme.test", "Ann", true, Optional.empty(), Map.of()));
    store
        .directory()
        .putItem(
            new Item(
                ItemId.of("i1"),
                ACME,
                "Phishing 101",
                ItemType.WEB_LINK,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                true));
    store
        .subscriptions()
        .save(
            ReportSubscription.of(
                SubscriptionId.of("s1"), ACME, URI.create("https://hooks.example.com/lms")));
    try (Connection connection = database().dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE " + prefix + "lms_progress (user_id VARCHAR(64))");
    }
    learnHook =
        LearnHook.builder()
            .store(store)
            .listener(
                completion ->
                    // What a listener sees: the transaction is over and the completion is there.
                    heard.add(connections.transactionActive() + "/" + committedRows("completions")))
            .build();
  }

  private static NewCompletion annFinished(int minute) {
    return NewCompletion.of(
        ACME,
        UserId.of("u1"),
        ItemId.of("i1"),
        Instant.parse("2026-11-25T10:00:00Z").plusSeconds(60L * minute));
  }

  private int committedRows(String table) {
    try (Connection connection = database().dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + prefix + table)) {
      rows.next();
      return rows.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void lmsWrite(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate("INSERT INTO " + prefix + "lms_progress (user_id) VALUES ('u1')");
    }
  }

  @Test
  void aCompletionRecordedInTheLmsTransactionCommitsWithItsReportWhenTheLmsCommits()
      throws SQLException {
    RecordResult result =
        connections.inTransaction(
            connection -> {
              lmsWrite(connection);
              RecordResult recorded = learnHook.record(annFinished(0));
              // Not committed on a connection of LearnHook's own: others do not see it yet.
              assertThat(committedRows("completions")).isZero();
              assertThat(committedRows("deliveries")).isZero();
              assertThat(heard).isEmpty();
              return recorded;
            });

    assertThat(result.created()).isTrue();
    assertThat(committedRows("completions")).isEqualTo(1);
    assertThat(committedRows("deliveries")).isEqualTo(1);
    assertThat(committedRows("lms_progress")).isEqualTo(1);
  }

  @Test
  void aRollbackOfTheLmsTransactionLeavesNoCompletionNoReportAndTellsNoListener() {
    assertThatThrownBy(
            () ->
                connections.inTransaction(
                    connection -> {
                      lmsWrite(connection);
                      learnHook.record(annFinished(0));
                      throw new IllegalStateException("the LMS's own write failed");
                    }))
        .hasMessage("the LMS's own write failed");

    assertThat(committedRows("completions")).isZero();
    assertThat(committedRows("deliveries")).isZero();
    assertThat(committedRows("lms_progress")).isZero();
    assertThat(heard).isEmpty();
  }

  @Test
  void listenersRunOnceTheLmsTransactionHasCommitted() throws SQLException {
    connections.inTransaction(connection -> learnHook.record(annFinished(0)));

    assertThat(heard).containsExactly("false/1");
  }

  @Test
  void leavesTheLmsConnectionOpenInItsTransactionForTheLmsToEnd() throws SQLException {
    connections.inTransaction(
        connection -> {
          learnHook.record(annFinished(0));
          learnHook.record(annFinished(0)); // a duplicate, found in the same transaction
          assertThat(connection.isClosed()).isFalse();
          assertThat(connection.getAutoCommit()).isFalse();
          lmsWrite(connection); // the transaction goes on
          return null;
        });

    assertThat(committedRows("completions")).isEqualTo(1);
    assertThat(committedRows("lms_progress")).isEqualTo(1);
    assertThat(heard).hasSize(1);
  }

  @Test
  void refusesToCreateTheSchemaInsideTheLmsTransactionWhichItsDdlWouldCommit() throws SQLException {
    JdbcStore store =
        JdbcStore.builder(database().dataSource())
            .dialect(database().dialect())
            .tablePrefix(prefix)
            .connections(connections)
            .build();

    connections.inTransaction(
        connection -> {
          lmsWrite(connection);
          assertThatThrownBy(store::createSchema)
              .isInstanceOf(IllegalStateException.class)
              .hasMessageContaining("outside the application's transaction");
          connection.rollback();
          return null;
        });

    assertThat(committedRows("lms_progress")).isZero();
  }

  @Test
  void outsideATransactionRecordsAndCommitsAtOnceAsBefore() {
    RecordResult result = learnHook.record(annFinished(1));

    assertThat(result.created()).isTrue();
    assertThat(committedRows("completions")).isEqualTo(1);
    assertThat(committedRows("deliveries")).isEqualTo(1);
    assertThat(heard).containsExactly("false/1");
  }
}
