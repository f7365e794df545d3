package io.learnhook.spring.boot;

import io.learnhook.LearnHook;
import io.learnhook.completion.CompletionListener;
import io.learnhook.directory.CompanyId;
import io.learnhook.http.HttpReportTransport;
import io.learnhook.http.TenantResolver;
import io.learnhook.http.admin.AdminAuthenticator;
import io.learnhook.http.servlet.AdminServlet;
import io.learnhook.http.servlet.HealthServlet;
import io.learnhook.http.servlet.IncomingWebhookServlet;
import io.learnhook.http.servlet.ServletAuthenticator;
import io.learnhook.ingest.IngestLimits;
import io.learnhook.jdbc.CompanyTable;
import io.learnhook.jdbc.ConnectionSource;
import io.learnhook.jdbc.ItemTable;
import io.learnhook.jdbc.JdbcStore;
import io.learnhook.jdbc.UserTable;
import io.learnhook.micrometer.LearnHookMetrics;
import io.learnhook.ratelimit.RateLimits;
import io.learnhook.spi.LearnHookStore;
import io.learnhook.spi.ReportTransport;
import io.learnhook.spring.SpringConnectionSource;
import io.learnhook.webhook.Webhook;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Servlet;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * LearnHook in a Spring Boot application, built from its {@link DataSource}: the JDBC store
 * (joining the application's Spring transactions), the engine, the webhook and admin servlets, the
 * delivery workers, a health indicator and Micrometer meters. Every bean gives way to one of the
 * application's own of the same type (or, for servlet registrations, name). Off with {@code
 * learnhook.enabled=false}. docs/SPRING.md describes it.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration"
    })
