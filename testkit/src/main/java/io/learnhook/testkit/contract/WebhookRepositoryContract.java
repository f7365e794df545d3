package io.learnhook.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.spi.CompanyRepository;
import io.learnhook.spi.ReportSubscriptionRepository;
import io.learnhook.spi.WebhookRepository;
import io.learnhook.spi.WebhookRepository.WebhookWithCompany;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.Webhook.RateLimit;
import io.learnhook.webhook.Webhook.RateLimitSetting;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link WebhookRepository}; extend it to run it against an adapter. The lookup of
 * a webhook with its company reads two more ports: the companies (passed to it) and the report
 * subscriptions (whether the company has an enabled one), so the kit asks for those too.
 */
public abstract class WebhookRepositoryContract extends PortContract {

  /** The webhook repository under test, the same one throughout a test. */
  protected abstract WebhookRepository webhooks();

  /** The companies the lookup of a webhook with its company reads. */
  protected abstract CompanyRepository companies();

  /** The report subscriptions of the same storage, which that lookup may consult. */
  protected abstract ReportSubscriptionRepository subscriptions();

  /**
   * Puts a company where the port under test reads it, replacing the one with the same id; the port
   * only reads them.
   */
  protected abstract void putCompany(Company company);

  @BeforeEach
  void seedCompanies() {
    putCompany(new Company(ACME, true));
    putCompany(new Company(GLOBEX, true));
  }

  private Optional<WebhookContent> stored(WebhookId id) {
    return webhooks().findById(id).map(PortContract::content);
  }

  @Test
  void savesAWebhookAndFindsItById() {
    Webhook webhook = webhook(ACME, "w1", "KnowBe4");

    webhooks().save(webhook);

    assertThat(stored(WebhookId.of("w1"))).contains(content(webhook));
  }

  @Test
  void findsNothingForAnUnknownId() {
    webhooks().save(webhook(ACME, "w1", "KnowBe4"));

    assertThat(webhooks().findById(WebhookId.of("w2"))).isEmpty();
    assertThat(webhooks().findById(WebhookId.of("W1"))).isEmpty();
  }

  @Test
  void findsAWebhookByTheHashOfItsKey() {
    WebhookKey key = WebhookKey.generate();
    Webhook webhook = withKeyHash(webhook(GLOBEX, "w1", "KnowBe4"), key.hash());
    webhooks().save(webhook);
    webhooks().save(webhook(ACME, "w2", "Articulate"));

    assertThat(webhooks().findByKeyHash(key.hash()).map(PortContract::content))
        .contains(content(webhook));
  }

  @Test
  void findsNothingForAKeyHashNoWebhookHas() {
    webhooks().save(webhook(ACME, "w1", "KnowBe4"));

    assertThat(webhooks().findByKeyHash(WebhookKey.generate().hash())).isEmpty();
  }

  @Test
  void replacesTheWebhookWithTheSameId() {
    Webhook original = webhook(ACME, "w1", "KnowBe4");
    webhooks().save(original);
    WebhookKey newKey = WebhookKey.generate();
    Webhook changed =
        new Webhook(
            original.id(),
            ACME,
            "KnowBe4 (phishing)",
            newKey.hash(),
            FieldMapping.parse("{\"email\":\"actor.mbox\",\"item_id\":\"object.id\"}"),
            Optional.empty(),
            original.createdAt(),
            T0.plusSeconds(3600));

    webhooks().save(changed);

    assertThat(stored(original.id())).contains(content(changed));
    assertThat(webhooks().findByKeyHash(newKey.hash()).map(PortContract::content))
        .contains(content(changed));
    assertThat(webhooks().findByKeyHash(original.keyHash())).isEmpty();
    assertThat(webhooks().listByCompany(ACME)).hasSize(1);
  }

  @Test
  void savesTheSameWebhookAgainWithoutComplainingAboutItsOwnKey() {
    Webhook webhook = webhook(ACME, "w1", "KnowBe4");
    webhooks().save(webhook);

    webhooks().save(webhook);

    assertThat(stored(webhook.id())).contains(content(webhook));
  }

