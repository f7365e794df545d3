package io.learnhook.spring;

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
import io.learnhook.jdbc.JdbcStore;
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
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A completion the LMS records inside its own Spring transaction ({@link
 * DataSourceTransactionManager}, {@link TransactionTemplate}) joins it, on H2, PostgreSQL and
 * MariaDB: kept with its report when the transaction commits, gone when it rolls back, and told to
 * the listeners only after the commit.
 */
class SpringTransactionsTest {
  private static final CompanyId ACME = CompanyId.of("acme");

  private TestDatabases database;
  private String name;
  private DataSource dataSource;
  private JdbcTemplate jdbc;
  private TransactionTemplate transaction;
  private LearnHook learnHook;
  private final List<String> heard = new CopyOnWriteArrayList<>();

  private void start(TestDatabases database) throws Exception {
    Assumptions.assumeTrue(database.unavailable() == null, database.unavailable());
    this.database = database;
    this.name = database.create();
    dataSource = database.dataSource(name);
    jdbc = new JdbcTemplate(dataSource);
    transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    JdbcStore store =
        JdbcStore.builder(dataSource).connections(new SpringConnectionSource(dataSource)).build();
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
    jdbc.execute("CREATE TABLE lms_progress (user_id VARCHAR(64))");
    learnHook =
        LearnHook.builder()
            .store(store)
            // What the listener sees from a connection of its own: committed rows only.
            .listener(completion -> heard.add("completions=" + committed("lh_completions")))
            .build();
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (name != null) {
      database.drop(name);
    }
  }

  private int committed(String table) {
    // A new connection of the DataSource, not the transaction's: sees committed rows only.
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rows.next();
      return rows.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static NewCompletion annFinished() {
    return NewCompletion.of(
        ACME, UserId.of("u1"), ItemId.of("i1"), Instant.parse("2026-11-25T10:00:00Z"));
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.class)
  void aRollbackOfTheSpringTransactionLeavesNoCompletionAndNoReport(TestDatabases database)
      throws Exception {
    start(database);

    assertThatThrownBy(
            () ->
                transaction.executeWithoutResult(
                    status -> {
                      jdbc.update("INSERT INTO lms_progress (user_id) VALUES ('u1')");
                      learnHook.record(annFinished());
                      throw new IllegalStateException("the LMS's own step failed");
                    }))
        .hasMessage("the LMS's own step failed");

    assertThat(committed("lh_completions")).isZero();
    assertThat(committed("lh_deliveries")).isZero();
    assertThat(committed("lms_progress")).isZero();
    assertThat(heard).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.class)
  void aCommitOfTheSpringTransactionKeepsTheCompletionAndQueuesItsReport(TestDatabases database)
      throws Exception {
    start(database);

    RecordResult result =
        transaction.execute(
            status -> {
              jdbc.update("INSERT INTO lms_progress (user_id) VALUES ('u1')");
              RecordResult recorded = learnHook.record(annFinished());
              // Joined, not committed on a connection of LearnHook's own; no listener yet.
              assertThat(committed("lh_completions")).isZero();
              assertThat(heard).isEmpty();
              return recorded;
            });

    assertThat(result.created()).isTrue();
    assertThat(committed("lh_completions")).isEqualTo(1);
    assertThat(committed("lh_deliveries")).isEqualTo(1);
    assertThat(committed("lms_progress")).isEqualTo(1);
    assertThat(heard).containsExactly("completions=1");
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.class)
  void aRollbackOnlyTransactionTellsNoListener(TestDatabases database) throws Exception {
    start(database);

    transaction.executeWithoutResult(
        status -> {
          learnHook.record(annFinished());
          status.setRollbackOnly();
        });

    assertThat(committed("lh_completions")).isZero();
    assertThat(heard).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(value = TestDatabases.class, names = "H2")
  void aTransactionOnAnotherDataSourceIsNotJoined(TestDatabases database) throws Exception {
    start(database);
    String otherName = database.create();
    try {
      TransactionTemplate other =
          new TransactionTemplate(new DataSourceTransactionManager(database.dataSource(otherName)));

      other.executeWithoutResult(
          status -> {
            learnHook.record(annFinished());
            status.setRollbackOnly();
          });

      // Recorded on LearnHook's own connection, and so not undone by the other rollback.
      assertThat(committed("lh_completions")).isEqualTo(1);
      assertThat(heard).containsExactly("completions=1");
    } finally {
      database.drop(otherName);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.class)
  void withoutASpringTransactionRecordsAndCommitsAtOnceAsBefore(TestDatabases database)
      throws Exception {
    start(database);

    RecordResult result = learnHook.record(annFinished());

    assertThat(result.created()).isTrue();
    assertThat(committed("lh_completions")).isEqualTo(1);
    assertThat(committed("lh_deliveries")).isEqualTo(1);
    assertThat(heard).containsExactly("completions=1");
  }
}
