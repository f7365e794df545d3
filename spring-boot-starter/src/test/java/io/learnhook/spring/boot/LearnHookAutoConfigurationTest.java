package io.learnhook.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnhook.LearnHook;
import io.learnhook.completion.Completion;
import io.learnhook.completion.CompletionListener;
import io.learnhook.completion.NewCompletion;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.http.admin.AdminAuthenticator;
import io.learnhook.jdbc.ConnectionSource;
import io.learnhook.jdbc.JdbcStore;
import io.learnhook.micrometer.LearnHookMetrics;
import io.learnhook.spi.ReportTransport;
import io.learnhook.spi.ReportTransport.ReportRequest;
import io.learnhook.spi.ReportTransport.TransportResponse;
import io.learnhook.spring.SpringConnectionSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the auto-configuration builds, and what the application's beans and properties change. */
class LearnHookAutoConfigurationTest {
  private final WebApplicationContextRunner runner =
      new WebApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  DataSourceAutoConfiguration.class, LearnHookAutoConfiguration.class))
          .withPropertyValues(
              "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

  @Test
  void buildsTheStoreTheEngineTheWebhookServletTheWorkersAndTheHealthFromTheDataSource() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasSingleBean(JdbcStore.class).hasSingleBean(LearnHook.class);
          assertThat(context.getBean(ConnectionSource.class))
              .isInstanceOf(SpringConnectionSource.class);
          assertThat(context.getBean(JdbcStore.class).tablePrefix()).isEqualTo("lh_");
          assertThat(mappings(context.getBean("learnHookWebhookServlet")))
              .containsExactly("/webhooks/item_completions", "/webhooks/item_completions/*");
          assertThat(context.getBean(DeliveryWorkersLifecycle.class).isRunning()).isTrue();
          HealthIndicator health =
              context.getBean("learnhookHealthIndicator", HealthIndicator.class);
          assertThat(health.health().getStatus()).isEqualTo(Status.UP);
          assertThat(health.health().getDetails())
              .containsEntry("database", "UP")
              .containsEntry("deliveryWorkers", "UP");
        });
  }

  @Test
  void mountsNoAdminEndpointsWithoutAnAuthenticator() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean("learnHookAdminServlet");
          assertThat(context).doesNotHaveBean("learnHookHealthServlet");
        });
  }

  @Test
  void mountsTheAdminEndpointsAtTheAdminPathWhenTheApplicationHasAnAuthenticator() {
    runner
        .withBean(AdminAuthenticator.class, () -> AdminAuthenticator.bearerTokens(Map.of()))
        .withPropertyValues("learnhook.admin-path=/lms/learnhook-admin")
        .run(
            context ->
                assertThat(mappings(context.getBean("learnHookAdminServlet")))
                    .containsExactly("/lms/learnhook-admin/*"));
  }

  @Test
  void bindsItsProperties() {
    runner
        .withPropertyValues(
            "learnhook.webhook-path=/hooks/completions",
            "learnhook.table-prefix=app_lh_",
            "learnhook.join-transactions=false",
            "learnhook.health-path=/learnhook/health",
            "learnhook.delivery.threads=2",
            "learnhook.delivery.report-timeout=3s",
            "learnhook.delivery.connect-timeout=2s",
            "learnhook.rate-limit.per-second=5")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(mappings(context.getBean("learnHookWebhookServlet")))
                  .containsExactly("/hooks/completions", "/hooks/completions/*");
              assertThat(mappings(context.getBean("learnHookHealthServlet")))
                  .containsExactly("/learnhook/health");
              assertThat(context.getBean(JdbcStore.class).tablePrefix()).isEqualTo("app_lh_");
              assertThat(context.getBean(ConnectionSource.class))
                  .isNotInstanceOf(SpringConnectionSource.class);
              LearnHookProperties properties = context.getBean(LearnHookProperties.class);
              assertThat(properties.getDelivery().getThreads()).isEqualTo(2);
              // The transport's whole bound: connecting, answering, and 5 s for resolving.
              assertThat(context.getBean(ReportTransport.class).timeout())
                  .isEqualTo(Duration.ofSeconds(2 + 3 + 5));
              assertThat(properties.getRateLimit().getPerSecond()).isEqualTo(5);
            });
  }

  @Test
  void givesWayToTheApplicationsOwnBeans() {
    runner
        .withUserConfiguration(OwnBeans.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(ReportTransport.class)).isSameAs(OwnBeans.TRANSPORT);
              assertThat(context).hasSingleBean(LearnHook.class);
              assertThat(context.getBean(LearnHook.class)).isSameAs(context.getBean("ownEngine"));
            });
  }

  @Test
  void configuresNothingWhenDisabled() {
    runner
        .withPropertyValues("learnhook.enabled=false")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context)
                  .doesNotHaveBean(LearnHook.class)
                  .doesNotHaveBean(JdbcStore.class)
                  .doesNotHaveBean("learnHookWebhookServlet")
                  .doesNotHaveBean(DeliveryWorkersLifecycle.class);
            });
  }

  @Test
  void startsNoWorkersWhenDeliveryIsOff() {
    runner
        .withPropertyValues("learnhook.delivery.enabled=false")
        .run(
            context -> {
              assertThat(context).hasNotFailed().doesNotHaveBean(DeliveryWorkersLifecycle.class);
              assertThat(context.getBean(LearnHook.class).health().up()).isTrue();
            });
  }

  @Test
  void registersItsMetersOnTheApplicationsMeterRegistry() {
    runner
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(
            context -> {
              assertThat(context).hasSingleBean(LearnHookMetrics.class);
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              assertThat(registry.find(LearnHookMetrics.OUTBOX_PENDING).gauge()).isNotNull();
            });
  }

  @Test
  void stopsAtStartNamingAnLmsTableThatDoesNotExist() {
    runner
        .withPropertyValues(
            "learnhook.lms.user-table.name=app_users",
            "learnhook.lms.user-table.id=id",
            "learnhook.lms.user-table.company=tenant_id",
            "learnhook.lms.user-table.email=email")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("app_users"));
  }

  @Test
  void leavesTheHealthIndicatorOutWhenSwitchedOff() {
    runner
        .withPropertyValues("management.health.learnhook.enabled=false")
        .run(
            context ->
                assertThat(context).hasNotFailed().doesNotHaveBean("learnhookHealthIndicator"));
  }

  @Test
  void registersTheApplicationsCompletionListenersWithTheEngine() {
    List<Completion> heard = new CopyOnWriteArrayList<>();
    runner
        .withBean(CompletionListener.class, () -> heard::add)
        .run(
            context -> {
              JdbcStore store = context.getBean(JdbcStore.class);
              store.directory().putCompany(new Company(ACME, true));
              store
                  .directory()
                  .putUser(
                      new User(
                          UserId.of("u1"),
                          ACME,
                          "ann@acme.test",
                          "Ann",
                          true,
                          Optional.empty(),
                          Map.of()));
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

              context
                  .getBean(LearnHook.class)
                  .record(
                      NewCompletion.of(
                          ACME,
                          UserId.of("u1"),
                          ItemId.of("i1"),
                          Instant.parse("2026-11-25T10:00:00Z")));

              assertThat(heard).hasSize(1);
            });
  }

  @Test
  void itsJarDescribesEveryPropertyForTheIde() throws Exception {
    try (InputStream metadata =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(metadata).as("generated by spring-boot-configuration-processor").isNotNull();
      JsonNode properties = new ObjectMapper().readTree(metadata).path("properties");
      Map<String, String> descriptions = new HashMap<>();
      properties.forEach(
          property ->
              descriptions.put(
                  property.path("name").asText(), property.path("description").asText()));
      assertThat(descriptions)
          .containsKeys(
              "learnhook.enabled",
              "learnhook.webhook-path",
              "learnhook.admin-path",
              "learnhook.create-schema",
              "learnhook.table-prefix",
              "learnhook.delivery.threads",
              "learnhook.delivery.report-timeout",
              "learnhook.rate-limit.per-second",
              "learnhook.lms.user-table.name");
      assertThat(descriptions)
          .allSatisfy((name, description) -> assertThat(description).isNotBlank());
      assertThat(descriptions.get("learnhook.delivery.threads"))
          .isEqualTo("How many reports this node sends at once.");
    }
  }

  private static final CompanyId ACME = CompanyId.of("acme");

  private static Collection<String> mappings(Object registration) {
    return ((ServletRegistrationBean<?>) registration).getUrlMappings();
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnBeans {
    static final ReportTransport TRANSPORT =
        new ReportTransport() {
          @Override
          public TransportResponse send(ReportRequest request) {
            throw new UnsupportedOperationException("never sends in this test");
          }

          @Override
          public Duration timeout() {
            return Duration.ofSeconds(1);
          }
        };

    @Bean
    ReportTransport ownTransport() {
      return TRANSPORT;
    }

    @Bean
    LearnHook ownEngine(io.learnhook.spi.LearnHookStore store) {
      return LearnHook.builder().store(store).build();
    }
  }
}