  @Test
  void refusesAKeyHashThatBelongsToAnotherWebhook() {
    Webhook first = webhook(ACME, "w1", "KnowBe4");
    webhooks().save(first);
    Webhook second = withKeyHash(webhook(GLOBEX, "w2", "Articulate"), first.keyHash());

    assertThatThrownBy(() -> webhooks().save(second)).isInstanceOf(IllegalArgumentException.class);

    assertThat(webhooks().findById(second.id())).isEmpty();
    assertThat(webhooks().findByKeyHash(first.keyHash()).map(PortContract::content))
        .contains(content(first));
  }

  @Test
  void refusesToGiveAnExistingWebhookTheKeyHashOfAnother() {
    Webhook first = webhook(ACME, "w1", "KnowBe4");
    Webhook second = webhook(ACME, "w2", "Articulate");
    webhooks().save(first);
    webhooks().save(second);

    assertThatThrownBy(() -> webhooks().save(withKeyHash(second, first.keyHash())))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(stored(second.id())).contains(content(second));
  }

  @Test
  void listsTheCompanysWebhooksByName() {
    webhooks().save(webhook(ACME, "w1", "Zoom"));
    webhooks().save(webhook(ACME, "w2", "Articulate"));
    webhooks().save(webhook(ACME, "w3", "KnowBe4"));
    webhooks().save(webhook(GLOBEX, "w4", "Absorb"));

    assertThat(webhooks().listByCompany(ACME))
        .extracting(Webhook::name)
        .containsExactly("Articulate", "KnowBe4", "Zoom");
  }

  @Test
  void neverListsAWebhookOfAnotherCompany() {
    Webhook acme = webhook(ACME, "w1", "KnowBe4");
    Webhook globex = webhook(GLOBEX, "w2", "KnowBe4");
    webhooks().save(acme);
    webhooks().save(globex);

    assertThat(webhooks().listByCompany(ACME))
        .extracting(PortContract::content)
        .containsExactly(content(acme));
    assertThat(webhooks().listByCompany(CompanyId.of("initech"))).isEmpty();
  }

  @Test
  void deleteSaysWhetherTheWebhookExisted() {
    Webhook webhook = webhook(ACME, "w1", "KnowBe4");
    webhooks().save(webhook);

    assertThat(webhooks().delete(webhook.id())).isTrue();
    assertThat(webhooks().delete(webhook.id())).isFalse();
    assertThat(webhooks().delete(WebhookId.of("never-saved"))).isFalse();
  }

  @Test
  void forgetsADeletedWebhookAndItsKey() {
    Webhook deleted = webhook(ACME, "w1", "KnowBe4");
    Webhook kept = webhook(ACME, "w2", "Articulate");
    webhooks().save(deleted);
    webhooks().save(kept);

    webhooks().delete(deleted.id());

    assertThat(webhooks().findById(deleted.id())).isEmpty();
    assertThat(webhooks().findByKeyHash(deleted.keyHash())).isEmpty();
    assertThat(webhooks().listByCompany(ACME))
        .extracting(PortContract::content)
        .containsExactly(content(kept));
  }

  @Test
  void acceptsTheKeyHashOfADeletedWebhookForANewOne() {
    Webhook deleted = webhook(ACME, "w1", "KnowBe4");
    webhooks().save(deleted);
    webhooks().delete(deleted.id());
    Webhook reborn = withKeyHash(webhook(ACME, "w2", "KnowBe4"), deleted.keyHash());

    webhooks().save(reborn);

    assertThat(webhooks().findByKeyHash(deleted.keyHash()).map(PortContract::content))
        .contains(content(reborn));
  }

  @Test
  void keepsTheSourceTypePresentAndAbsent() {
    Webhook typed = webhook(ACME, "w1", "KnowBe4");
    Webhook untyped =
        new Webhook(
            WebhookId.of("w2"),
            ACME,
            "Anything",
            WebhookKey.generate().hash(),
            typed.mapping(),
            Optional.empty(),
            T0,
            T0);
    webhooks().save(typed);
    webhooks().save(untyped);

    assertThat(stored(typed.id()).map(WebhookContent::sourceType)).contains(Optional.of("knowbe4"));
    assertThat(stored(untyped.id()).map(WebhookContent::sourceType)).contains(Optional.empty());
  }

