package io.learnhook.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnhook.completion.Completion;
import io.learnhook.completion.CompletionId;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.requestlog.RequestLogEntry;
import io.learnhook.requestlog.RequestLogEntry.Outcome;
import io.learnhook.spi.StorageException;
import io.learnhook.spi.StorageException.StorageUnavailableException;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcStoreFailureTest {
  @RegisterExtension static final H2Database DATABASE = new H2Database();

  private static final CompanyId ACME = CompanyId.of("acme");
  private static final Instant T0 = Instant.parse("2024-05-01T10:15:30.123456Z");

  private static Webhook webhook(String id) {
    return new Webhook(
        WebhookId.of(id),
        ACME,
        "KnowBe4",
        WebhookKey.generate().hash(),
        FieldMapping.parse("{\"email\":\"user.email\",\"source_id\":\"lesson.id\"}"),
        Optional.empty(),
        T0,
        T0);
  }

  private static Completion completion(String eventId) {
    return new Completion(
        CompletionId.random(),
        ACME,
        UserId.of("u1"),
        ItemId.of("i1"),
        Optional.of(WebhookId.of("w1")),
        Optional.of(eventId),
        T0,
        T0,
        Optional.empty(),
        Optional.of(new BigDecimal("95")),
        Optional.empty());
  }

  /** Every port call and schema operation, named for the assertion messages. */
  private static Map<String, ThrowingCallable> everyOperation(JdbcStore store) {
    Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
    calls.put("createSchema", store::createSchema);
    calls.put("companies.findById", () -> store.companies().findById(ACME));
    calls.put("users.findByEmail", () -> store.users().findByEmail(ACME, "ann@acme.test"));
    calls.put("items.findById", () -> store.items().findById(ACME, ItemId.of("i1")));
    calls.put("items.findBySourceId", () -> store.items().findBySourceId(ACME, "1000"));
    calls.put("items.findBySlug", () -> store.items().findBySlug(ACME, "phishing-101"));
    calls.put(
        "webhooks.findByKeyHash", () -> store.webhooks().findByKeyHash(webhook("w").keyHash()));
    calls.put("webhooks.findById", () -> store.webhooks().findById(WebhookId.of("w1")));
    calls.put("webhooks.listByCompany", () -> store.webhooks().listByCompany(ACME));
    calls.put("webhooks.save", () -> store.webhooks().save(webhook("w1")));
    calls.put("webhooks.delete", () -> store.webhooks().delete(WebhookId.of("w1")));
    calls.put(
        "completions.recordIfAbsent", () -> store.completions().recordIfAbsent(completion("e")));
    calls.put("completions.findSameAs", () -> store.completions().findSameAs(completion("e")));
    calls.put("completions.findById", () -> store.completions().findById(CompletionId.random()));
    calls.put(
        "requestLog.append",
        () ->
            store
                .requestLog()
                .append(
                    new RequestLogEntry(
                        WebhookId.of("w1"),
                        T0,
                        false,
                        Outcome.RECORDED,
                        201,
                        Optional.empty(),
                        Optional.empty())));
    calls.put("requestLog.latest", () -> store.requestLog().latest(WebhookId.of("w1"), 10));
    calls.put("requestLog.prune", () -> store.requestLog().prune(WebhookId.of("w1"), 10, T0));
    calls.put("directory.putCompany", () -> store.directory().putCompany(new Company(ACME, true)));
    return calls;
  }

  @Test
  void reportsStorageUnavailableFromEveryPortWhenTheDataSourceGivesNoConnection() {
    DataSource exhausted = FakeDataSources.failing(new SQLException("pool exhausted"));
    JdbcStore store = JdbcStore.builder(exhausted).dialect(Dialect.H2).build();

    everyOperation(store)
        .forEach(
            (name, call) ->
                assertThatThrownBy(call)
                    .as(name)
                    .isInstanceOf(StorageUnavailableException.class)
                    .hasMessageContaining("the DataSource gave no connection"));
  }

  @Test
  void reportsStorageUnavailableWhenTheConnectionIsLostMidCall() {
    DataSource dropping =
        FakeDataSources.losingConnections(
            DATABASE.dataSource(), new SQLNonTransientConnectionException("connection reset"));
    JdbcStore store = JdbcStore.builder(dropping).dialect(Dialect.H2).build();

    everyOperation(store)
        .forEach(
            (name, call) ->
                assertThatThrownBy(call).as(name).isInstanceOf(StorageUnavailableException.class));
  }

  @Test
  void reportsAMissingTableAsAFailureRetryingWillNotFix() {
    // Other tables exist, as in a real database: H2 reports an empty database with another state.
    DATABASE.newStore();
    JdbcStore withoutSchema =
        JdbcStore.builder(DATABASE.dataSource()).tablePrefix("never_created_").build();

    assertThatThrownBy(() -> withoutSchema.companies().findById(ACME))
        .isExactlyInstanceOf(StorageException.class)
        .hasMessage("Storage failed while finding a company (SQLState 42S02, vendor code 42102)");
  }

  @Test
  void neverQuotesABoundValueInItsMessages() {
    JdbcStore store = DATABASE.newStore();
    String secret = "s3cret-" + "x".repeat(1000);
    User tooLong =
        new User(UserId.of("u1"), ACME, "ann@acme.test", secret, true, Optional.empty(), Map.of());

    assertThatThrownBy(() -> store.directory().putUser(tooLong))
        .isExactlyInstanceOf(StorageException.class)
        .hasMessage("Storage failed while saving a user (SQLState 22001, vendor code 22001)")
        .message()
        .doesNotContain("s3cret");
  }

  @Test
  void closesEveryConnectionItBorrowsWhateverTheOutcome() {
    FakeDataSources.Counting counting = new FakeDataSources.Counting(DATABASE.dataSource());
    JdbcStore store =
        JdbcStore.builder(counting.dataSource).tablePrefix("counted_").dialect(Dialect.H2).build();
    store.createSchema();
    everyOperation(store).values().forEach(JdbcStoreFailureTest::runIgnoringFailure);
    Webhook first = webhook("w1");
    store.webhooks().save(first);
    Webhook sameKey =
        new Webhook(
            WebhookId.of("w2"),
            ACME,
            "Copy",
            first.keyHash(),
            first.mapping(),
            Optional.empty(),
            T0,
            T0);
    runIgnoringFailure(() -> store.webhooks().save(sameKey));
    store.completions().recordIfAbsent(completion("dup"));
    store.completions().recordIfAbsent(completion("dup"));
    runIgnoringFailure(() -> store.requestLog().latest(WebhookId.of("w1"), -1));
    JdbcStore missingTables =
        JdbcStore.builder(counting.dataSource).tablePrefix("missing_").dialect(Dialect.H2).build();
    everyOperation(missingTables).entrySet().stream()
        .filter(e -> !e.getKey().equals("createSchema"))
        .forEach(e -> runIgnoringFailure(e.getValue()));

    assertThat(counting.borrowed.get()).isGreaterThan(30);
    assertThat(counting.open.get()).isZero();
  }

  @Test
  void commitsItsWritesWhenThePoolHandsOutConnectionsWithoutAutoCommit() {
    DataSource manual = FakeDataSources.withoutAutoCommit(DATABASE.dataSource());
    JdbcStore writer = JdbcStore.builder(manual).tablePrefix("manual_").dialect(Dialect.H2).build();
    writer.createSchema();
    JdbcStore reader =
        JdbcStore.builder(DATABASE.dataSource()).tablePrefix("manual_").dialect(Dialect.H2).build();
    Completion completion = completion("evt-1");

    writer.directory().putCompany(new Company(ACME, true));
    writer
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
    writer.webhooks().save(webhook("w1"));
    writer.completions().recordIfAbsent(completion);
    boolean duplicate = writer.completions().recordIfAbsent(completion("evt-1")).duplicate();

    assertThat(duplicate).isTrue();
    assertThat(reader.companies().findById(ACME)).isPresent();
    assertThat(reader.items().findById(ACME, ItemId.of("i1"))).isPresent();
    assertThat(reader.webhooks().findById(WebhookId.of("w1"))).isPresent();
    assertThat(reader.completions().findById(completion.id())).isPresent();
  }

  private static void runIgnoringFailure(ThrowingCallable call) {
    try {
      call.call();
    } catch (Throwable expected) {
      // Only whether the connection was closed matters here.
    }
  }
}