@ConditionalOnClass({LearnHook.class, JdbcStore.class})
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnProperty(prefix = "learnhook", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(LearnHookProperties.class)
public class LearnHookAutoConfiguration {

  /** Spring's transactions on the DataSource, joined (or LearnHook's own connections). */
  @Bean
  @ConditionalOnMissingBean
  public ConnectionSource learnHookConnectionSource(
      DataSource dataSource, LearnHookProperties properties) {
    return properties.isJoinTransactions()
        ? new SpringConnectionSource(dataSource)
        : ConnectionSource.of(dataSource);
  }

  /**
   * The JDBC store, its tables created (or the LMS tables checked) at start, after the
   * application's own database initialization (schema.sql, Flyway, Liquibase) has run.
   */
  @Bean
  @ConditionalOnMissingBean(LearnHookStore.class)
  @DependsOnDatabaseInitialization
  public JdbcStore learnHookStore(
      DataSource dataSource,
      ConnectionSource connections,
      LearnHookProperties properties,
      ObjectProvider<LearnHookStoreCustomizer> customizers) {
    JdbcStore.Builder builder =
        JdbcStore.builder(dataSource)
            .connections(connections)
            .tablePrefix(properties.getTablePrefix());
    LearnHookProperties.Lms lms = properties.getLms();
    userTable(lms.getUserTable()).ifPresent(builder::userTable);
    itemTable(lms.getItemTable()).ifPresent(builder::itemTable);
    companyTable(lms.getCompanyTable()).ifPresent(builder::companyTable);
    if (lms.isAllCompaniesEnabled()) {
      builder.allCompaniesEnabled();
    }
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    JdbcStore store = builder.build();
    if (properties.isCreateSchema()) {
      store.createSchema();
    } else {
      store.validateLmsTables();
    }
    return store;
  }

  /**
   * The engine; every {@link CompletionListener} and {@link LearnHook.Observer} bean is registered
   * with it.
   */
  @Bean
  @ConditionalOnMissingBean
  public LearnHook learnHook(
      LearnHookStore store,
      LearnHookProperties properties,
      ObjectProvider<CompletionListener> listeners,
      ObjectProvider<LearnHook.Observer> observers) {
    LearnHookProperties.RateLimit rate = properties.getRateLimit();
    RateLimits rateLimits =
        rate.isEnabled()
            ? RateLimits.of(new Webhook.RateLimit(rate.getPerSecond(), rate.getBurst()))
                .dividedAmong(rate.getNodes())
            : RateLimits.off();
    IngestLimits defaults = IngestLimits.defaults();
    LearnHookProperties.Ingest ingest = properties.getIngest();
    IngestLimits limits =
        new IngestLimits(
            ingest.getMaxBodySize().toBytes(),
            ingest.getMaxBatchSize(),
            defaults.maxNestingDepth(),
            defaults.retryAfter(),
            defaults.maxStringLength(),
            defaults.maxNumberLength());
    LearnHook.Builder builder =
        LearnHook.builder().store(store).rateLimits(rateLimits).limits(limits);
    listeners.orderedStream().forEach(builder::listener);
    observers.orderedStream().forEach(builder::observer);
    return builder.build();
  }

  /** How reports reach subscribers: HTTPS POSTs, private addresses refused. */
  @Bean
  @ConditionalOnMissingBean
  public ReportTransport learnHookReportTransport(LearnHookProperties properties) {
    return HttpReportTransport.builder()
        .connectTimeout(properties.getDelivery().getConnectTimeout())
        .requestTimeout(properties.getDelivery().getReportTimeout())
        .build();
  }

  /** The delivery workers, started and stopped with the application context. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "learnhook.delivery", name = "enabled", matchIfMissing = true)
  public DeliveryWorkersLifecycle learnHookDeliveryWorkers(
      LearnHook learnHook, ReportTransport transport, LearnHookProperties properties) {
    return new DeliveryWorkersLifecycle(
        learnHook, transport, properties.getDelivery().getThreads());
  }

  private static Optional<UserTable> userTable(LearnHookProperties.UserTable p) {
    if (!StringUtils.hasText(p.getName())) {
      return Optional.empty();
    }
    UserTable table = UserTable.named(p.getName());
    if (StringUtils.hasText(p.getId())) {
      table = table.id(p.getId());
    }
    if (StringUtils.hasText(p.getSingleCompany())) {
      table = table.singleCompany(CompanyId.of(p.getSingleCompany()));
    } else if (StringUtils.hasText(p.getCompany())) {
      table = table.company(p.getCompany());
    }
    if (StringUtils.hasText(p.getEmail())) {
      table = table.email(p.getEmail());
    }
    if (StringUtils.hasText(p.getDisplayName())) {
      table = table.name(p.getDisplayName());
    }
    if (StringUtils.hasText(p.getActive())) {
      table = table.active(p.getActive());
    }
    if (StringUtils.hasText(p.getExternalUid())) {
      table = table.externalUid(p.getExternalUid());
    }
    return Optional.of(table);
  }

  private static Optional<ItemTable> itemTable(LearnHookProperties.ItemTable p) {
    if (!StringUtils.hasText(p.getName())) {
      return Optional.empty();
    }
    ItemTable table = ItemTable.named(p.getName());
    if (StringUtils.hasText(p.getId())) {
      table = table.id(p.getId());
    }
    if (StringUtils.hasText(p.getSingleCompany())) {
      table = table.singleCompany(CompanyId.of(p.getSingleCompany()));
    } else if (StringUtils.hasText(p.getCompany())) {
      table = table.company(p.getCompany());
    }
    if (StringUtils.hasText(p.getTitle())) {
      table = table.title(p.getTitle());
    }
    if (StringUtils.hasText(p.getType())) {
      table = table.type(p.getType());
    }
    if (StringUtils.hasText(p.getCompletionControlledExternally())) {
      table = table.completionControlledExternally(p.getCompletionControlledExternally());
    }
    if (StringUtils.hasText(p.getSlug())) {
      table = table.slug(p.getSlug());
    }
    if (StringUtils.hasText(p.getSourceId())) {
      table = table.sourceId(p.getSourceId());
    }
    if (StringUtils.hasText(p.getSourceType())) {
      table = table.sourceType(p.getSourceType());
    }
    return Optional.of(table);
  }

  private static Optional<CompanyTable> companyTable(LearnHookProperties.CompanyTable p) {
    if (!StringUtils.hasText(p.getName())) {
      return Optional.empty();
    }
    CompanyTable table = CompanyTable.named(p.getName());
    if (StringUtils.hasText(p.getId())) {
      table = table.id(p.getId());
    }
    if (StringUtils.hasText(p.getIntegrationEnabled())) {
      table = table.integrationEnabled(p.getIntegrationEnabled());
    }
    return Optional.of(table);
  }

  /** The servlets, in a servlet web application. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass({Servlet.class, ServletRegistrationBean.class})
  static class Servlets {
    private static String wildcard(String path) {
      return path.endsWith("/") ? path + "*" : path + "/*";
    }

    /** The incoming completion webhook, at {@code learnhook.webhook-path}. */
    @Bean
    @ConditionalOnMissingBean(name = "learnHookWebhookServlet")
    ServletRegistrationBean<IncomingWebhookServlet> learnHookWebhookServlet(
        LearnHook learnHook,
        LearnHookProperties properties,
        ObjectProvider<TenantResolver> tenantResolver) {
      TenantResolver tenants = tenantResolver.getIfAvailable();
      if (tenants == null && StringUtils.hasText(properties.getTenantSubdomainOf())) {
        tenants = TenantResolver.subdomainOf(properties.getTenantSubdomainOf());
      }
      IncomingWebhookServlet servlet =
          tenants == null
              ? new IncomingWebhookServlet(learnHook.ingest())
              : new IncomingWebhookServlet(learnHook.ingest(), tenants);
      String path = properties.getWebhookPath();
      ServletRegistrationBean<IncomingWebhookServlet> registration =
          new ServletRegistrationBean<>(servlet, path, wildcard(path));
      registration.setName("learnHookWebhook");
      return registration;
    }

    /** The admin endpoints, whose callers the application's {@link ServletAuthenticator} knows. */
    @Bean(name = "learnHookAdminServlet")
    @ConditionalOnBean(ServletAuthenticator.class)
    @ConditionalOnMissingBean(name = "learnHookAdminServlet")
    ServletRegistrationBean<AdminServlet> learnHookAdminServletOfRequests(
        LearnHook learnHook, LearnHookProperties properties, ServletAuthenticator authenticator) {
      return admin(AdminServlet.authenticatingRequests(learnHook, authenticator), properties);
    }

    /** The admin endpoints, whose callers the application's {@link AdminAuthenticator} knows. */
    @Bean(name = "learnHookAdminServlet")
    @ConditionalOnBean(AdminAuthenticator.class)
    @ConditionalOnMissingBean(value = ServletAuthenticator.class, name = "learnHookAdminServlet")
    ServletRegistrationBean<AdminServlet> learnHookAdminServletOfHeaders(
        LearnHook learnHook, LearnHookProperties properties, AdminAuthenticator authenticator) {
      return admin(new AdminServlet(learnHook, authenticator), properties);
    }

    private static ServletRegistrationBean<AdminServlet> admin(
        AdminServlet servlet, LearnHookProperties properties) {
      ServletRegistrationBean<AdminServlet> registration =
          new ServletRegistrationBean<>(servlet, wildcard(properties.getAdminPath()));
      registration.setName("learnHookAdmin");
      return registration;
    }

    /** LearnHook's own health endpoint, when {@code learnhook.health-path} is set. */
    @Bean
    @ConditionalOnProperty(prefix = "learnhook", name = "health-path")
    @ConditionalOnMissingBean(name = "learnHookHealthServlet")
    ServletRegistrationBean<HealthServlet> learnHookHealthServlet(
        LearnHook learnHook, LearnHookProperties properties) {
      ServletRegistrationBean<HealthServlet> registration =
          new ServletRegistrationBean<>(new HealthServlet(learnHook), properties.getHealthPath());
      registration.setName("learnHookHealth");
      return registration;
    }
  }

  /** {@code learnhook} in the actuator's health: the database and the delivery workers. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  static class HealthConfiguration {
    @Bean
    @ConditionalOnEnabledHealthIndicator("learnhook")
    @ConditionalOnMissingBean(name = "learnhookHealthIndicator")
    HealthIndicator learnhookHealthIndicator(LearnHook learnHook) {
      return () -> {
        LearnHook.Health health = learnHook.health();
        Health.Builder builder = health.up() ? Health.up() : Health.down();
        return builder
            .withDetail("database", health.database().name())
            .withDetail("deliveryWorkers", health.deliveryWorkers().name())
            .build();
      };
    }
  }

  /** LearnHook's meters, on the application's {@link MeterRegistry}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({MeterRegistry.class, LearnHookMetrics.class})
  @ConditionalOnBean(MeterRegistry.class)
  static class MetricsConfiguration {
    @Bean
    @ConditionalOnMissingBean
    LearnHookMetrics learnHookMetrics(MeterRegistry registry, LearnHookStore store) {
      return new LearnHookMetrics(registry, store.outbox());
    }
  }
}