  @Test
  void keepsAWebhooksOwnRateLimitItsAbsenceAndOffExactly() {
    Webhook limited =
        webhook(ACME, "w1", "Limited")
            .withRateLimit(Optional.of(RateLimitSetting.of(RateLimit.perSecond(0.25, 3))));
    Webhook fast =
        webhook(ACME, "w2", "Fast")
            .withRateLimit(
                Optional.of(RateLimitSetting.of(RateLimit.perSecond(123456.789, 1_000_000))));
    Webhook off = webhook(ACME, "w3", "Off").withRateLimit(Optional.of(RateLimitSetting.off()));
    Webhook byDefault = webhook(ACME, "w4", "Default");
    List.of(limited, fast, off, byDefault).forEach(webhooks()::save);

    assertThat(stored(limited.id())).contains(content(limited));
    assertThat(stored(fast.id())).contains(content(fast));
    assertThat(stored(off.id()).map(WebhookContent::rateLimit))
        .contains(Optional.of(RateLimitSetting.off()));
    assertThat(stored(byDefault.id()).map(WebhookContent::rateLimit)).contains(Optional.empty());
    assertThat(webhooks().findByKeyHash(limited.keyHash()).map(Webhook::rateLimit))
        .contains(limited.rateLimit());

    // Changed, then back to the engine's default: each save replaces the setting.
    webhooks().save(limited.withRateLimit(Optional.of(RateLimitSetting.off())));
    assertThat(stored(limited.id()).map(WebhookContent::rateLimit))
        .contains(Optional.of(RateLimitSetting.off()));
    webhooks().save(limited.withRateLimit(Optional.empty()));
    assertThat(stored(limited.id()).map(WebhookContent::rateLimit)).contains(Optional.empty());
  }

  @Test
  void keepsTimesToTheMicrosecondWhateverOffsetTheyWereWrittenIn() {
    Instant created = OffsetDateTime.parse("2024-03-31T02:30:00.000001+05:45").toInstant();
    Instant rotated = OffsetDateTime.parse("1999-12-31T23:59:59.999999-09:30").toInstant();
    Webhook webhook =
        new Webhook(
            WebhookId.of("w1"),
            ACME,
            "KnowBe4",
            WebhookKey.generate().hash(),
            webhook(ACME, "w1", "KnowBe4").mapping(),
            Optional.empty(),
            created,
            rotated);
    webhooks().save(webhook);

    Webhook found = webhooks().findById(webhook.id()).orElseThrow();

    assertThat(found.createdAt()).isEqualTo(Instant.parse("2024-03-30T20:45:00.000001Z"));
    assertThat(found.keyRotatedAt()).isEqualTo(Instant.parse("2000-01-01T09:29:59.999999Z"));
  }

  @Test
  void keepsSqlMetacharactersAndUnicodeExactly() {
    Webhook webhook =
        new Webhook(
            WebhookId.of(SQL_METACHARACTERS),
            CompanyId.of(UNICODE),
            UNICODE + SQL_METACHARACTERS,
            WebhookKey.generate().hash(),
            webhook(ACME, "w", "n").mapping(),
            Optional.of(SQL_METACHARACTERS + UNICODE),
            T0,
            T0);
    webhooks().save(webhook);

    assertThat(stored(webhook.id())).contains(content(webhook));
    assertThat(webhooks().listByCompany(CompanyId.of(UNICODE)))
        .extracting(PortContract::content)
        .containsExactly(content(webhook));
  }

  @Test
  void keepsIdsOfTheLongestLength() {
    Webhook webhook =
        new Webhook(
            WebhookId.of(LONGEST_ID),
            CompanyId.of(LONGEST_ID),
            LONGEST_ID,
            WebhookKey.generate().hash(),
            webhook(ACME, "w", "n").mapping(),
            Optional.of(LONGEST_ID),
            T0,
            T0);
    webhooks().save(webhook);

    assertThat(stored(webhook.id())).contains(content(webhook));
  }

  @Test
  void findsAWebhookByItsPreviousKeyWhileItHasOne() {
    Webhook original = webhook(ACME, "w1", "KnowBe4");
    WebhookKey next = WebhookKey.generate();
    Webhook rotated =
        original.withRotatedKey(next.hash(), T0.plusSeconds(600), Duration.ofHours(1));
    webhooks().save(original);
    webhooks().save(rotated);

    assertThat(webhooks().findByKeyHash(next.hash()).map(PortContract::content))
        .contains(content(rotated));
    assertThat(webhooks().findByKeyHash(original.keyHash()).map(PortContract::content))
        .contains(content(rotated));
  }

