package io.learnhook.spring.boot;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** LearnHook's settings in a Spring Boot application, under {@code learnhook.}. */
@ConfigurationProperties(prefix = "learnhook")
public class LearnHookProperties {
  /** Whether LearnHook is configured at all. */
  private boolean enabled = true;

  /**
   * Whether LearnHook's tables are created at start when missing (existing ones are left alone).
   * Turn it off when migrations create them; the LMS tables are still checked at start.
   */
  private boolean createSchema = true;

  /** The prefix of LearnHook's table names: a lowercase letter or _, then a-z, 0-9 or _. */
  private String tablePrefix = "lh_";

  /**
   * Whether a completion recorded inside a Spring transaction on the same DataSource joins it
   * (committed or rolled back with the application's writes, listeners after the commit). When
   * false, LearnHook commits on connections of its own.
   */
  private boolean joinTransactions = true;

  /** Where the incoming completion webhook is served (also at this path plus "/*"). */
  private String webhookPath = "/webhooks/item_completions";

  /**
   * Where the admin endpoints are served (this path plus "/*"); mounted only when the application
   * has a ServletAuthenticator or AdminAuthenticator bean.
   */
  private String adminPath = "/admin";

  /**
   * Where LearnHook's own health endpoint (GET, 200 or 503 with JSON) is served; empty to leave it
   * unmounted, e.g. with the actuator's health endpoint.
   */
  private String healthPath = "";

  /**
   * The base domain when each company calls from its own subdomain (acme.lms.example for
   * lms.example): a valid key of another company is then refused. Empty: any host.
   */
  private String tenantSubdomainOf = "";

  private final RateLimit rateLimit = new RateLimit();
  private final Ingest ingest = new Ingest();
  private final Delivery delivery = new Delivery();
  private final Lms lms = new Lms();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public boolean isCreateSchema() {
    return createSchema;
  }

  public void setCreateSchema(boolean createSchema) {
    this.createSchema = createSchema;
  }

  public String getTablePrefix() {
    return tablePrefix;
  }

  public void setTablePrefix(String tablePrefix) {
    this.tablePrefix = tablePrefix;
  }

  public boolean isJoinTransactions() {
    return joinTransactions;
  }

  public void setJoinTransactions(boolean joinTransactions) {
    this.joinTransactions = joinTransactions;
  }

  public String getWebhookPath() {
    return webhookPath;
  }

  public void setWebhookPath(String webhookPath) {
    this.webhookPath = webhookPath;
  }

  public String getAdminPath() {
    return adminPath;
  }

  public void setAdminPath(String adminPath) {
    this.adminPath = adminPath;
  }

  public String getHealthPath() {
    return healthPath;
  }

  public void setHealthPath(String healthPath) {
    this.healthPath = healthPath;
  }

  public String getTenantSubdomainOf() {
    return tenantSubdomainOf;
  }

  public void setTenantSubdomainOf(String tenantSubdomainOf) {
    this.tenantSubdomainOf = tenantSubdomainOf;
  }

  public RateLimit getRateLimit() {
    return rateLimit;
  }

  public Ingest getIngest() {
    return ingest;
  }

  public Delivery getDelivery() {
    return delivery;
  }

  public Lms getLms() {
    return lms;
  }

  /** The limit on each webhook's calls, per node. */
  public static class RateLimit {
    /** Whether webhook calls are rate limited (off: behind a gateway that limits already). */
    private boolean enabled = true;

    /** Calls a second each webhook may make, per node. */
    private double perSecond = 50;

    /** Calls a webhook may make at once before the rate applies. */
    private int burst = 200;

    /** How many nodes share each limit (the limit is divided among them). */
    private int nodes = 1;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public double getPerSecond() {
      return perSecond;
    }

    public void setPerSecond(double perSecond) {
      this.perSecond = perSecond;
    }

    public int getBurst() {
      return burst;
    }

    public void setBurst(int burst) {
      this.burst = burst;
    }

    public int getNodes() {
      return nodes;
    }

    public void setNodes(int nodes) {
      this.nodes = nodes;
    }
  }

  /** Limits on incoming webhook calls. */
  public static class Ingest {
    /** The largest body accepted; larger is answered 413 without being read. */
    private DataSize maxBodySize = DataSize.ofMegabytes(1);

    /** The most completions one call may carry. */
    private int maxBatchSize = 1000;

    public DataSize getMaxBodySize() {
      return maxBodySize;
    }

    public void setMaxBodySize(DataSize maxBodySize) {
      this.maxBodySize = maxBodySize;
    }

    public int getMaxBatchSize() {
      return maxBatchSize;
    }

    public void setMaxBatchSize(int maxBatchSize) {
      this.maxBatchSize = maxBatchSize;
    }
  }

  /** The delivery workers, which send reports to subscribers' callback URLs. */
  public static class Delivery {
    /**
     * Whether this node runs delivery workers (started and stopped with the application context).
     */
    private boolean enabled = true;

    /** How many reports this node sends at once. */
    private int threads = 4;

    /** How long a subscriber may take to answer one report before the attempt counts as failed. */
    private Duration reportTimeout = Duration.ofSeconds(10);

