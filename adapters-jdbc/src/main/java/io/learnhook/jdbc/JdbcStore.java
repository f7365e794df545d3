package io.learnhook.jdbc;

import io.learnhook.spi.CompanyRepository;
import io.learnhook.spi.CompletionRepository;
import io.learnhook.spi.DeliveryOutbox;
import io.learnhook.spi.ItemCatalog;
import io.learnhook.spi.LearnHookStore;
import io.learnhook.spi.ReportSubscriptionRepository;
import io.learnhook.spi.RequestLogRepository;
import io.learnhook.spi.Transactions;
import io.learnhook.spi.UserDirectory;
import io.learnhook.spi.WebhookRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every storage port on plain JDBC, over the application's own {@link DataSource} (its connection
 * pool). Stateless apart from the DataSource, so any number of app nodes may share one database.
 *
 * <pre>{@code
 * JdbcStore store = JdbcStore.builder(dataSource).build(); // dialect detected, tables lh_*
 * store.createSchema(); // or let Flyway/Liquibase run the shipped migrations, then validateLmsTables()
 * }</pre>
 *
 * <p>The DDL of each dialect ships at a stable classpath path ({@link Dialect#schemaResource()}:
 * {@code io/learnhook/jdbc/schema/{h2,postgresql,mysql}.sql}) with {@code ${prefix}} where the
 * table prefix goes. For an application whose Flyway or Liquibase owns the schema, the jar also
 * ships versioned Flyway scripts ({@code db/migration/learnhook/{h2,postgresql,mysql}}, placeholder
 * {@code prefix}) and a Liquibase changelog ({@code
 * db/changelog/learnhook/db.changelog-master.yaml}) that make the same tables (docs/STORAGE.md,
 * "Migrations: Flyway and Liquibase"). Users, items and companies may be read from the LMS's own
 * tables instead ({@link Builder#userTable}, {@link Builder#itemTable}, {@link
 * Builder#companyTable}).
 *
 * <p>What storage keeps: instants to the microsecond (finer digits are dropped), as UTC; scores to
 * four decimal places (rounded half up); identifiers, event ids, results and source fields up to
 * 255 characters; titles and user names up to 1000; emails up to 320.
 *
 * <p>Failures: a database that cannot be reached (no connection, a lost connection, a timeout, a
 * transaction the database rolled back) raises {@link
 * io.learnhook.spi.StorageException.StorageUnavailableException}; anything else {@link
 * io.learnhook.spi.StorageException}. Their messages name the operation and the SQLState, never the
 * driver's message, which quotes the values bound to a statement (emails, names, payloads).
 */
public final class JdbcStore implements LearnHookStore {
  /** The table prefix used unless {@link Builder#tablePrefix(String)} says otherwise. */
  public static final String DEFAULT_TABLE_PREFIX = Schema.DEFAULT_PREFIX;

  private static final Logger log = LoggerFactory.getLogger(JdbcStore.class);

  private final Database db;
  private final CompanyRepository companies;
  private final UserDirectory users;
  private final ItemCatalog items;
  private final WebhookRepository webhooks;
  private final CompletionRepository completions;
  private final RequestLogRepository requestLog;
  private final ReportSubscriptionRepository subscriptions;
  private final DeliveryOutbox outbox;
  private final Transactions transactions;
  private final JdbcDirectory directory;
  private final List<MappedTable<?>> lmsTables = new ArrayList<>();

  private JdbcStore(Database db, Builder builder) {
    this.db = db;
    if (builder.companyTable != null && !builder.allCompaniesEnabled) {
      lmsTables.add(builder.companyTable.mapped());
    }
    if (builder.userTable != null) {
      lmsTables.add(builder.userTable.mapped());
    }
    if (builder.itemTable != null) {
      lmsTables.add(builder.itemTable.mapped());
    }
    if (builder.allCompaniesEnabled) {
      this.companies = ExternalCompanyRepository.allEnabled();
    } else if (builder.companyTable != null) {
      this.companies = new ExternalCompanyRepository(db, builder.companyTable);
    } else {
      this.companies = new JdbcCompanyRepository(db);
    }
    this.users =
        builder.userTable != null
            ? new ExternalUserDirectory(db, builder.userTable)
            : new JdbcUserDirectory(db);
    this.items =
        builder.itemTable != null
            ? new ExternalItemCatalog(db, builder.itemTable)
            : new JdbcItemCatalog(db);
    this.subscriptions = new JdbcReportSubscriptionRepository(db);
    this.webhooks =
        new JdbcWebhookRepository(
            db,
            companies instanceof JdbcCompanyRepository own ? Optional.of(own) : Optional.empty(),
            subscriptions);
    this.completions = new JdbcCompletionRepository(db);
    this.requestLog = new JdbcRequestLogRepository(db);
    this.outbox = new JdbcDeliveryOutbox(db);
    this.transactions =
        new Transactions() {
          @Override
          public <T> T inTransaction(java.util.function.Supplier<T> work) {
            return db.inBoundTransaction("recording a completion and its reports", work);
          }

          @Override
          public void afterCommit(Runnable action) {
            db.afterCommit(action);
          }

          @Override
          public boolean reachable(java.time.Duration timeout) {
            // isValid takes whole seconds, and 0 would mean no limit at all.
            int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
            return db.withConnection(
                "checking that the database answers",
                connection -> {
                  if (connection.isValid(seconds)) {
                    return true;
                  }
                  // A pool does not learn from isValid that its connection is dead, and would lend
                  // it to every later check (HikariCP skips validating a connection used in the
                  // last 500 ms): a statement on it fails with a connection error, which makes the
                  // pool drop it, so that the next check gets a new connection.
                  try (java.sql.Statement statement = connection.createStatement()) {
                    statement.setQueryTimeout(seconds);
                    statement.execute("SELECT 1");
                  }
                  return true;
                });
          }
        };
    this.directory = new JdbcDirectory(db);
  }

  /** Starts a store on {@code dataSource}, which the application owns, configures and closes. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /**
   * Checks the LMS tables first ({@link #validateLmsTables()}), then creates the tables and indexes
   * that do not exist yet; leaves existing ones and their data alone, so calling it at every start,
   * on every node at once, is fine (nodes take turns under a database lock). Tables made by an
   * earlier release get the columns and indexes added since, on every database (on MySQL/MariaDB
   * after looking each up, since MySQL 8 has no {@code ADD COLUMN IF NOT EXISTS}); existing rows
   * are kept. An application whose migration tool owns the schema runs the Flyway scripts or the
   * Liquibase changelog shipped in this jar instead (docs/STORAGE.md, "Migrations").
   *
   * @throws IllegalStateException when an LMS table or one of its configured columns does not
   *     exist, naming each and the columns the table has; nothing is created then
   * @throws io.learnhook.spi.StorageException when the tables were migrated to a newer layout than
   *     this version of LearnHook knows ({@code <prefix>schema_version})
   * @throws IllegalStateException inside a transaction of the application's ({@link
   *     Builder#connections}): the DDL would commit it; nothing is run
   */
  public void createSchema() {
    if (db.inApplicationTransaction()) {
      throw new IllegalStateException(
          "createSchema() must run outside the application's transaction: its DDL commits");
    }
    validateLmsTables();
    Schema.create(db);
    log.info("LearnHook tables ready ({} dialect, prefix '{}')", db.dialect(), db.prefix());
  }

  /**
   * Checks that every LMS table given ({@link Builder#userTable}, {@link Builder#itemTable}, {@link
   * Builder#companyTable}) exists and has every column its description names, so that a misspelt
   * name stops the app at start instead of failing every webhook call. {@link #createSchema()}
   * calls it; an app that runs {@link #schemaSql()} from its migrations instead calls it at start.
   * Reads the tables' metadata on one connection (a query returning no row per table); writes
   * nothing. Does nothing when no LMS table is given.
   *
   * @throws IllegalStateException naming, for every table that does not fit, the table, each
   *     missing column with its role, and the columns the table has (or that the table does not
   *     exist)
   * @throws io.learnhook.spi.StorageException.StorageUnavailableException when no connection can be
   *     had
   * @throws io.learnhook.spi.StorageException when the database refuses otherwise (permissions)
   */
  public void validateLmsTables() {
    if (lmsTables.isEmpty()) {
      return;
    }
    List<String> problems =
        db.withConnection(
            "checking the LMS tables",
            connection -> {
              List<String> found = new ArrayList<>();
              for (MappedTable<?> table : lmsTables) {
                TableCheck.mismatch(connection, db.dialect(), table).ifPresent(found::add);
              }
              return found;
            });
    if (!problems.isEmpty()) {
      throw new IllegalStateException(String.join(". ", problems));
    }
  }

  /** The DDL {@link #createSchema()} runs, with the table prefix filled in, for migration tools. */
  public String schemaSql() {
    return Schema.script(db.dialect(), db.prefix());
  }

  /** Writes companies, users and items into LearnHook's directory tables (demo, seeds, tests). */
  public JdbcDirectory directory() {
    return directory;
  }

  /** The dialect in use, given or detected. */
  public Dialect dialect() {
    return db.dialect();
  }

  /** The prefix of every table name. */
  public String tablePrefix() {
    return db.prefix();
  }

  @Override
  public CompanyRepository companies() {
    return companies;
  }

  @Override
  public UserDirectory users() {
    return users;
  }

  @Override
  public ItemCatalog items() {
    return items;
  }

  @Override
  public WebhookRepository webhooks() {
    return webhooks;
  }

  @Override
  public CompletionRepository completions() {
    return completions;
  }

  @Override
  public RequestLogRepository requestLog() {
    return requestLog;
  }

  @Override
  public ReportSubscriptionRepository subscriptions() {
    return subscriptions;
  }

  @Override
  public DeliveryOutbox outbox() {
    return outbox;
  }

  /**
   * Transactions on one connection per thread: every port call of this store made inside one, on
   * the same thread, uses that connection. Inside a transaction of the application's ({@link
   * Builder#connections}), they join it instead, and {@link Transactions#afterCommit} waits for its
   * commit.
   */
  @Override
  public Transactions transactions() {
    return transactions;
  }

  /** Configures a {@link JdbcStore}. */
  public static final class Builder {
    private final DataSource dataSource;
    private ConnectionSource connections;
    private Dialect dialect;
    private String tablePrefix = DEFAULT_TABLE_PREFIX;
    private UserTable userTable;
    private ItemTable itemTable;
    private CompanyTable companyTable;
    private boolean allCompaniesEnabled;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Where connections come from ({@link ConnectionSource#of(DataSource)} on the builder's
     * DataSource by default): a source bound to the application's transactions makes LearnHook join
     * them, so that a completion recorded in one commits or rolls back with it. The source must
     * hand out connections of the builder's DataSource's database.
     */
    public Builder connections(ConnectionSource connections) {
      this.connections = Objects.requireNonNull(connections, "connections");
      return this;
    }

    /**
     * The database's dialect. Optional: when not given, {@link #build()} asks the database its
     * product name, which costs one connection.
     */
    public Builder dialect(Dialect dialect) {
      this.dialect = Objects.requireNonNull(dialect, "dialect");
      return this;
    }

    /**
     * The prefix of every table, index and constraint name ({@value JdbcStore#DEFAULT_TABLE_PREFIX}
     * by default), to keep LearnHook's tables apart from the LMS's in one schema: a lowercase
     * letter or {@code _}, then lowercase letters, digits or {@code _}, at most 32 characters.
     *
     * @throws IllegalArgumentException when the prefix is not of that form
     */
    public Builder tablePrefix(String tablePrefix) {
      this.tablePrefix = Schema.requireValidPrefix(tablePrefix);
      return this;
    }

    /**
     * Looks users up in the LMS's own table instead of LearnHook's {@code users} table. The table
     * is read, never written; {@link JdbcStore#directory()} still writes LearnHook's own.
     */
    public Builder userTable(UserTable table) {
      this.userTable = Objects.requireNonNull(table, "table");
      return this;
    }

    /** Looks items up in the LMS's own table instead of LearnHook's {@code items} table. */
    public Builder itemTable(ItemTable table) {
      this.itemTable = Objects.requireNonNull(table, "table");
      return this;
    }

    /** Reads companies from the LMS's own table instead of LearnHook's {@code companies} table. */
    public Builder companyTable(CompanyTable table) {
      this.companyTable = Objects.requireNonNull(table, "table");
      this.allCompaniesEnabled = false;
      return this;
    }

    /**
     * Treats every company as existing with the integration enabled, for an LMS that has no such
     * switch; the webhook's key still decides which company a call is for.
     */
    public Builder allCompaniesEnabled() {
      this.allCompaniesEnabled = true;
      this.companyTable = null;
      return this;
    }

    /**
     * The store. Touches the database only to detect the dialect when none was given, so that an
     * app can be built before its database is up; the LMS's own tables are checked by {@link
     * JdbcStore#validateLmsTables()} (which {@link JdbcStore#createSchema()} calls) and otherwise
     * first read when first looked up in.
     *
     * @throws IllegalArgumentException naming every required column a {@link UserTable}, {@link
     *     ItemTable} or {@link CompanyTable} lacks
     * @throws io.learnhook.spi.StorageException when the database is not one LearnHook supports
     * @throws io.learnhook.spi.StorageException.StorageUnavailableException when detection cannot
     *     get a connection
     */
    public JdbcStore build() {
      List<String> problems = new ArrayList<>();
      if (userTable != null) {
        userTable.mapped().missing(userTable.required()).ifPresent(problems::add);
      }
      if (itemTable != null) {
        itemTable.mapped().missing(itemTable.required()).ifPresent(problems::add);
      }
      if (companyTable != null) {
        companyTable.mapped().missing(CompanyTable.REQUIRED).ifPresent(problems::add);
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(String.join("; ", problems));
      }
      Dialect chosen = dialect != null ? dialect : Dialect.detect(dataSource);
      ConnectionSource source = connections != null ? connections : ConnectionSource.of(dataSource);
      return new JdbcStore(new Database(source, chosen, tablePrefix), this);
    }
  }
}
