package io.learnhook.examples.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnhook.delivery.CallbackAddressRule;
import io.learnhook.webhook.Webhook.RateLimit;
import io.learnhook.webhook.Webhook.RateLimitSetting;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SeedTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "5d0c9a4e-2b7f-4c1d-9e3a-8f6b1a2c3d4e";

  @Test
  void readsTheSeedOfTheDesign() throws Exception {
    Seed seed =
        Seed.parse(
            JSON.readTree(
                """
                {"companies":[{"id":"acme","integration_enabled":true}],
                 "users":[{"id":"u1","company":"acme","email":"ann@acme.test","name":"Ann","active":true,
                           "ext_uid":"E-1","custom_fields":{"Team":"Blue"}}],
                 "items":[{"id":"i1","company":"acme","title":"Phishing 101","slug":"phishing-101",
                           "source_id":"1000","source_type":"knowbe4","type":"web_link",
                           "completion_controlled_externally":true}],
                 "webhooks":[{"id":"w1","company":"acme","name":"KnowBe4","key":"%s","source_type":"knowbe4",
                              "mapping":{"email":"user.email","source_id":"lesson.id"}}],
                 "report_subscriptions":[{"company":"acme","callback_url":"http://127.0.0.1:9000/hook",
                              "authorization":"Token abc","allow_private_network":true,
                              "retry":{"max_retries":3,"interval_seconds":300},
                              "signing_secret":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}]}
                """
                    .formatted(KEY)));

    assertThat(seed.companies())
        .singleElement()
        .satisfies(c -> assertThat(c.integrationEnabled()).isTrue());
    assertThat(seed.users())
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.externalUid()).contains("E-1");
              assertThat(u.customFields()).containsEntry("Team", "Blue");
            });
    assertThat(seed.items())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.sourceType()).contains("knowbe4");
              assertThat(i.completionControlledExternally()).isTrue();
            });
    assertThat(seed.webhooks())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.key().reveal()).isEqualTo(KEY);
              assertThat(w.mapping().configJson()).contains("lesson.id");
            });
    assertThat(seed.reportSubscriptions())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.company().value()).isEqualTo("acme");
              assertThat(s.callbackUrl().toString()).isEqualTo("http://127.0.0.1:9000/hook");
              assertThat(s.authorization()).contains("Token abc");
              assertThat(s.allowPrivateNetwork()).isTrue();
              assertThat(s.enabled()).isTrue();
              assertThat(s.retryPolicy()).isEqualTo(io.learnhook.delivery.RetryPolicy.defaults());
              assertThat(s.signingSecret().map(io.learnhook.delivery.SigningSecret::reveal))
                  .contains("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
            });
    assertThat(seed.companies().get(0).usesExternalUserIds()).isFalse();
  }

  @Test
  void listsEveryProblemWithItsPlaceAndNeverQuotesAKey() {
    String bad =
        """
        {"companies":[{"id":"acme","integration_enabled":"yes"}],
         "users":[{"id":"u1","company":"nowhere","name":"Ann"}],
         "items":[{"id":"i1","company":"acme"}],
         "webhooks":[{"id":"w1","company":"acme","key":"not-a-uuid-secret","mapping":{"emial":"x"}}],
         "extra":1}
        """;

    assertThatThrownBy(() -> Seed.parse(JSON.readTree(bad)))
        .isInstanceOf(SeedException.class)
        .hasMessageContaining("companies[0].integration_enabled: must be true or false")
        .hasMessageContaining("users[0].email: required")
        .hasMessageContaining("items[0].type: required")
        .hasMessageContaining("webhooks[0].key: must be a UUID")
        .hasMessageContaining("webhooks[0].mapping.emial")
        .hasMessageContaining("extra: unknown key")
        .message()
        .doesNotContain("not-a-uuid-secret");
  }

  @Test
  void refusesAnExternallyCompletedItemOfATypeThatCannotBeNamingItemTypeAndChoices() {
    String typo =
        """
        {"companies":[{"id":"acme"}],
         "items":[{"id":"i1","company":"acme","type":"web_link","completion_controlled_externally":true},
                  {"id":"i2","company":"acme","type":"weblink","completion_controlled_externally":true},
                  {"id":"i3","company":"acme","type":"course","completion_controlled_externally":false}]}
        """;

    assertThatThrownBy(() -> Seed.parse(JSON.readTree(typo)))
        .isInstanceOf(SeedException.class)
        .hasMessage(
            "Invalid seed file:\n  items[1].type: item 'i2' has completion_controlled_externally"
                + " true, but items of type 'weblink' cannot be completed externally; the types"
                + " that can: web_link, youtube, vimeo, video, audio");
  }

  @Test
  void listsTheTypeProblemWithEveryOtherProblemInOneMessage() {
    String bad =
        """
        {"companies":[{"id":"acme"}],
         "users":[{"id":"u1","company":"acme"}],
         "items":[{"company":"acme","type":"quiz","completion_controlled_externally":true}]}
        """;

    assertThatThrownBy(() -> Seed.parse(JSON.readTree(bad)))
        .isInstanceOf(SeedException.class)
        .hasMessage(
            "Invalid seed file:\n"
                + "  users[0].email: required\n"
                + "  items[0].id: required\n"
                + "  items[0].type: item without id has completion_controlled_externally true, but"
                + " items of type 'quiz' cannot be completed externally; the types that can:"
                + " web_link, youtube, vimeo, video, audio");
  }

  @Test
  void refusesEntriesOfACompanyTheSeedDoesNotHave() {
    String orphan =
        """
        {"companies":[{"id":"acme"}],
         "items":[{"id":"i1","company":"globex","type":"web_link"}]}
        """;

    assertThatThrownBy(() -> Seed.parse(JSON.readTree(orphan)))
        .hasMessageContaining("items[0].company: no company 'globex' in companies");
  }

  @Test
  void readsWhetherACompanyUsesExternalUserIds() throws Exception {
    Seed seed =
        Seed.parse(JSON.readTree("{\"companies\":[{\"id\":\"acme\",\"uses_ext_uid\":true}]}"));

    assertThat(seed.companies().get(0).usesExternalUserIds()).isTrue();
  }

  @Test
  void givesASubscriptionWithoutAnIdTheSameIdAtEveryStart() throws Exception {
    String json =
        """
        {"companies":[{"id":"acme"}],
         "report_subscriptions":[{"company":"acme","callback_url":"https://hooks.acme.test/lms"}]}
        """;

    Seed first = Seed.parse(JSON.readTree(json));
    Seed again = Seed.parse(JSON.readTree(json));

    assertThat(first.reportSubscriptions().get(0).id())
        .isEqualTo(again.reportSubscriptions().get(0).id());
    assertThat(first.reportSubscriptions().get(0).retryPolicy())
        .isEqualTo(io.learnhook.delivery.RetryPolicy.defaults());
    assertThat(first.reportSubscriptions().get(0).allowPrivateNetwork()).isFalse();
  }

  @Test
  void listsEverySubscriptionProblemAndNeverQuotesASecretOrAuthorization() {
    String bad =
        """
        {"companies":[{"id":"acme"}],
         "report_subscriptions":[
           {"company":"acme","callback_url":"ftp://files.acme.test/x","authorization":"Token s3cr3t"},
           {"company":"acme","callback_url":"https://h.test/x","signing_secret":"whsec_t0p-s3cret",
            "retry":{"max_retries":-1,"backoff":"linear"}},
           {"company":"globex","callback_url":"https://h.test/y","authorization":"Token a\\r\\nX: 1"},
           {"callback_url":"https://h.test/z","colour":"red"}]}
        """;

    assertThatThrownBy(() -> Seed.parse(JSON.readTree(bad)))
        .isInstanceOf(SeedException.class)
        .hasMessageContaining(
            "report_subscriptions[0]: callback URL must be an absolute http or https URL")
        .hasMessageContaining("report_subscriptions[1].signing_secret: must be 'whsec_'")
        .hasMessageContaining("report_subscriptions[1].retry: Invalid retry policy")
        .hasMessageContaining(
            "report_subscriptions[2]: Authorization value must not contain control characters")
        .hasMessageContaining("report_subscriptions[3].company: required")
        .hasMessageContaining("report_subscriptions[3].colour: unknown key")
        .message()
        .doesNotContain("s3cr3t")
        .doesNotContain("t0p-s3cret");
  }

  @Test
  void readsAWebhooksRateLimitOrOffAndListsEveryProblemOfOne() throws Exception {
    String webhooks =
        """
        {"companies":[{"id":"acme","integration_enabled":true}],
         "webhooks":[{"id":"w1","company":"acme","key":"%s","mapping":{},
                      "rate_limit":{"per_second":50,"burst":200}},
                     {"id":"w2","company":"acme","key":"%s","mapping":{},"rate_limit":"off"},
                     {"id":"w3","company":"acme","key":"%s","mapping":{}}]}
        """
            .formatted(KEY, UUID.randomUUID(), UUID.randomUUID());

    Seed seed = Seed.parse(JSON.readTree(webhooks));

    assertThat(seed.webhooks())
        .extracting(Seed.SeedWebhook::rateLimit)
        .containsExactly(
            Optional.of(RateLimitSetting.of(RateLimit.perSecond(50, 200))),
            Optional.of(RateLimitSetting.off()),
            Optional.empty());
    String bad =
        """
        {"companies":[{"id":"acme","integration_enabled":true}],
         "webhooks":[{"id":"w1","company":"acme","key":"%s","mapping":{},
                      "rate_limit":{"per_second":0,"burst":2.5,"per_minute":1}},
                     {"id":"w2","company":"acme","key":"%s","mapping":{},"rate_limit":"none"}]}
        """
            .formatted(KEY, UUID.randomUUID());
    assertThatThrownBy(() -> Seed.parse(JSON.readTree(bad)))
        .isInstanceOf(SeedException.class)
        .hasMessageContaining("webhooks[0].rate_limit.per_second: must be a number greater than 0")
        .hasMessageContaining("webhooks[0].rate_limit.burst: must be a whole number from 1")
        .hasMessageContaining("webhooks[0].rate_limit.per_minute: unknown key")
        .hasMessageContaining("webhooks[1].rate_limit: must be \"off\" or")
        .message()
        .doesNotContain(KEY);
  }

  @Test
  void refusesTwoWebhooksOfTheSameNameInACompany() {
    String twice =
        """
        {"companies":[{"id":"acme"},{"id":"globex"}],
         "webhooks":[
           {"id":"w1","company":"acme","name":"KnowBe4","key":"%s","mapping":{}},
           {"id":"w2","company":"globex","name":"KnowBe4","key":"%s","mapping":{}},
           {"id":"w3","company":"acme","name":"KnowBe4","key":"%s","mapping":{}}]}
        """
            .formatted(KEY, UUID.randomUUID(), UUID.randomUUID());

    assertThatThrownBy(() -> Seed.parse(JSON.readTree(twice)))
        .hasMessageContaining(
            "webhooks[2].name: company 'acme' already has a webhook named 'KnowBe4'")
        .message()
        .doesNotContain("webhooks[1]");
  }

  @Test
  void refusesASubscriptionToAPrivateOrLoopbackAddressUnlessItAllowsOneNamingEveryEntry() {
    String bad =
        """
        {"companies":[{"id":"acme"}],
         "report_subscriptions":[
           {"company":"acme","callback_url":"http://127.0.0.1:9000/hook?token=s3cr3t"},
           {"company":"acme","callback_url":"https://hooks.acme.test/x"},
           {"company":"acme","callback_url":"http://10.1.2.3/x","allow_private_network":true},
           {"company":"acme","callback_url":"http://intranet.acme.test/y"}]}
        """;
    CallbackAddressRule rule =
        CallbackAddressRule.using(
            host ->
                List.of(
                    InetAddress.getByName(
                        host.startsWith("intranet") ? "192.168.1.20" : "93.184.216.34")));

    assertThatThrownBy(() -> Seed.parse(JSON.readTree(bad), rule))
        .isInstanceOf(SeedException.class)
        .hasMessageContaining(
            "report_subscriptions[0].callback_url: callback address 127.0.0.1 is a loopback"
                + " address; reports are never sent there unless the entry says"
                + " \"allow_private_network\": true")
        .hasMessageContaining("report_subscriptions[3].callback_url: ")
        .hasMessageContaining("192.168.1.20")
        .message()
        .doesNotContain("report_subscriptions[1]")
        .doesNotContain("report_subscriptions[2]")
        .doesNotContain("s3cr3t");
  }

  private static final String TOKEN = "tok-" + UUID.randomUUID();

  @Test
  void readsTheAdminsKeepingOnlyTheirTokensHashes() throws Exception {
    Seed seed =
        Seed.parse(
            JSON.readTree(
                """
                {"companies":[{"id":"acme"}],
                 "users":[{"id":"u1","company":"acme","email":"olivia@acme.test"}],
                 "admins":[{"company":"acme","user":"u1","role":"owner","token":"%s"}]}
                """
                    .formatted(TOKEN)));

    assertThat(seed.admins())
        .singleElement()
        .satisfies(
            admin -> {
              assertThat(admin.actor())
                  .isEqualTo(
                      io.learnhook.management.Actor.of(
                          "u1", "acme", io.learnhook.management.Actor.Role.OWNER));
              assertThat(admin.tokenHash())
                  .isEqualTo(io.learnhook.http.admin.AdminAuthenticator.tokenHash(TOKEN));
              assertThat(admin.toString()).doesNotContain(admin.tokenHash());
            });
  }

  @Test
  void listsEveryAdminProblemAndNeverQuotesAToken() {
    String shortToken = "s3cr3t-but-short";
    String bad =
        """
        {"companies":[{"id":"acme"},{"id":"globex"}],
         "users":[{"id":"u1","company":"acme","email":"olivia@acme.test"},
                  {"id":"u9","company":"globex","email":"gus@globex.test"}],
         "admins":[{"company":"initech","user":"u1","role":"owner","token":"%1$s"},
                   {"company":"acme","user":"u2","role":"owner","token":"%1$s-2"},
                   {"company":"acme","user":"u1","role":"superuser","token":"%1$s-3"},
                   {"company":"acme","user":"u1","role":"admin","token":"%2$s"},
                   {"company":"acme","user":"u1","role":"admin","token":"  "},
                   {"company":"acme","user":"u1","role":"manager"},
                   {"company":"acme","user":"u1","role":"owner","token":"%1$s"},
                   {"company":"acme","user":"u9","role":"owner","token":"%1$s-4"},
                   {"company":"acme","user":"u1","role":"owner","token":"%1$s-5","scope":"all"}]}
        """
            .formatted(TOKEN + "-long-enough", shortToken);

    assertThatThrownBy(() -> Seed.parse(JSON.readTree(bad)))
        .isInstanceOf(SeedException.class)
        .hasMessageContaining("admins[0].company: no company 'initech' in companies")
        .hasMessageContaining("admins[1].user: no user 'u2' in users")
        .hasMessageContaining(
            "admins[2].role: 'superuser' is not a role; the roles: owner, admin, manager, learner")
        .hasMessageContaining("admins[3].token: must be at least 32 characters")
        .hasMessageContaining("admins[4].token: must be a non-blank string")
        .hasMessageContaining("admins[5].token: required")
        .hasMessageContaining("admins[6].token: the same token as admins[0]; each needs its own")
        .hasMessageContaining("admins[7].user: user 'u9' is of company 'globex', not 'acme'")
        .hasMessageContaining("admins[8].scope: unknown key")
        .message()
        .doesNotContain(TOKEN)
        .doesNotContain(shortToken);
  }
}