    /** How long connecting to a subscriber may take. */
    private Duration connectTimeout = Duration.ofSeconds(5);

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public int getThreads() {
      return threads;
    }

    public void setThreads(int threads) {
      this.threads = threads;
    }

    public Duration getReportTimeout() {
      return reportTimeout;
    }

    public void setReportTimeout(Duration reportTimeout) {
      this.reportTimeout = reportTimeout;
    }

    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }
  }

  /**
   * The LMS's own tables that LearnHook reads users, items and companies from, instead of its own
   * (docs/STORAGE.md). Each is used when its table name is set. For settings not offered here,
   * declare a LearnHookStoreCustomizer bean.
   */
  public static class Lms {
    /**
     * Treat every company as existing with the integration enabled (an LMS without such a switch).
     */
    private boolean allCompaniesEnabled = false;

    private final UserTable userTable = new UserTable();
    private final ItemTable itemTable = new ItemTable();
    private final CompanyTable companyTable = new CompanyTable();

    public boolean isAllCompaniesEnabled() {
      return allCompaniesEnabled;
    }

    public void setAllCompaniesEnabled(boolean allCompaniesEnabled) {
      this.allCompaniesEnabled = allCompaniesEnabled;
    }

    public UserTable getUserTable() {
      return userTable;
    }

    public ItemTable getItemTable() {
      return itemTable;
    }

    public CompanyTable getCompanyTable() {
      return companyTable;
    }
  }

  /** The LMS's users table. */
  public static class UserTable {
    /** The table's name; users are read from it when set. */
    private String name;

    /** The column of the user's id. */
    private String id;

    /** The column of the user's company id (unless single-company is set). */
    private String company;

    /** The one company every user belongs to, for an LMS of one company. */
    private String singleCompany;

    /** The column of the user's email. */
    private String email;

    /** The column of the user's display name. */
    private String displayName;

    /** A boolean column: whether the user is active. */
    private String active;

    /** The column of the user's id in the sending system. */
    private String externalUid;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
    }

    public String getCompany() {
      return company;
    }

    public void setCompany(String company) {
      this.company = company;
    }

    public String getSingleCompany() {
      return singleCompany;
    }

    public void setSingleCompany(String singleCompany) {
      this.singleCompany = singleCompany;
    }

    public String getEmail() {
      return email;
    }

    public void setEmail(String email) {
      this.email = email;
    }

    public String getDisplayName() {
      return displayName;
    }

    public void setDisplayName(String displayName) {
      this.displayName = displayName;
    }

    public String getActive() {
      return active;
    }

    public void setActive(String active) {
      this.active = active;
    }

    public String getExternalUid() {
      return externalUid;
    }

    public void setExternalUid(String externalUid) {
      this.externalUid = externalUid;
    }
  }

  /** The LMS's learning items table. */
  public static class ItemTable {
    /** The table's name; items are read from it when set. */
    private String name;

    /** The column of the item's id. */
    private String id;

    /** The column of the item's company id (unless single-company is set). */
    private String company;

    /** The one company every item belongs to, for an LMS of one company. */
    private String singleCompany;

    /** The column of the item's title. */
    private String title;

    /** The column of the item's type, holding LearnHook's type names (web_link, video, ...). */
    private String type;

    /** A boolean column: whether the item's completion is controlled externally (by webhooks). */
    private String completionControlledExternally;

    /** The column of the item's slug. */
    private String slug;

    /** The column of the item's id in the sending system. */
    private String sourceId;

    /** The column of the sending system's type (e.g. knowbe4). */
    private String sourceType;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
    }

    public String getCompany() {
      return company;
    }

    public void setCompany(String company) {
      this.company = company;
    }

    public String getSingleCompany() {
      return singleCompany;
    }

    public void setSingleCompany(String singleCompany) {
      this.singleCompany = singleCompany;
    }

    public String getTitle() {
      return title;
    }

    public void setTitle(String title) {
      this.title = title;
    }

    public String getType() {
      return type;
    }

    public void setType(String type) {
      this.type = type;
    }

    public String getCompletionControlledExternally() {
      return completionControlledExternally;
    }

    public void setCompletionControlledExternally(String completionControlledExternally) {
      this.completionControlledExternally = completionControlledExternally;
    }

    public String getSlug() {
      return slug;
    }

    public void setSlug(String slug) {
      this.slug = slug;
    }

    public String getSourceId() {
      return sourceId;
    }

    public void setSourceId(String sourceId) {
      this.sourceId = sourceId;
    }

    public String getSourceType() {
      return sourceType;
    }

    public void setSourceType(String sourceType) {
      this.sourceType = sourceType;
    }
  }

  /** The LMS's companies table. */
  public static class CompanyTable {
    /** The table's name; companies are read from it when set. */
    private String name;

    /** The column of the company's id. */
    private String id;

    /** A boolean column: whether the company has the integration enabled. */
    private String integrationEnabled;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
    }

    public String getIntegrationEnabled() {
      return integrationEnabled;
    }

    public void setIntegrationEnabled(String integrationEnabled) {
      this.integrationEnabled = integrationEnabled;
    }
  }
}