  @Test
  void findsTheWebhookOfAKeyTogetherWithItsCompany() {
    WebhookKey key = WebhookKey.generate();
    webhooks().save(withKeyHash(webhook(GLOBEX, "w1", "KnowBe4"), key.hash()));
    webhooks().save(webhook(ACME, "w2", "Articulate"));
    putCompany(new Company(GLOBEX, true, true));

    Optional<WebhookWithCompany> found =
        webhooks().findByKeyHashWithCompany(key.hash(), companies());

    assertThat(found.map(w -> w.webhook().id())).contains(WebhookId.of("w1"));
    assertThat(found.flatMap(WebhookWithCompany::company))
        .contains(companies().findById(GLOBEX).orElseThrow());
    assertThat(webhooks().findByKeyHashWithCompany(WebhookKey.generate().hash(), companies()))
        .isEmpty();
  }

  @Test
  void findsAWebhookWithItsCompanyAsItIsNowNotAsItWas() {
    WebhookKey key = WebhookKey.generate();
    webhooks().save(withKeyHash(webhook(ACME, "w1", "KnowBe4"), key.hash()));
    webhooks().findByKeyHashWithCompany(key.hash(), companies());

    companies().setIntegrationEnabled(ACME, false);

    assertThat(
            webhooks()
                .findByKeyHashWithCompany(key.hash(), companies())
                .flatMap(WebhookWithCompany::company)
                .map(Company::integrationEnabled))
        .contains(false);
  }

  @Test
  void neverSaysACompanyHasNoEnabledReportSubscriptionWhenItHasOneAsItIsNow() {
    WebhookKey key = WebhookKey.generate();
    webhooks().save(withKeyHash(webhook(ACME, "w1", "KnowBe4"), key.hash()));
    // A store may say "none" here, or not look (false is always safe).
    webhooks().findByKeyHashWithCompany(key.hash(), companies());

    subscriptions()
        .save(
            ReportSubscription.of(
                SubscriptionId.of("s1"), ACME, URI.create("https://hooks.example.com/lms/s1")));

    // Read as it is now: a subscription saved after an earlier lookup counts at the next one.
    assertThat(
            webhooks()
                .findByKeyHashWithCompany(key.hash(), companies())
                .map(WebhookWithCompany::noEnabledReportSubscriptions))
        .contains(false);
  }

  @Test
  void findsAWebhookWhoseCompanyIsUnknownWithoutACompany() {
    CompanyId initech = CompanyId.of("initech");
    WebhookKey key = WebhookKey.generate();
    webhooks().save(withKeyHash(webhook(initech, "w1", "KnowBe4"), key.hash()));

    Optional<WebhookWithCompany> found =
        webhooks().findByKeyHashWithCompany(key.hash(), companies());

    assertThat(found.map(w -> w.webhook().id())).contains(WebhookId.of("w1"));
    assertThat(found.flatMap(WebhookWithCompany::company)).isEmpty();
  }

  @Test
  void findsAWebhookAndItsCompanyByItsPreviousKey() {
    Webhook original = webhook(ACME, "w1", "KnowBe4");
    Webhook rotated =
        original.withRotatedKey(
            WebhookKey.generate().hash(), T0.plusSeconds(600), Duration.ofHours(1));
    webhooks().save(rotated);

    Optional<WebhookWithCompany> found =
        webhooks().findByKeyHashWithCompany(original.keyHash(), companies());

    assertThat(found.map(w -> content(w.webhook()))).contains(content(rotated));
    assertThat(found.flatMap(WebhookWithCompany::company).map(Company::id)).contains(ACME);
  }

  @Test
  void returnsAPreviousKeysWebhookEvenAfterItsGraceSinceCoreDecidesWithItsClock() {
    Webhook original = webhook(ACME, "w1", "KnowBe4");
    Webhook rotated =
        original.withRotatedKey(
            WebhookKey.generate().hash(), T0.minusSeconds(7200), Duration.ofHours(1));
    webhooks().save(rotated);

    assertThat(webhooks().findByKeyHash(original.keyHash()).map(Webhook::id))
        .contains(original.id());
  }

