package io.learnhook.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.RetryPolicy;
import io.learnhook.delivery.SigningSecret;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.spi.ReportSubscriptionRepository;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ReportSubscriptionRepository}; extend it to run it against an adapter.
 * Every field reads back as written, the Authorization value and the signing secret included.
 */
public abstract class ReportSubscriptionRepositoryContract extends PortContract {

  /** The report subscription repository under test, the same one throughout a test. */
  protected abstract ReportSubscriptionRepository subscriptions();

  /**
   * Puts a company where your storage keeps it, for storage that refuses subscriptions naming an
   * unknown company. Does nothing unless overridden.
   */
  protected void putCompany(Company company) {}

  @BeforeEach
  void seedCompanies() {
    putCompany(new Company(ACME, true));
    putCompany(new Company(GLOBEX, true));
  }

  private static ReportSubscription plain(CompanyId company, String id) {
    return ReportSubscription.of(
        SubscriptionId.of(id), company, URI.create("https://hooks.example.com/lms/" + id));
  }

  @Test
  void keepsEveryFieldOfAFullSubscription() {
    ReportSubscription full =
        plain(ACME, "s1")
            .withAuthorization("Token abc")
            .withEnabled(false)
            .withRetryPolicy(
                RetryPolicy.exponential(8, Duration.ofMillis(1500), Duration.ofHours(2))
                    .withJitter(0.35)
                    .withRetryAfterCap(Duration.ofMinutes(90)))
            .withSigningSecret(SigningSecret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
            .withAllowPrivateNetwork(true);

    subscriptions().save(full);

    ReportSubscription found = subscriptions().findById(full.id()).orElseThrow();
    assertThat(found).isEqualTo(full);
    assertThat(found.authorization()).contains("Token abc");
    assertThat(found.signingSecret().map(SigningSecret::reveal))
        .contains("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    assertThat(found.retryPolicy()).isEqualTo(full.retryPolicy());
  }

  @Test
  void keepsCreationTimeDisabledReasonAndARotatedOutSecretWithItsGrace() {
    Instant created = Instant.parse("2026-11-25T10:15:30.123456Z");
    SigningSecret old = SigningSecret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    SigningSecret next = SigningSecret.generate();
    ReportSubscription rotated =
        plain(ACME, "s1")
            .withCreatedAt(created)
            .withSigningSecret(old)
            .withRotatedSigningSecret(next, created.plusSeconds(60), Duration.ofHours(24))
            .disabledBecause("answered 410 Gone at 2026-11-25T11:00:00Z");

    subscriptions().save(rotated);

    ReportSubscription found = subscriptions().findById(rotated.id()).orElseThrow();
    assertThat(found).isEqualTo(rotated);
    assertThat(found.createdAt()).isEqualTo(created);
    assertThat(found.disabledReason()).contains("answered 410 Gone at 2026-11-25T11:00:00Z");
    assertThat(found.signingSecret()).contains(next);
    assertThat(found.previousSecret())
        .contains(
            new ReportSubscription.PreviousSecret(
                old, created.plusSeconds(60).plus(Duration.ofHours(24))));

    ReportSubscription enabledAgain = found.withEnabled(true).withoutSigningSecret();
    subscriptions().save(enabledAgain);

    ReportSubscription cleared = subscriptions().findById(rotated.id()).orElseThrow();
    assertThat(cleared.disabledReason()).isEmpty();
    assertThat(cleared.signingSecret()).isEmpty();
    assertThat(cleared.previousSecret()).isEmpty();
    assertThat(cleared.createdAt()).isEqualTo(created);
  }

  @Test
  void keepsASubscriptionWithoutAuthorizationOrSecret() {
    ReportSubscription bare = plain(ACME, "s1");

    subscriptions().save(bare);

    ReportSubscription found = subscriptions().findById(bare.id()).orElseThrow();
    assertThat(found).isEqualTo(bare);
    assertThat(found.authorization()).isEmpty();
    assertThat(found.signingSecret()).isEmpty();
    assertThat(found.retryPolicy()).isEqualTo(RetryPolicy.defaults());
    assertThat(found.enabled()).isTrue();
    assertThat(found.allowPrivateNetwork()).isFalse();
  }

  @Test
  void replacesTheSubscriptionWithTheSameId() {
    subscriptions().save(plain(ACME, "s1"));
    ReportSubscription changed =
        ReportSubscription.of(SubscriptionId.of("s1"), ACME, URI.create("http://10.0.0.5:8080/in"))
            .withAllowPrivateNetwork(true)
            .withAuthorization("Bearer xyz");

    subscriptions().save(changed);

    assertThat(subscriptions().findById(SubscriptionId.of("s1"))).contains(changed);
    assertThat(subscriptions().listByCompany(ACME)).containsExactly(changed);
  }

  @Test
  void listsACompanysSubscriptionsByIdAndNeverAnotherCompanys() {
    ReportSubscription second = plain(ACME, "s2").withEnabled(false);
    ReportSubscription first = plain(ACME, "s1");
    ReportSubscription globex = plain(GLOBEX, "s3");
    subscriptions().save(second);
    subscriptions().save(globex);
    subscriptions().save(first);

    assertThat(subscriptions().listByCompany(ACME)).containsExactly(first, second);
    assertThat(subscriptions().listByCompany(GLOBEX)).containsExactly(globex);
    assertThat(subscriptions().listByCompany(CompanyId.of("initech"))).isEmpty();
  }

  @Test
  void deletesASubscriptionAndSaysWhetherItExisted() {
    subscriptions().save(plain(ACME, "s1"));

    assertThat(subscriptions().delete(SubscriptionId.of("s1"))).isTrue();
    assertThat(subscriptions().delete(SubscriptionId.of("s1"))).isFalse();
    assertThat(subscriptions().findById(SubscriptionId.of("s1"))).isEmpty();
    assertThat(subscriptions().listByCompany(ACME)).isEmpty();
  }

  @Test
  void keepsSqlMetacharactersAndUnicodeExactly() {
    ReportSubscription odd =
        new ReportSubscription(
            SubscriptionId.of(SQL_METACHARACTERS),
            CompanyId.of(UNICODE),
            URI.create("https://xn--bcher-kva.example/hook?token=a%27b&name=Zo%C3%AB"),
            Optional.of("Token " + SQL_METACHARACTERS + " Zoë 學習"),
            true,
            RetryPolicy.fixed(0, Duration.ZERO),
            Optional.empty(),
            false);

    subscriptions().save(odd);

    assertThat(subscriptions().findById(odd.id())).contains(odd);
    assertThat(subscriptions().listByCompany(CompanyId.of(UNICODE))).containsExactly(odd);
  }

  @Test
  void keepsIdsOfTheLongestLength() {
    ReportSubscription longest = plain(CompanyId.of(LONGEST_ID), "x").withEnabled(true);
    ReportSubscription withLongId =
        ReportSubscription.of(
            SubscriptionId.of(LONGEST_ID), CompanyId.of(LONGEST_ID), longest.callbackUrl());

    subscriptions().save(withLongId);

    assertThat(subscriptions().listByCompany(CompanyId.of(LONGEST_ID)))
        .isEqualTo(List.of(withLongId));
  }
}