  @Test
  void keepsThePreviousKeyAndWhenItStopsWorking() {
    Instant until = OffsetDateTime.parse("2024-05-02T12:00:00.654321+02:00").toInstant();
    Webhook original = webhook(ACME, "w1", "KnowBe4");
    Webhook rotated =
        original.withRotatedKey(WebhookKey.generate().hash(), T0, Duration.between(T0, until));
    webhooks().save(rotated);

    Webhook found = webhooks().findById(original.id()).orElseThrow();

    assertThat(found.previousKey()).isPresent();
    assertThat(found.previousKey().get().hash()).isEqualTo(original.keyHash());
    assertThat(found.previousKey().get().validUntil())
        .isEqualTo(Instant.parse("2024-05-02T10:00:00.654321Z"));
    assertThat(content(found)).isEqualTo(content(rotated));
  }

  @Test
  void forgetsThePreviousKeyWhenTheWebhookIsSavedWithoutOne() {
    Webhook original = webhook(ACME, "w1", "KnowBe4");
    Webhook rotated =
        original.withRotatedKey(WebhookKey.generate().hash(), T0, Duration.ofHours(1));
    webhooks().save(rotated);

    webhooks().save(rotated.withoutPreviousKey());

    assertThat(webhooks().findByKeyHash(original.keyHash())).isEmpty();
    assertThat(stored(original.id())).contains(content(rotated.withoutPreviousKey()));
  }

  @Test
  void forgetsTheOldKeyAtOnceWhenRotatedWithoutAGracePeriod() {
    Webhook original = webhook(ACME, "w1", "KnowBe4");
    webhooks().save(original);

    webhooks().save(original.withRotatedKey(WebhookKey.generate().hash(), T0, Duration.ZERO));

    assertThat(webhooks().findByKeyHash(original.keyHash())).isEmpty();
  }

  @Test
  void refusesAKeyHashThatIsAnotherWebhooksPreviousKey() {
    Webhook first = webhook(ACME, "w1", "KnowBe4");
    webhooks().save(first.withRotatedKey(WebhookKey.generate().hash(), T0, Duration.ofHours(1)));
    Webhook second = withKeyHash(webhook(ACME, "w2", "Articulate"), first.keyHash());

    assertThatThrownBy(() -> webhooks().save(second)).isInstanceOf(IllegalArgumentException.class);

    assertThat(webhooks().findById(second.id())).isEmpty();
  }

  @Test
  void refusesASecondWebhookOfTheSameNameInACompany() {
    Webhook first = webhook(ACME, "w1", "KnowBe4");
    webhooks().save(first);

    assertThatThrownBy(() -> webhooks().save(webhook(ACME, "w2", "KnowBe4")))
        .isInstanceOf(IllegalArgumentException.class);
    webhooks().save(webhook(ACME, "w3", "Articulate"));
    assertThatThrownBy(
            () -> webhooks().save(withName(webhook(ACME, "w3", "Articulate"), "KnowBe4")))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(webhooks().findById(WebhookId.of("w2"))).isEmpty();
    assertThat(stored(WebhookId.of("w3")).map(WebhookContent::name)).contains("Articulate");
  }

  @Test
  void acceptsTheSameNameInAnotherCompany() {
    webhooks().save(webhook(ACME, "w1", "KnowBe4"));

    webhooks().save(webhook(GLOBEX, "w2", "KnowBe4"));

    assertThat(webhooks().listByCompany(GLOBEX))
        .extracting(Webhook::name)
        .containsExactly("KnowBe4");
  }

  @Test
  void acceptsTheNameOfADeletedOrRenamedWebhook() {
    Webhook deleted = webhook(ACME, "w1", "KnowBe4");
    Webhook renamed = webhook(ACME, "w2", "Articulate");
    webhooks().save(deleted);
    webhooks().save(renamed);
    webhooks().delete(deleted.id());
    webhooks().save(withName(renamed, "Articulate 360"));

    webhooks().save(webhook(ACME, "w3", "KnowBe4"));
    webhooks().save(webhook(ACME, "w4", "Articulate"));

    assertThat(webhooks().listByCompany(ACME))
        .extracting(Webhook::name)
        .containsExactly("Articulate", "Articulate 360", "KnowBe4");
  }

  private static Webhook withName(Webhook webhook, String name) {
    return webhook.withSettings(name, webhook.mapping(), webhook.sourceType());
  }
}
